"""``python -m bot.console``: the staff console on CONSOLE_LISTEN:CONSOLE_PORT (uvicorn)."""

from __future__ import annotations

import json
import logging
import urllib.request
from dataclasses import replace

import uvicorn

from bot.console.app import build_app
from bot.core.logging_setup import configure_logging
from bot.core.settings import Settings, load_settings

log = logging.getLogger(__name__)


def _with_username(settings: Settings) -> Settings:
    """t.me links need the bot's @username: TELEGRAM_BOT_USERNAME, else one getMe call."""
    if settings.bot_username or not settings.telegram_token:
        return settings
    try:
        url = f"{settings.telegram_base_url}{settings.telegram_token}/getMe"
        with urllib.request.urlopen(url, timeout=5) as response:
            username = json.loads(response.read())["result"]["username"]
        return replace(settings, bot_username=str(username))
    except Exception:  # links fall back to "/start <code>" text; the console still works
        log.warning("could not ask Telegram for the bot's username; set TELEGRAM_BOT_USERNAME")
        return settings


def main() -> None:
    settings = _with_username(load_settings())
    configure_logging(settings.log_level)
    uvicorn.run(
        build_app(settings),
        host=settings.console.listen,
        port=settings.console.port,
        log_level="warning",
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        server_header=False,
    )


if __name__ == "__main__":
    main()
