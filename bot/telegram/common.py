"""Plumbing shared by the staff-facing handler modules (staff, referrals, ambassadors)."""

from __future__ import annotations

import contextlib
import html
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.core.errors import LeadError
from bot.ops.runtime import Runtime

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


async def reply_html(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    if update.effective_chat is None:
        return None
    return await update.effective_chat.send_message(
        text, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
    )


def polite(handler: Handler) -> Handler:
    """Our own refusals (not staff, unknown lead or request, wrong state) become their Dutch
    message: an alert on a pressed button, a reply otherwise. Anything else reaches on_error."""

    async def wrapped(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await handler(update, context)
        except LeadError as exc:
            if update.callback_query is not None:
                with contextlib.suppress(TelegramError):
                    await update.callback_query.answer(str(exc)[:190], show_alert=True)
                return
            await reply_html(update, html.escape(str(exc)))

    wrapped.__name__ = handler.__name__
    return wrapped
