"""The Bot API rate limiter: Telegram's flood limits count messages, not "typing…" actions."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram.ext import AIORateLimiter

# Cosmetic calls that Telegram does not count as messages: they skip the message budget, so
# with typing before every answer a busy minute does not spend half of the 30 messages/s on it.
UNLIMITED_ENDPOINTS = frozenset({"sendChatAction"})


class MessageRateLimiter(AIORateLimiter):
    """AIORateLimiter (30 messages/s overall, 20/min per group) for messages only."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint in UNLIMITED_ENDPOINTS:
            return await callback(*args, **kwargs)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
