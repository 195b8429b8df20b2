"""Concurrency with order: different users are served in parallel, one user's turns in sequence."""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseUpdateProcessor

from bot.pipeline import texts

log = logging.getLogger(__name__)

# An update waiting behind this many of the same person's updates is dropped (they are told
# once per burst). Five covers a fast typist, not a script; every accepted update costs
# Telegram requests, and Telegram's ~30 messages per second are shared by everyone.
MAX_QUEUED_PER_USER = 5
# PTB's own semaphore is taken *before* our per-person lock (process_update is final), so it
# is made large enough never to bind; the real limit is applied after the lock.
_OUTER_LIMIT = 1_000_000


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Serialises updates per user (FIFO asyncio locks), runs different users concurrently.

    A slow Rasa turn for one young person never holds up another, yet a person's own
    messages reach the engine in the order they were sent. The global concurrency limit is
    taken only once a person's own turn has come, so one account's backlog occupies at most
    one slot; a backlog beyond ``max_queued_per_user`` is dropped with one polite reply.
    """

    def __init__(
        self, max_concurrent_updates: int = 64, *, max_queued_per_user: int = MAX_QUEUED_PER_USER
    ) -> None:
        super().__init__(_OUTER_LIMIT)
        self._limit = asyncio.BoundedSemaphore(max_concurrent_updates)
        self._max_queued = max_queued_per_user
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiters: dict[int, int] = {}
        self._warned: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self.dropped = 0

    @staticmethod
    def _key(update: object) -> int | None:
        if isinstance(update, Update):
            if update.effective_user is not None:
                return update.effective_user.id
            if update.effective_chat is not None:
                return update.effective_chat.id
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = self._key(update)
        if key is None:
            async with self._limit:
                await coroutine
            return
        if self._waiters.get(key, 0) >= self._max_queued:
            self._drop(key, update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiters[key] = self._waiters.get(key, 0) + 1
        try:
            async with lock, self._limit:
                await coroutine
        finally:
            self._waiters[key] -= 1
            if self._waiters[key] == 0:  # forget idle users so the dicts do not grow forever
                del self._waiters[key]
                self._locks.pop(key, None)
                self._warned.discard(key)

    def _drop(self, key: int, update: object, coroutine: Awaitable[Any]) -> None:
        self.dropped += 1
        if inspect.iscoroutine(coroutine):
            coroutine.close()  # never awaited on purpose
        if key in self._warned or not isinstance(update, Update):
            return
        self._warned.add(key)
        log.info("flood control: dropping a burst of updates from one person")
        task = asyncio.create_task(_slow_down(update))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        for task in list(self._tasks):
            task.cancel()


async def _slow_down(update: Update) -> None:
    chat = update.effective_chat
    if chat is None or chat.type != "private":
        return
    with contextlib.suppress(TelegramError, RuntimeError):
        await chat.send_message(texts.SLOW_DOWN)
