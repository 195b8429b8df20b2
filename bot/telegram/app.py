"""build_application(): every Telegram handler registered in one place, in order."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any
from urllib.parse import urlsplit

from telegram import Update
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.ambassadors import telegram as ambassadors
from bot.core.settings import Settings
from bot.leads import telegram as leads
from bot.ops.runtime import Runtime
from bot.school import telegram as school
from bot.staff import telegram as staff
from bot.telegram import console, handlers
from bot.telegram.delivery import OutboxDelivery
from bot.telegram.menus import SYNC_SECONDS, CommandMenus
from bot.telegram.ops import start_ops, stop_ops
from bot.telegram.ordering import PerUserUpdateProcessor
from bot.telegram.ratelimit import MessageRateLimiter
from bot.telegram.request import bot_api_request

log = logging.getLogger(__name__)


def build_application(settings: Settings, runtime: Runtime | None = None) -> Application:  # type: ignore[type-arg]
    """The whole bot: shared clients open in post_init and close in post_shutdown."""
    if not settings.telegram_token:
        raise ValueError("build_application needs TELEGRAM_BOT_TOKEN")
    runtime = runtime or Runtime(settings)

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        await runtime.start()
        app.bot_data["runtime"] = runtime
        app.bot_data["conversation"] = runtime.conversation
        app.bot_data["database"] = runtime.database
        app.bot_data["button_signer"] = runtime.button_signer
        delivery = OutboxDelivery(
            runtime.database,
            runtime.cipher,
            app.bot,
            blocked_hooks=runtime.blocked_hooks,
            admin_ids=settings.admin_ids,
        )
        app.bot_data["delivery"] = delivery
        app.bot_data["delivery_task"] = asyncio.create_task(delivery.run(), name="outbox-delivery")
        runtime.links.username = app.bot.username  # for t.me deep links (parents, staff)
        runtime.privacy_context.delete_message = app.bot.delete_message  # erasure (issue 11)
        app.bot_data["health_server"] = await start_ops(runtime)
        # Command menus per audience (bot/telegram/menus.py): now, then kept in step.
        menus = CommandMenus(runtime.staff, settings.admin_ids)
        app.bot_data["menus"] = menus
        try:
            await menus.sync(app.bot)
        except Exception:  # menus are a convenience; a test server may not implement them
            log.warning("could not set the command menus")
        runtime.scheduler.every("command-menus", SYNC_SECONDS, lambda: menus.sync(app.bot))
        runtime.start_jobs()

    async def post_stop(app: Application) -> None:  # type: ignore[type-arg]
        task = app.bot_data.pop("delivery_task", None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def post_shutdown(app: Application) -> None:  # type: ignore[type-arg]
        await stop_ops(app.bot_data.pop("health_server", None))
        await runtime.stop()

    app = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(settings.telegram_base_url)
        .base_file_url(settings.telegram_base_url.replace("/bot", "/file/bot"))
        # PTB's own request and limits on a connection pool whose upkeep does not grow with
        # the number of open connections (bot/telegram/request.py).
        .request(bot_api_request())
        .concurrent_updates(PerUserUpdateProcessor(64))
        # Keeps bursts (reminders, re-announced leads) within Telegram's flood limits.
        .rate_limiter(MessageRateLimiter(max_retries=2))
        .post_init(post_init)
        .post_stop(post_stop)
        .post_shutdown(post_shutdown)
        .build()
    )
    private = filters.ChatType.PRIVATE
    # Group -1 runs first: the safety net sees captions, edits and command arguments too.
    app.add_handler(TypeHandler(Update, handlers.safety_gate), group=-1)
    # Order matters: edits first (they also carry text), then commands before plain text,
    # then buttons, and a catch-all for stickers, photos, voice, files and locations last.
    app.add_handler(MessageHandler(filters.UpdateType.EDITED & private, handlers.on_edited))
    # Ambassador and coach commands, "/start amb_…" deep links, "wat moet ik doen?" and "amb|"
    # buttons: before the generic handlers below, which would send them to Rasa.
    ambassadors.register(app)
    # Staff: the 'staff_' invite deep link, /staf and /cijfers.
    staff.register(app)
    # Leads: staff commands, the 'ouder_' deep link, /antwoord and 's|' staff buttons
    # (those from the staff group too): before the generic handlers for the same reason.
    leads.register(app)
    # School requests (issue 5): /verzoeken, /verzoek and 'r|' buttons, before the generic ones.
    school.register(app)
    # Staff console (issue 14): '/console' sends a one-time login link (and the Mini App button).
    console.register(app)
    app.add_handler(MessageHandler(filters.COMMAND & private, handlers.on_command))
    app.add_handler(MessageHandler(filters.TEXT & private, handlers.on_text))
    app.add_handler(CallbackQueryHandler(handlers.on_button))
    app.add_handler(
        MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.on_non_text)
    )
    app.add_error_handler(handlers.on_error)
    return app


def webhook_options(settings: Settings) -> dict[str, Any]:
    """Where the webhook server listens and what Telegram is told; shared by run() and tests."""
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        "url_path": urlsplit(settings.webhook_url or "").path.lstrip("/"),
        "webhook_url": settings.webhook_url,
        # Telegram sends this in X-Telegram-Bot-Api-Secret-Token; PTB answers 403 on a mismatch.
        "secret_token": settings.webhook_secret,
        "allowed_updates": Update.ALL_TYPES,
    }


def run(settings: Settings) -> None:
    app = build_application(settings)
    if settings.telegram_mode == "webhook":
        app.run_webhook(**webhook_options(settings))
    else:
        app.run_polling(allowed_updates=Update.ALL_TYPES)


__all__ = ["ContextTypes", "build_application", "run"]
