"""The Bot API rate limiter: Telegram's flood limits pace what we send on our own initiative.

Telegram's ~30 messages per second (Bot FAQ) concern *bulk notifications*: messages a bot sends
to many people on its own initiative. Answers to someone who just wrote are not paced by it
(python-telegram-bot's AIORateLimiter cannot tell the two apart): with the pacing on every
answer, a classroom of 50 writing at once waited in our own queue (about 1 s each at 30/s,
issue 12). So:

- answers in a private chat to the person whose message we are handling (``replying_to``)
  skip the overall 30/s bucket; a 429 "retry after" from Telegram is still obeyed and retried
  (then the rest of the answer goes through the outbox, bot/telegram/handlers.py);
- everything else (the outbox: staff cards, reminders, school updates, consent requests;
  messages to groups) keeps the 30/s overall and 20/min per group pacing;
- "typing…" is no message at all and is never paced.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from telegram.ext import AIORateLimiter

# Cosmetic calls that Telegram does not count as messages: they skip the message budget, so
# with typing before every answer a busy minute does not spend half of the 30 messages/s on it.
UNLIMITED_ENDPOINTS = frozenset({"sendChatAction"})

# The private chat whose message this task is answering; a context variable, so it holds only
# inside the handler's own task (and what it awaits), never in the outbox's delivery loop.
_REPLYING_TO: ContextVar[int | None] = ContextVar("replying_to", default=None)


@contextmanager
def replying_to(chat_id: int) -> Iterator[None]:
    """Mark the messages sent inside this block as the answer to ``chat_id``'s message."""
    token = _REPLYING_TO.set(chat_id)
    try:
        yield
    finally:
        _REPLYING_TO.reset(token)


def is_answer(data: dict[str, Any]) -> bool:
    """Whether a request is an answer in the private chat this task is replying to."""
    answering = _REPLYING_TO.get()
    if answering is None or answering <= 0:  # negative ids are groups: always paced
        return False
    try:
        return int(data.get("chat_id")) == answering  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


class MessageRateLimiter(AIORateLimiter):
    """AIORateLimiter (30 messages/s overall, 20/min per group) for bulk messages only."""

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
        if is_answer(data):
            # Without a chat id AIORateLimiter applies no bucket but keeps its RetryAfter
            # handling (wait, retry, and hold every other request while Telegram asks it).
            data = {key: value for key, value in data.items() if key != "chat_id"}
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
