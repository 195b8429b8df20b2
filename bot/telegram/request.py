"""The Bot API client: python-telegram-bot's HTTPXRequest on a lean connection pool.

python-telegram-bot sends every Bot API call through one httpx client with up to 256
connections; with many people at once most of them are open, and httpcore's own pool spends
CPU per request on every one of them (bot/core/http_pool.py). This request is PTB's, with the
same limits, timeouts and errors, on :func:`bot.core.http_pool.lean_transport`.
"""

from __future__ import annotations

from typing import Any

import httpx
from telegram.request import HTTPXRequest

from bot.core.http_pool import lean_transport

# python-telegram-bot's default for the requests other than getUpdates (ApplicationBuilder).
BOT_API_CONNECTIONS = 256


class LeanHTTPXRequest(HTTPXRequest):
    """HTTPXRequest whose client (built again after a shutdown) uses a lean pool."""

    def _build_client(self) -> httpx.AsyncClient:
        kwargs: dict[str, Any] = dict(self._client_kwargs)
        if kwargs.get("transport") is None and kwargs.get("proxy") is None:
            kwargs["transport"] = lean_transport(
                kwargs["limits"], http1=bool(kwargs["http1"]), http2=bool(kwargs["http2"])
            )
        return httpx.AsyncClient(**kwargs)


def bot_api_request() -> LeanHTTPXRequest:
    """The request ApplicationBuilder would build for Bot API calls, on a lean pool."""
    return LeanHTTPXRequest(connection_pool_size=BOT_API_CONNECTIONS)
