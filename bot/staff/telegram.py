"""The Join us staff on Telegram: the invite link ``/start staff_<token>``, /staf (admins), /cijfers.

Every handler checks the role again on the server (StaffDirectory.require). The lead handlers
are in bot/leads/telegram.py, the school requests' in bot/school/telegram.py.
"""

from __future__ import annotations

import asyncio
import html
import logging

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, filters

from bot.staff import texts
from bot.staff.members import INVITE_PREFIX
from bot.staff.reports import figures_text
from bot.telegram.common import args_of, polite, reply_html, runtime_of, staff_member
from bot.telegram.menus import CommandMenus

log = logging.getLogger(__name__)


async def start_staff_invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    token = args_of(context)[0].removeprefix(INVITE_PREFIX) if args_of(context) else ""
    runtime = runtime_of(context)
    added = await asyncio.to_thread(runtime.staff.redeem, token, user.id, user.first_name or "")
    role = await asyncio.to_thread(runtime.staff.role, user.id)
    await _update_menu(context, user.id, role)
    what = texts.ROLE_COACH if role == "coach" else texts.ROLE_STAFF
    welcome = (texts.WELCOME_TO_THE_TEAM if added else texts.ALREADY_ON_THE_TEAM).format(role=what)
    help_text = "" if role == "coach" else f"\n\n{texts.STAFF_HELP}"
    await reply_html(update, f"{welcome}\n{texts.USE_THE_CONSOLE}{help_text}")


async def staff_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/staf [uitnodigen|lijst|verwijder <id>] — admins only."""
    user = update.effective_user
    if user is None:
        return
    runtime = runtime_of(context)
    admin = await asyncio.to_thread(runtime.staff.require, user.id, admin=True)
    args = args_of(context)
    command = args[0].lower() if args else ""
    if command in {"uitnodigen", "invite", "nieuw"}:
        role = "coach" if len(args) > 1 and args[1].lower() == "coach" else "staff"
        token = await asyncio.to_thread(runtime.staff.create_invite, admin, role)
        link = runtime.links.link(INVITE_PREFIX + token)
        await reply_html(
            update,
            texts.INVITE_LINK.format(
                hours=runtime.settings.staff_invite_hours, link=html.escape(link)
            ),
        )
    elif command in {"lijst", "list"}:
        members = await asyncio.to_thread(runtime.staff.members)
        lines = [
            texts.MEMBER_LINE.format(id=telegram_id, name=html.escape(name))
            for telegram_id, name in members
        ]
        admins = ", ".join(str(a) for a in sorted(runtime.settings.admin_ids))
        await reply_html(
            update,
            texts.MEMBERS.format(members="\n".join(lines) or texts.NO_MEMBERS, admins=admins),
        )
    elif command in {"verwijder", "remove"} and len(args) == 2 and args[1].isdigit():
        member = int(args[1])
        removed = await asyncio.to_thread(runtime.staff.remove, admin, member)
        if removed:  # back to the young people's menu (or the admin's, for an admin)
            await _update_menu(context, member, await asyncio.to_thread(runtime.staff.role, member))
        await reply_html(update, texts.MEMBER_REMOVED if removed else texts.MEMBER_UNKNOWN)
    else:
        await reply_html(update, f"{texts.ADMIN_HELP}\n\n{texts.STAFF_HELP}")


async def _update_menu(context: ContextTypes.DEFAULT_TYPE, chat_id: int, role: str | None) -> None:
    """This person's command menu now (bot/telegram/menus.py), not at the next sync."""
    menus: CommandMenus | None = context.bot_data.get("menus")
    if menus is not None:
        await menus.apply(context.bot, chat_id, role)


async def figures(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if (staff := await staff_member(update, context)) is None:
        return
    runtime, _ = staff
    unanswered = await asyncio.to_thread(runtime.insights.weekly_counts)
    leads = await asyncio.to_thread(runtime.leads.weekly_counts)
    await reply_html(update, figures_text(unanswered, leads))


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the handlers; call before the generic command/text/button handlers (same group)."""
    private = filters.ChatType.PRIVATE
    # The invite deep link before the generic /start (which goes to Rasa as greet + source).
    app.add_handler(
        CommandHandler(
            "start",
            polite(start_staff_invite),
            filters=private & filters.Regex(rf"^/start {INVITE_PREFIX}"),
        )
    )
    app.add_handler(CommandHandler("staf", polite(staff_admin), filters=private))
    app.add_handler(CommandHandler("cijfers", polite(figures), filters=private))
