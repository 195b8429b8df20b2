"""Handlers for young people's private chats: text, buttons, commands and everything else."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Sequence

from sqlalchemy import select
from telegram import Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import ApplicationHandlerStop, CommandHandler, ContextTypes

from bot.core.buttons import fits_inline
from bot.core.crypto import Cipher
from bot.pipeline import texts
from bot.pipeline.conversation import COMMAND_INTENTS, EDITED, ONLY_TEXT, ChannelUser, Conversation
from bot.pipeline.messages import Reply
from bot.pipeline.outbox import OutButton, enqueue
from bot.privacy.directives import record_message
from bot.safety import SafetyResult
from bot.storage.db import Database
from bot.storage.models import ButtonPayload
from bot.telegram.ratelimit import replying_to
from bot.telegram.rendering import EPHEMERAL_SIGNER, ButtonSigner, OutgoingMessage, render

log = logging.getLogger(__name__)
# chat_data key: (update id, SafetyResult) of the message safety_gate just judged.
_JUDGED = "safety_verdict"

EXPIRED_BUTTON = Reply(texts.OLD_BUTTON)


def _conversation(context: ContextTypes.DEFAULT_TYPE) -> Conversation:
    conversation: Conversation = context.bot_data["conversation"]
    return conversation


def _database(context: ContextTypes.DEFAULT_TYPE) -> Database:
    database: Database = context.bot_data["database"]
    return database


def _signer(context: ContextTypes.DEFAULT_TYPE) -> ButtonSigner:
    signer: ButtonSigner = context.bot_data.get("button_signer", EPHEMERAL_SIGNER)
    return signer


def _user(update: Update) -> ChannelUser | None:
    if update.effective_user is None or update.effective_chat is None:
        return None
    return ChannelUser("telegram", update.effective_user.id, update.effective_chat.id)


def _store_payload(database: Database, token: str, payload: str) -> None:
    with database.session() as session:
        if session.get(ButtonPayload, token) is None:
            session.add(ButtonPayload(token=token, payload=payload))


def _load_payload(database: Database, token: str) -> str | None:
    with database.session() as session:
        return session.scalar(select(ButtonPayload.payload).where(ButtonPayload.token == token))


async def send_replies(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, replies: Sequence[Reply]
) -> None:
    """Send at once; if Telegram is down, rate-limits us or times out, the rest of the answer
    goes through the outbox instead, so the person still gets it when Telegram is back."""
    database = _database(context)

    def store(token: str, payload: str) -> None:
        _store_payload(database, token, payload)

    messages: list[OutgoingMessage] = []
    personal: list[bool] = []  # shows someone's details: /vergeet and /stop delete it
    for reply in replies:
        # Only a button whose payload is too long to sign inline touches the database; the
        # crisis reply (one short button) never waits on it.
        rendered = (
            await asyncio.to_thread(render, reply, store, _signer(context), chat_id)
            if any(not fits_inline(b.payload) for b in reply.buttons)
            else render(reply, store, _signer(context), chat_id)
        )
        messages += rendered
        personal += [reply.personal] * len(rendered)
    for index, message in enumerate(messages):
        try:
            with replying_to(chat_id):  # an answer, not a bulk message: not paced at 30/s
                sent = await context.bot.send_message(
                    chat_id,
                    message.text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=message.reply_markup,
                    disable_web_page_preview=True,
                )
        except BadRequest:
            raise  # our message is wrong: retrying cannot help (on_error tells the person)
        except (RetryAfter, NetworkError) as exc:  # NetworkError includes TimedOut
            log.warning("reply not sent (%s): queued in the outbox", type(exc).__name__)
            await asyncio.to_thread(_queue_replies, context, chat_id, messages[index:])
            wake = context.bot_data.get("delivery")
            if wake is not None:
                wake.wake()
            return
        if personal[index]:
            await _record_personal(context, chat_id, sent.message_id)


async def _record_personal(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, message_id: int
) -> None:
    runtime = context.bot_data.get("runtime")
    if runtime is None:
        return
    # Private chats only reach here, where the chat id is the user's id.
    pseudonym = _conversation(context).pseudonym(ChannelUser("telegram", chat_id, chat_id))
    await asyncio.to_thread(record_message, runtime.privacy_context, pseudonym, chat_id, message_id)


def _queue_replies(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, messages: Sequence[OutgoingMessage]
) -> None:
    cipher: Cipher = context.bot_data["runtime"].cipher
    batch = uuid.uuid4().hex
    with _database(context).session() as session:
        for n, message in enumerate(messages):
            markup = message.reply_markup
            buttons = (
                [
                    [OutButton(b.text, str(b.callback_data)) for b in row]
                    for row in markup.inline_keyboard
                ]
                if markup is not None
                else None
            )
            enqueue(
                session,
                cipher,
                chat_id=chat_id,
                text=message.text,
                kind="reply",
                dedupe_key=f"reply:{batch}:{n}",
                buttons=buttons,
            )


# "typing…" only for an answer that takes longer than this: a quicker answer arrives before a
# person would notice the status, and skipping it saves one Bot API call per turn exactly when
# many people are talking at once.
TYPING_AFTER = 0.4


async def _typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    await asyncio.sleep(TYPING_AFTER)
    with contextlib.suppress(TelegramError):  # cosmetic only
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)


async def safety_gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Before every other handler: whatever a person types in a private chat (a message, a
    photo or voice caption, an edit, the words after any command) passes the safety net, so
    no handler (form capture, staff relays, ambassador commands) can skip it. A crisis is
    answered here. What the conversation would handle (text, captions, edits, its own and
    unknown commands) stops here; a feature's own command (/antwoord to a staff member, a
    staff member's /verzoek to a school) still goes on, so nothing a person relays is lost."""
    chat = update.effective_chat
    message = update.effective_message
    user = _user(update)
    if chat is None or chat.type != "private" or message is None or user is None:
        return
    if update.callback_query is not None:
        # A pressed button's message is our own text, not the person's: checking it gave a
        # crisis reply to "+1 week" under "Of kies zelf een datum: /uitstel 1 30-10".
        return
    text = message.text or message.caption or ""
    if not text:
        return
    conversation = _conversation(context)
    safety = conversation.judge(user, text)
    replies = conversation.crisis_replies(user, safety)
    if replies is None:
        # on_text reuses this verdict: the net remembers what it saw, so judging the same
        # message twice made it look like a second, calm turn of the same person.
        if context.chat_data is not None:
            context.chat_data[_JUDGED] = (update.update_id, safety)
        return
    await send_replies(context, int(user.chat_id), replies)
    command = text[1:].split(maxsplit=1)[0].split("@", 1)[0].lower() if text[0] == "/" else ""
    if update.edited_message is not None or command not in _feature_commands(context):
        raise ApplicationHandlerStop


