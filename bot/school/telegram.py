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

from bot.school.requests import CALLBACK_PREFIX
from bot.telegram.common import polite, reply_html, runtime_of, wake_delivery

REQUESTS_HELP = (
    "<b>Verzoeken van scholen</b>\n"
    "/verzoeken — open verzoeken en die van jou\n"
    "/verzoek &lt;id&gt; &lt;tekst&gt; — antwoord aan de school (als jij het hebt opgepakt)\n"
    "Status zet je met de knoppen onder de kaart; 'Afgerond' laat de school dat weten."
)
_STEP = re.compile(r"^r\|(claim|contacted|done)\|([A-Za-z0-9]{1,12})$")
_UPDATE = re.compile(r"^r\|upd\|([A-Za-z0-9]{1,12})\|([a-z]{1,12})$")


async def list_requests(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    runtime = runtime_of(context)
    actor = await asyncio.to_thread(runtime.staff.require, user.id)
    lines = await asyncio.to_thread(runtime.referrals.open_requests, actor)
    text = "\n".join(html.escape(line) for line in lines) or "Geen open verzoeken van scholen."
    await reply_html(update, f"{text}\n\n{REQUESTS_HELP}")


async def answer_request(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    runtime = runtime_of(context)
    actor = await asyncio.to_thread(runtime.staff.require, user.id)
    args = list(context.args or [])
    if len(args) < 2:
        await reply_html(update, "Gebruik: /verzoek &lt;id&gt; &lt;tekst&gt;")
        return
    public_id, text = args[0].lstrip("#").upper(), " ".join(args[1:])
    result = await asyncio.to_thread(runtime.referrals.answer, actor, public_id, text)
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
        await query.answer("Deze knop werkt niet (meer).", show_alert=True)
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
        who = html.escape(query.from_user.first_name or "een medewerker")
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
