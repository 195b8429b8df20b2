"""The outbox delivery loop: sends due outbox rows to Telegram with retries and backoff.

A lease on each claimed row means a crash mid-send leaves the row to be retried after the
lease expires, never forgotten. The only window for a duplicate is a crash between Telegram
accepting a message and our commit marking it sent (milliseconds).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot import metrics
from bot.clock import Clock, SystemClock
from bot.crypto import Cipher
from bot.outbox import MAX_ATTEMPTS, BlockedHook, backoff, decode_buttons
from bot.storage.db import Database
from bot.storage.models_outbox import OutboxMessage

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)


@dataclass(frozen=True)
class _Claimed:
    id: int
    kind: str
    chat_id: int
    text: str
    markup: InlineKeyboardMarkup | None


class OutboxDelivery:
    def __init__(
        self,
        database: Database,
        cipher: Cipher,
        bot: Bot,
        *,
        clock: Clock | None = None,
        batch_size: int = 20,
        blocked_hooks: dict[str, BlockedHook] | None = None,
    ) -> None:
        self._db = database
        self._cipher = cipher
        self._bot = bot
        self._clock = clock or SystemClock()
        self._batch = batch_size
        self._blocked_hooks = blocked_hooks or {}
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Deliver now instead of at the next poll (after enqueueing in this process)."""
        self._wake.set()

    def _claim(self) -> list[_Claimed]:
        now = self._clock.now()
        claimed: list[_Claimed] = []
        with self._db.session() as session:
            rows = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.status == "pending", OutboxMessage.not_before <= now)
                .where(or_(OutboxMessage.lease_until.is_(None), OutboxMessage.lease_until < now))
                .order_by(OutboxMessage.id)
                .limit(self._batch)
                .with_for_update(skip_locked=True)
            ).all()
            for row in rows:
                row.lease_until = now + LEASE
                buttons = decode_buttons(row.buttons_json)
                markup = (
                    InlineKeyboardMarkup(
                        [
                            [InlineKeyboardButton(b.title, callback_data=b.data) for b in line]
                            for line in buttons
                        ]
                    )
                    if buttons
                    else None
                )
                claimed.append(
                    _Claimed(
                        row.id,
                        row.kind,
                        int(self._cipher.decrypt(row.chat_id_enc)),
                        self._cipher.decrypt(row.text_enc),
                        markup,
                    )
                )
        return claimed

    def _settle(
        self,
        message_id: int,
        outcome: str,
        *,
        error: str | None = None,
        telegram_id: int | None = None,
        retry_after: float | None = None,
    ) -> None:
        now = self._clock.now()
        with self._db.session() as session:
            row = session.get(OutboxMessage, message_id)
            if row is None or row.status != "pending":
                return  # cancelled or erased meanwhile
            row.lease_until = None
            if outcome == "sent":
                row.status, row.sent_at, row.telegram_message_id = "sent", now, telegram_id
                if "reminder" in row.kind:
                    metrics.REMINDER_LAG.observe(max(0.0, (now - row.not_before).total_seconds()))
                return
            row.attempts += 1
            row.last_error = (error or "")[:200]
            if outcome == "blocked":
                row.status = "blocked"
                hook = self._blocked_hooks.get(row.kind)
                if hook is not None:
                    hook(session, row)
            elif outcome == "rejected" and row.attempts >= MAX_ATTEMPTS:
                row.status = "failed"
            elif retry_after is not None:
                row.not_before = now + timedelta(seconds=retry_after)
            else:
                row.not_before = now + backoff(row.attempts)

    async def deliver_due(self) -> int:
        """One pass over due messages; returns how many were sent."""
        sent = 0
        for item in await asyncio.to_thread(self._claim):
            try:
                message = await self._bot.send_message(
                    item.chat_id,
                    item.text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=item.markup,
                    disable_web_page_preview=True,
                )
            except RetryAfter as exc:
                retry = exc.retry_after
                seconds = retry.total_seconds() if isinstance(retry, timedelta) else float(retry)
                await asyncio.to_thread(
                    self._settle, item.id, "retry", error="rate limited", retry_after=seconds
                )
            except Forbidden as exc:
                log.info("outbox %s: chat blocked the bot or left (%s)", item.id, item.kind)
                await asyncio.to_thread(self._settle, item.id, "blocked", error=exc.message)
            except BadRequest as exc:
                log.warning("outbox %s rejected by Telegram: %s", item.id, exc.message)
                await asyncio.to_thread(self._settle, item.id, "rejected", error=exc.message)
            except (NetworkError, TelegramError) as exc:
                log.warning("outbox %s not delivered yet: %s", item.id, type(exc).__name__)
                await asyncio.to_thread(self._settle, item.id, "retry", error=type(exc).__name__)
            else:
                sent += 1
                await asyncio.to_thread(
                    self._settle, item.id, "sent", telegram_id=message.message_id
                )
        return sent

    async def run(self, poll_interval: float = 2.0) -> None:
        """Forever: deliver, then sleep until woken or the poll interval passes."""
        while True:
            try:
                await self.deliver_due()
            except Exception:  # the loop must survive a database hiccup
                log.exception("outbox delivery pass failed")
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=poll_interval)