def _judged(update: Update, context: ContextTypes.DEFAULT_TYPE) -> SafetyResult | None:
    """safety_gate's verdict on this update's message, if it gave one (taken once)."""
    stored = context.chat_data.pop(_JUDGED, None) if context.chat_data is not None else None
    if stored is None or stored[0] != update.update_id:
        return None
    verdict: SafetyResult = stored[1]
    return verdict


def _feature_commands(context: ContextTypes.DEFAULT_TYPE) -> frozenset[str]:
    """Commands registered by feature modules (not the conversation's own), computed once."""
    commands: frozenset[str] | None = context.bot_data.get("feature_commands")
    if commands is None:
        names: set[str] = set()
        for handlers in context.application.handlers.values():
            for handler in handlers:
                if isinstance(handler, CommandHandler):
                    names |= set(handler.commands)
        commands = frozenset(names - set(COMMAND_INTENTS))
        context.bot_data["feature_commands"] = commands
    return commands


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = _user(update)
    if user is None or update.effective_message is None:
        return
    # "typing…" goes out beside a slow engine turn (TYPING_AFTER), never before or in the way of
    # the answer: no Bot API round trip is added to it (to real Telegram 50-150 ms), and a slow
    # typing call is dropped once the answer is there (the answer ends Telegram's typing status).
    # It covers the engine turn only: once the answer is ready, a wait for the 30 messages/s
    # limiter (many people at once) gets no extra Bot API call.
    typing = asyncio.create_task(_typing(context, int(user.chat_id)))
    try:
        replies = await _conversation(context).text(
            user, update.effective_message.text or "", judged=_judged(update, context)
        )
    finally:
        typing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await typing
    await send_replies(context, int(user.chat_id), replies)


async def on_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Every /command: the pipeline maps it to an intent (or says it does not know it)."""
    user = _user(update)
    message = update.effective_message
    if user is None or message is None or not message.text:
        return
    name, _, arg = message.text[1:].partition(" ")
    replies = await _conversation(context).command(user, name.split("@", 1)[0], arg.strip())
    await send_replies(context, int(user.chat_id), replies)


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    user = _user(update)
    if query is None or user is None:
        return
    # Acknowledge first: Telegram shows a spinner on the button until we do. Cosmetic: when
    # Telegram has trouble, the pressed choice still counts.
    with contextlib.suppress(TelegramError):
        await query.answer()
    database = _database(context)
    # Only a payload this bot issued to this chat goes to Rasa; forged data gets the polite
    # "this button no longer works" (it could otherwise carry any intent or entity).
    payload = await asyncio.to_thread(
        _signer(context).payload_of,
        user.chat_id,
        query.data or "",
        lambda token: _load_payload(database, token),
    )
    if not payload:
        await send_replies(context, int(user.chat_id), [EXPIRED_BUTTON])
        return
    # Take the keyboard away so an old choice cannot be pressed twice by accident.
    with contextlib.suppress(TelegramError):
        await query.edit_message_reply_markup(reply_markup=None)
    replies = await _conversation(context).button(user, payload)
    await send_replies(context, int(user.chat_id), replies)


async def on_non_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = _user(update)
    if user is not None:
        await send_replies(context, int(user.chat_id), [ONLY_TEXT])


async def on_edited(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = _user(update)
    if user is not None:
        await send_replies(context, int(user.chat_id), [EDITED])


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log first (without user ids), then tell the user something kind instead of going silent."""
    log.error(
        "unhandled error in a handler: %s", type(context.error).__name__, exc_info=context.error
    )
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(
                update.effective_chat.id,
                texts.SOMETHING_WENT_WRONG,
            )
        except TelegramError:
            log.warning("could not tell the user about the error")
