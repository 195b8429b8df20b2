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

from bot.staff.members import INVITE_PREFIX
from bot.staff.reports import figures_text
from bot.telegram.common import args_of, polite, reply_html, runtime_of

log = logging.getLogger(__name__)

STAFF_HELP = (
    "<b>Aanmeldingen</b>\n"
    "/leads — open aanmeldingen en die van jou\n"
    "/lead &lt;id&gt; — alle gegevens (als jij hem hebt opgepakt)\n"
    "/notitie &lt;id&gt; &lt;tekst&gt; — korte notitie\n"
    "/bericht &lt;id&gt; &lt;tekst&gt; — bericht via de chatbot (als de jongere dat koos)\n"
    "Status zet je met de knoppen onder de kaart of onder de gegevens.\n"
    "/cijfers — anonieme aantallen: vragen zonder antwoord, aanmeldingen per bron\n"
    "/console — inloglink voor de console (alles op één plek)"
)
ADMIN_HELP = (
    "<b>Beheer</b>\n/staf uitnodigen [coach] — eenmalige uitnodigingslink (als coach: alleen ambassadeurs)\n"
    "/staf lijst — wie is medewerker\n/staf verwijder &lt;telegram-id&gt;"
)


async def start_staff_invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    token = args_of(context)[0].removeprefix(INVITE_PREFIX) if args_of(context) else ""
    runtime = runtime_of(context)
    added = await asyncio.to_thread(runtime.staff.redeem, token, user.id, user.first_name or "")
    role = await asyncio.to_thread(runtime.staff.role, user.id)
    what = "coach van de ambassadeurs" if role == "coach" else "medewerker"
    welcome = f"Welkom bij het team! Je bent nu {what}." if added else f"Je was al {what}."
    console = "Alles doe je in de console: stuur /console voor een inloglink."
    help_text = "" if role == "coach" else f"\n\n{STAFF_HELP}"
    await reply_html(update, f"{welcome}\n{console}{help_text}")


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
            f"Eenmalige uitnodiging, {runtime.settings.staff_invite_hours} uur geldig:\n"
            f"{html.escape(link)}\n\nStuur deze link alleen naar de nieuwe medewerker.",
        )
    elif command in {"lijst", "list"}:
        members = await asyncio.to_thread(runtime.staff.members)
        lines = [f"{telegram_id} — {html.escape(name)}" for telegram_id, name in members]
        admins = ", ".join(str(a) for a in sorted(runtime.settings.admin_ids))
        await reply_html(
            update,
            "Medewerkers:\n" + ("\n".join(lines) or "(nog niemand)") + f"\n\nBeheerders: {admins}",
        )
    elif command in {"verwijder", "remove"} and len(args) == 2 and args[1].isdigit():
        removed = await asyncio.to_thread(runtime.staff.remove, admin, int(args[1]))
        await reply_html(update, "Verwijderd." if removed else "Die medewerker ken ik niet.")
    else:
        await reply_html(update, f"{ADMIN_HELP}\n\n{STAFF_HELP}")


async def figures(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    runtime = runtime_of(context)
    await asyncio.to_thread(runtime.staff.require, user.id)
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
