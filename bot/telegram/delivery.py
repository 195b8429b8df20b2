"""The outbox delivery loop: sends due outbox rows to Telegram with retries and backoff.

A lease on each claimed row means a crash mid-send leaves the row to be retried after the
lease expires, never forgotten. The only window for a duplicate is a crash between Telegram
accepting a message and our commit marking it sent (milliseconds).

Errors are handled per row: a row that cannot be decrypted or sent never stops the others. A
staff group upgraded to a supergroup (``ChatMigrated``) is followed to its new id, for this
and every later row; a bot removed from a group keeps its rows waiting (retried with backoff)
instead of dropping lead cards. Both, and rows that end up failed, are reported to admins
(at most once per topic per hour).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.core.clock import Clock, SystemClock
from bot.core.crypto import Cipher
from bot.ops import metrics
from bot.ops.admin_alerts import KIND as ADMIN_ALERT
from bot.ops.admin_alerts import queue_admin_alert
from bot.pipeline.outbox import MAX_ATTEMPTS, BlockedHook, backoff, decode_buttons
from bot.storage.db import Database
from bot.storage.models_outbox import ChatMigration, OutboxMessage

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=60)

UNREADABLE = (
    "⚠️ Een bericht in de outbox kon niet worden gelezen (is ENCRYPTION_KEY veranderd?). "
    "Ik heb het overgeslagen; de andere berichten gaan gewoon door."
)
FAILED = (
    "⚠️ Een bericht van de assistent kon niet worden afgeleverd (soort: {kind}; fout: {error}). "
    "Het staat als 'failed' in de outbox; zie de log van de bot."
)
GROUP_FORBIDDEN = (
    "⚠️ De bot kan niet meer posten in een groep (chat {chat}): verwijderd of zonder rechten. "
    "De berichten wachten in de outbox en gaan alsnog weg zodra de bot weer in de groep zit."
)
MIGRATED = (
    "ℹ️ De staff-groep is een supergroep geworden: nieuw id {new} (was {old}). Ik stuur "
    "voortaan daarheen. Zet STAFF_CHAT_ID={new} bij de volgende herstart."
)


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
        admin_ids: Iterable[int] = (),
    ) -> None:
        self._db = database
        self._cipher = cipher
        self._bot = bot
        self._clock = clock or SystemClock()
        self._batch = batch_size
        self._blocked_hooks = blocked_hooks or {}
        self._admins = frozenset(admin_ids)
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None

    def _wake_from_thread(self) -> None:
        """Database work runs in threads; asyncio.Event is not thread-safe."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

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
            migrated = {
                m.old_chat_id: m.new_chat_id for m in session.scalars(select(ChatMigration))
            }
            for row in rows:
                row.lease_until = now + LEASE
                try:
                    item = self._prepare(row)
                except Exception as exc:  # one unreadable row must not stop the others
                    log.error(
                        "outbox %s unreadable (%s): marked failed", row.id, type(exc).__name__
                    )
                    row.status, row.lease_until = "failed", None
                    row.last_error = f"unreadable: {type(exc).__name__}"
                    self._alert(session, "outbox-unreadable", UNREADABLE)
                    continue
                if item.chat_id in migrated:  # a group that became a supergroup
                    new = migrated[item.chat_id]
                    row.chat_id_enc = self._cipher.encrypt(str(new))
                    item = _Claimed(item.id, item.kind, new, item.text, item.markup)
                claimed.append(item)
        return claimed

    def _prepare(self, row: OutboxMessage) -> _Claimed:
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
        return _Claimed(
            row.id,
            row.kind,
            int(self._cipher.decrypt(row.chat_id_enc)),
            self._cipher.decrypt(row.text_enc),
            markup,
        )

    def _alert(self, session: Session, topic: str, text: str) -> None:
        if self._admins:
            queue_admin_alert(
                session, self._cipher, self._admins, topic=topic, text=text, now=self._clock.now()
            )
            self._wake_from_thread()
        else:
            log.warning("no ADMIN_TELEGRAM_IDS to tell about %s", topic)

    def _migrate(self, message_id: int, old: int, new: int) -> None:
        """Record the new id (for every later row), resend this row there at once, tell admins."""
        with self._db.session() as session:
            if session.get(ChatMigration, old) is None:
                session.add(ChatMigration(old_chat_id=old, new_chat_id=new))
                self._alert(session, f"chat-migrated-{old}", MIGRATED.format(old=old, new=new))
            row = session.get(OutboxMessage, message_id)
            if row is not None and row.status == "pending":
                row.chat_id_enc = self._cipher.encrypt(str(new))
                row.lease_until = None
                row.not_before = self._clock.now()
        self._wake_from_thread()

    def _settle(
        self,
        message_id: int,
        outcome: str,
        *,
        error: str | None = None,
        telegram_id: int | None = None,
        retry_after: float | None = None,
        chat_id: int = 0,
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
            if outcome == "blocked" and chat_id < 0:
                # A group (the staff group): the bot was removed. Keep the cards waiting.
                row.not_before = now + backoff(row.attempts)
                self._alert(
                    session, f"group-forbidden-{chat_id}", GROUP_FORBIDDEN.format(chat=chat_id)
                )
            elif outcome == "blocked":
                row.status = "blocked"
                hook = self._blocked_hooks.get(row.kind)
                if hook is not None:
                    hook(session, row)
            elif outcome == "rejected" and row.attempts >= MAX_ATTEMPTS:
                row.status = "failed"
                if row.kind != ADMIN_ALERT:  # no alert about an alert: that could loop
                    self._alert(
                        session, "outbox-failed", FAILED.format(kind=row.kind, error=row.last_error)
                    )
            elif retry_after is not None:
                row.not_before = now + timedelta(seconds=retry_after)
            else:
                row.not_before = now + backoff(row.attempts)

    async def deliver_due(self) -> int:
        """One pass over due messages; returns how many were sent."""
        sent = 0
        self._loop = asyncio.get_running_loop()
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
            except ChatMigrated as exc:
                log.warning("outbox %s: group became a supergroup; following it", item.id)
                await asyncio.to_thread(self._migrate, item.id, item.chat_id, exc.new_chat_id)
            except Forbidden as exc:
                log.info("outbox %s: chat blocked the bot or left (%s)", item.id, item.kind)
                await asyncio.to_thread(
                    self._settle, item.id, "blocked", error=exc.message, chat_id=item.chat_id
                )
            except BadRequest as exc:
                log.warning("outbox %s rejected by Telegram: %s", item.id, exc.message)
                await asyncio.to_thread(self._settle, item.id, "rejected", error=exc.message)
            except (NetworkError, TelegramError) as exc:
                log.warning("outbox %s not delivered yet: %s", item.id, type(exc).__name__)
                await asyncio.to_thread(self._settle, item.id, "retry", error=type(exc).__name__)
            except Exception as exc:  # anything else: this row only, counted toward "failed"
                log.exception("outbox %s could not be sent", item.id)
                await asyncio.to_thread(self._settle, item.id, "rejected", error=type(exc).__name__)
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
