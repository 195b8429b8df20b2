"""Staff side of school requests on Telegram: card buttons 'r|…', /verzoeken and /verzoek.

Same guarantees as the lead handlers in bot/staff/telegram.py: every handler checks the staff
role again on the server (StaffDirectory.require) and the referral service checks the state,
so forged callback data gets a polite refusal, never another school's details.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.school import texts
from bot.school.requests import CALLBACK_PREFIX
from bot.staff import texts as staff_texts
from bot.telegram.common import (
    id_and_text,
    polite,
    reply_html,
    runtime_of,
    staff_member,
    wake_delivery,
)

_STEP = re.compile(r"^r\|(claim|contacted|done)\|([A-Za-z0-9]{1,12})$")
_UPDATE = re.compile(r"^r\|upd\|([A-Za-z0-9]{1,12})\|([a-z]{1,12})$")


async def list_requests(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if (staff := await staff_member(update, context)) is None:
        return
    runtime, actor = staff
    lines = await asyncio.to_thread(runtime.referrals.open_requests, actor)
    text = "\n".join(html.escape(line) for line in lines) or texts.NO_OPEN_REQUESTS
    await reply_html(update, f"{text}\n\n{texts.REQUESTS_HELP}")


async def answer_request(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    staff = await staff_member(update, context)
    if staff is None or (given := await id_and_text(update, context, texts.ANSWER_USAGE)) is None:
        return
    runtime, actor = staff
    result = await asyncio.to_thread(runtime.referrals.answer, actor, *given)
    await reply_html(update, html.escape(result))
    wake_delivery(context)


async def on_school_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'r|<step>|<request>' on a card, or 'r|upd|<lead>|<update>' after "signed up"."""
    query = update.callback_query
    if query is None or query.from_user is None:
        return
    runtime = runtime_of(context)
    step, update_ = _STEP.match(query.data or ""), _UPDATE.match(query.data or "")
    if step is None and update_ is None:
        await query.answer(staff_texts.OLD_STAFF_BUTTON, show_alert=True)
        return
    actor = await asyncio.to_thread(runtime.staff.require, query.from_user.id)
    if update_ is not None:
        result = await asyncio.to_thread(
            runtime.referrals.send_update, actor, update_[1], update_[2]
        )
    else:
        assert step is not None
        result = await asyncio.to_thread(runtime.referrals.staff_step, actor, step[2], step[1])
    await query.answer(result[:190])
    message = query.message
    if isinstance(message, Message) and message.text_html:
        who = html.escape(query.from_user.first_name or staff_texts.A_STAFF_MEMBER)
        keep = step is not None and step[1] == "contacted"
        with contextlib.suppress(TelegramError):
            await query.edit_message_text(
                f"{message.text_html}\n\n<i>{html.escape(result)} ({who})</i>",
                parse_mode=ParseMode.HTML,
                reply_markup=message.reply_markup if keep else None,
            )
    wake_delivery(context)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the handlers; call before the generic command/text/button handlers (same group)."""
    private = filters.ChatType.PRIVATE
    app.add_handler(CommandHandler("verzoeken", polite(list_requests), filters=private))
    app.add_handler(CommandHandler("verzoek", polite(answer_request), filters=private))
    # Buttons may be pressed in the staff group, so no private-chat filter here.
    app.add_handler(
        CallbackQueryHandler(polite(on_school_button), pattern=rf"^{re.escape(CALLBACK_PREFIX)}")
    )
