"""'/console': a one-time login link to the staff console, and the "Console openen" button.

The button (a Telegram Mini App, WebAppInfo) needs an https CONSOLE_URL; without one, staff
get the login link only. The role is checked here and again by the console on every request.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MenuButtonWebApp,
    Update,
    WebAppInfo,
)
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, ContextTypes, filters

from bot.console.auth import ConsoleAuth
from bot.staff import texts
from bot.telegram.common import reply_html, runtime_of

log = logging.getLogger(__name__)

MINIAPP_PATH = "/welkom"


async def console_link(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    runtime = runtime_of(context)
    role = await asyncio.to_thread(runtime.staff.role, user.id)
    if role is None:
        await reply_html(update, texts.NOT_MEMBER)
        return
    config = runtime.settings.console
    auth = ConsoleAuth(runtime.database, config)
    link = await asyncio.to_thread(auth.create_login_link, user.id)
    text = texts.CONSOLE_LINK.format(minutes=config.login_minutes, link=html.escape(link))
    markup = None
    if config.secure:
        app_url = config.base_url + MINIAPP_PATH
        markup = InlineKeyboardMarkup(
            [[InlineKeyboardButton("Console openen", web_app=WebAppInfo(app_url))]]
        )
        with contextlib.suppress(TelegramError):
            # The menu button next to the text field, for this staff member's chat only.
            await context.bot.set_chat_menu_button(
                chat_id=user.id, menu_button=MenuButtonWebApp("Console", WebAppInfo(app_url))
            )
    await reply_html(update, text, markup)


def register(app: Application) -> None:  # type: ignore[type-arg]
    app.add_handler(CommandHandler("console", console_link, filters=filters.ChatType.PRIVATE))
