"""Staff side of warm leads on Telegram: the lead cards' buttons, /leads, /lead, /notitie, /bericht.

Every handler checks the role again on the server (StaffDirectory.require) and the lead
service checks the lead's state, so a forged callback or a forwarded command gets a polite
refusal, never another person's data. Also the young person's side of the loop: the parent's
deep link ``/start ouder_<code>`` (a parent's consent) and ``/antwoord`` (answer the staff member).
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import re

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.leads.service import CALLBACK_PREFIX, PARENT_PREFIX
from bot.pipeline.capture import parent_code_payload
from bot.staff.telegram import STAFF_HELP
from bot.telegram.common import Handler, args_of, polite, reply_html, runtime_of
from bot.telegram.handlers import _user, send_replies

log = logging.getLogger(__name__)

_CODE = re.compile(r"^[A-Za-z0-9]{4,40}$")  # typed codes (10) and link tokens (26)
_CALLBACK = re.compile(r"^s\|(claim|contacted|signed|close)\|([A-Za-z0-9]{1,12})$")


async def start_parent_code(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A parent opened the child's link: hand the code to Rasa as an entity of parent_code."""
    user = _user(update)
    if user is None:
        return
    code = args_of(context)[0].removeprefix(PARENT_PREFIX) if args_of(context) else ""
    if not _CODE.match(code):
        await reply_html(
            update, "Deze link klopt niet helemaal. Typ de code die je kreeg gerust hier."
        )
        return
    # The code itself stays out of Rasa: kept in the parent's draft, Rasa gets a placeholder.
    runtime = runtime_of(context)
    await runtime.capture.parent_code(runtime.conversation.pseudonym(user), code)
    replies = await runtime.conversation.button(user, parent_code_payload())
    await send_replies(context, int(user.chat_id), replies)


async def young_person_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'/antwoord <tekst>': the young person answers the staff member who contacted them."""
    user = _user(update)
    text = " ".join(args_of(context))
    if user is None:
        return
    if not text:
        await reply_html(
            update, "Typ je antwoord achter /antwoord, bijvoorbeeld: /antwoord Hoi, dat is goed!"
        )
        return
    runtime = runtime_of(context)
    pseudonym = runtime.conversation.pseudonym(user)
    sent = await asyncio.to_thread(runtime.leads.reply_from_young_person, pseudonym, text)
    await reply_html(
        update,
        "Doorgestuurd naar Join us! 👍"
        if sent
        else "Er is nog niemand van Join us met je bezig via deze chat, dus ik kan dit niet doorsturen.",
    )


async def list_leads(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    runtime = runtime_of(context)
    actor = await asyncio.to_thread(runtime.staff.require, user.id)
    lines = await asyncio.to_thread(runtime.leads.open_leads, actor)
    text = "\n".join(html.escape(line) for line in lines) or "Geen open aanmeldingen. 🎉"
    await reply_html(update, f"<b>Aanmeldingen</b>\n{text}\n\n{STAFF_HELP}")


async def show_lead(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    runtime = runtime_of(context)
    actor = await asyncio.to_thread(runtime.staff.require, user.id)
    args = args_of(context)
    if len(args) != 1:
        await reply_html(update, "Gebruik: /lead &lt;id&gt;, bijvoorbeeld /lead K7Q2MX")
        return
    text = await asyncio.to_thread(runtime.leads.details, actor, args[0].lstrip("#").upper())
    await reply_html(update, text)


async def add_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    runtime = runtime_of(context)
    actor = await asyncio.to_thread(runtime.staff.require, user.id)
    args = args_of(context)
    if len(args) < 2:
        await reply_html(update, "Gebruik: /notitie &lt;id&gt; &lt;tekst&gt;")
        return
    text = await asyncio.to_thread(
        runtime.leads.add_note, actor, args[0].lstrip("#").upper(), " ".join(args[1:])
    )
    await reply_html(update, html.escape(text))


async def relay_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    runtime = runtime_of(context)
    actor = await asyncio.to_thread(runtime.staff.require, user.id)
    args = args_of(context)
    if len(args) < 2:
        await reply_html(update, "Gebruik: /bericht &lt;id&gt; &lt;tekst&gt;")
        return
    text = await asyncio.to_thread(
        runtime.leads.relay, actor, args[0].lstrip("#").upper(), " ".join(args[1:])
    )
    await reply_html(update, html.escape(text))
    delivery = context.bot_data.get("delivery")
    if delivery is not None:
        delivery.wake()


async def on_staff_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'s|<action>|<lead>' from a card or the claimer's details; any data is re-checked."""
    query = update.callback_query
    if query is None or query.from_user is None:
        return
    match = _CALLBACK.match(query.data or "")
    if match is None:
        await query.answer("Deze knop werkt niet (meer).", show_alert=True)
        return
    runtime = runtime_of(context)
    actor = await asyncio.to_thread(runtime.staff.require, query.from_user.id)
    result = await asyncio.to_thread(runtime.leads.staff_step, actor, match[2], match[1])
    await query.answer(result[:190])
    message = query.message
    if isinstance(message, Message) and message.text_html:
        who = html.escape(query.from_user.first_name or "een medewerker")
        # A claimed card loses its buttons (the claimer goes on privately); so does a final step.
        keep = match[1] == "contacted"
        with contextlib.suppress(TelegramError):
            await query.edit_message_text(
                f"{message.text_html}\n\n<i>{html.escape(result)} ({who})</i>",
                parse_mode=ParseMode.HTML,
                reply_markup=message.reply_markup if keep else None,
            )
    delivery = context.bot_data.get("delivery")
    if delivery is not None:
        delivery.wake()  # the claimer's details are in the outbox now


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the handlers; call before the generic command/text/button handlers (same group)."""
    private = filters.ChatType.PRIVATE
    # The parent's deep link before the generic /start (which goes to Rasa as greet + source).
    app.add_handler(
        CommandHandler(
            "start",
            polite(start_parent_code),
            filters=private & filters.Regex(rf"^/start {PARENT_PREFIX}"),
        )
    )
    app.add_handler(CommandHandler("antwoord", polite(young_person_reply), filters=private))
    commands: dict[str, Handler] = {
        "leads": list_leads,
        "lead": show_lead,
        "notitie": add_note,
        "bericht": relay_message,
    }
    for name, handler in commands.items():
        app.add_handler(CommandHandler(name, polite(handler), filters=private))
    # Staff buttons may be pressed in the staff group, so no private-chat filter here.
    app.add_handler(
        CallbackQueryHandler(polite(on_staff_button), pattern=rf"^{re.escape(CALLBACK_PREFIX)}")
    )
