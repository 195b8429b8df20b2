"""Handlers for young people's private chats: text, buttons, commands and everything else."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

from sqlalchemy import select
from telegram import Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.conversation import EDITED, ONLY_TEXT, ChannelUser, Conversation
from bot.messages import Reply
from bot.privacy_directives import record_message
from bot.storage.db import Database
from bot.storage.models import ButtonPayload
from bot.telegram.rendering import EPHEMERAL_SIGNER, ButtonSigner, render

log = logging.getLogger(__name__)

EXPIRED_BUTTON = Reply("Deze knop werkt niet meer. Typ gerust je vraag opnieuw.")


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
    database = _database(context)

    def store(token: str, payload: str) -> None:
        _store_payload(database, token, payload)

    for reply in replies:
        for message in await asyncio.to_thread(render, reply, store, _signer(context), chat_id):
            sent = await context.bot.send_message(
                chat_id,
                message.text,
                parse_mode=ParseMode.HTML,
                reply_markup=message.reply_markup,
                disable_web_page_preview=True,
            )
            if reply.personal:  # shows someone's details: /vergeet and /stop delete it again
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


async def _typing(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> None:
    with contextlib.suppress(TelegramError):  # cosmetic only
        await context.bot.send_chat_action(chat_id, ChatAction.TYPING)


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = _user(update)
    if user is None or update.effective_message is None:
        return
    # "typing…" goes out beside the engine turn, never before or in the way of the answer: no
    # Bot API round trip is added to it (to real Telegram 50-150 ms), and a slow typing call is
    # dropped once the answer is there (the answer ends Telegram's typing status anyway).
    typing = asyncio.create_task(_typing(context, int(user.chat_id)))
    try:
        replies = await _conversation(context).text(user, update.effective_message.text or "")
        await send_replies(context, int(user.chat_id), replies)
    finally:
        typing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await typing


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
    # Acknowledge first: Telegram shows a spinner on the button until we do.
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
                "Er ging iets mis aan mijn kant. Probeer het zo nog eens! 🙏",
            )
        except TelegramError:
            log.warning("could not tell the user about the error")
