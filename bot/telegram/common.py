"""Plumbing shared by the staff-facing handler modules (staff, leads, school, ambassadors)."""

from __future__ import annotations

import asyncio
import contextlib
import html
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.core.errors import AmbassadorError, LeadError
from bot.ops.runtime import Runtime
from bot.staff.members import Actor
from bot.telegram.ratelimit import replying_to

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def runtime_of(context: ContextTypes.DEFAULT_TYPE) -> Runtime:
    runtime: Runtime = context.bot_data["runtime"]
    return runtime


def args_of(context: ContextTypes.DEFAULT_TYPE) -> list[str]:
    return list(context.args or [])


def wake_delivery(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Deliver what a handler just put in the outbox now, not at the next poll."""
    delivery = context.bot_data.get("delivery")
    if delivery is not None:
        delivery.wake()


async def staff_member(
    update: Update, context: ContextTypes.DEFAULT_TYPE
) -> tuple[Runtime, Actor] | None:
    """The staff member behind this update, checked again on the server (refused: LeadError)."""
    user = update.effective_user
    if user is None:
        return None
    runtime = runtime_of(context)
    return runtime, await asyncio.to_thread(runtime.staff.require, user.id)


async def id_and_text(
    update: Update, context: ContextTypes.DEFAULT_TYPE, usage: str
) -> tuple[str, str] | None:
    """'<id> <tekst>' of a staff command ('#' and case forgiven), or the usage line as reply."""
    args = args_of(context)
    if len(args) < 2:
        await reply_html(update, usage)
        return None
    return args[0].lstrip("#").upper(), " ".join(args[1:])


async def reply_html(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    if update.effective_chat is None:
        return None
    with replying_to(update.effective_chat.id):  # an answer: not paced like bulk messages
        return await update.effective_chat.send_message(
            text, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
        )


def polite(handler: Handler, *, button_reply: bool = False) -> Handler:
    """Our own refusals (not staff, unknown lead, request or task, wrong state, a date we do
    not understand) become their Dutch message: an alert on a pressed button, a reply otherwise.
    ``button_reply``: the ambassador programme's refusals on a pressed button are a chat reply
    too (they say what to type next, e.g. "Kijk even bij /taken"). Anything else reaches on_error."""

    async def wrapped(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await handler(update, context)
        except (LeadError, AmbassadorError) as exc:
            query = update.callback_query
            in_chat = button_reply and isinstance(exc, AmbassadorError)
            if query is not None:
                with contextlib.suppress(TelegramError):
                    await (
                        query.answer() if in_chat else query.answer(str(exc)[:190], show_alert=True)
                    )
                if not in_chat:
                    return
            await reply_html(update, html.escape(str(exc)))

    wrapped.__name__ = handler.__name__
    return wrapped


def staff_only(handler: Handler) -> Handler:
    """Staff, coaches and admins only, checked on the server at every command and button press
    (callback data alone never grants anything); a refusal is a NotStaff for :func:`polite`."""

    async def wrapped(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        user = update.effective_user
        if user is None:
            return
        await asyncio.to_thread(runtime_of(context).staff.require, user.id, coach_ok=True)
        await handler(update, context)

    wrapped.__name__ = handler.__name__
    return wrapped
