"""Operational alerts to administrators (ADMIN_TELEGRAM_IDS): one home, two ways to send.

Direct (``AdminAlerts``): the outbox lives in the database, so it cannot carry "the database is
unreachable"; these alerts go straight to the Bot API, to every id in ADMIN_TELEGRAM_IDS, and are
rate-limited per key (one message per key per interval). Any process may use them: the bot process
(database watch), the supervisor (a child that keeps dying) or a tool. Usage:

    alerts = AdminAlerts(settings)
    await alerts.notify("db-down", "De database is niet bereikbaar …")   # async code
    alerts.notify_blocking("child-rasa", "…")                            # threads, supervisor

Through the outbox (``queue_admin_alert``, ``QueuedAdminAlerts``): used by the supervisor and the
outbox delivery loop (the bot was removed from the staff group, messages failed). The dedupe key
carries the topic and the time bucket, so one topic reaches each admin at most once per period,
whichever process notices it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

import httpx
from sqlalchemy import text
from sqlalchemy.orm import Session

from bot.core.clock import Clock, SystemClock
from bot.core.crypto import Cipher
from bot.core.settings import Settings
from bot.pipeline.outbox import enqueue
from bot.storage.db import Database

log = logging.getLogger(__name__)

SEND_TIMEOUT = 10.0


class AdminAlerts:
    """Rate-limited direct messages to the administrators; failures are logged, never raised."""

    def __init__(
        self,
        settings: Settings,
        *,
        interval_seconds: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._token = settings.telegram_token
        self._base = settings.telegram_base_url
        self._admins = sorted(settings.admin_ids)
        self._interval = (
            settings.ops.db_alert_minutes * 60 if interval_seconds is None else interval_seconds
        )
        self._monotonic = monotonic
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def _due(self, key: str) -> bool:
        """True (and remembered) when ``key`` was not alerted within the interval."""
        with self._lock:
            now = self._monotonic()
            last = self._last.get(key)
            if last is not None and now - last < self._interval:
                return False
            self._last[key] = now
            return True

    def forget(self, key: str) -> None:
        """Allow the next alert for ``key`` at once (e.g. after a recovery)."""
        with self._lock:
            self._last.pop(key, None)

    def _payloads(self, message: str) -> list[dict[str, object]]:
        return [{"chat_id": admin, "text": message} for admin in self._admins]

    async def notify(self, key: str, message: str) -> int:
        """Send ``message`` to every admin unless ``key`` was alerted recently; returns how many."""
        if not (self._token and self._admins) or not self._due(key):
            return 0
        sent = 0
        async with httpx.AsyncClient(timeout=SEND_TIMEOUT) as client:
            for payload in self._payloads(message):
                try:
                    response = await client.post(
                        f"{self._base}{self._token}/sendMessage", json=payload
                    )
                    sent += response.status_code == 200
                except httpx.HTTPError as exc:
                    log.warning("admin alert %r not sent: %s", key, type(exc).__name__)
        return sent

    def notify_blocking(self, key: str, message: str) -> int:
        """The same from synchronous code (the supervisor's threads)."""
        if not (self._token and self._admins) or not self._due(key):
            return 0
        sent = 0
        with httpx.Client(timeout=SEND_TIMEOUT) as client:
            for payload in self._payloads(message):
                try:
                    response = client.post(f"{self._base}{self._token}/sendMessage", json=payload)
                    sent += response.status_code == 200
                except httpx.HTTPError as exc:
                    log.warning("admin alert %r not sent: %s", key, type(exc).__name__)
        return sent


DB_DOWN_TEXT = (
    "⚠️ De database van de Join us-assistent is niet bereikbaar (sinds {since}, fout: {error}). "
    "Jongeren krijgen nog wel antwoord en het crisisantwoord werkt, maar aanmeldingen, "
    "herinneringen en berichten aan het team wachten. Kijk of PostgreSQL draait en of de schijf "
    "vol is. Ik meld het opnieuw als het zo blijft."
)
DB_BACK_TEXT = "✅ De database is weer bereikbaar. Wachtende berichten gaan nu de deur uit."


class DatabaseWatch:
    """A periodic probe; after ``failures_before_alert`` failed probes in a row the admins are told
    (rate-limited by AdminAlerts), and once more when it is back."""

    KEY = "database-unreachable"

    def __init__(
        self, database: Database, alerts: AdminAlerts, *, failures_before_alert: int = 2
    ) -> None:
        self._db = database
        self._alerts = alerts
        self._threshold = failures_before_alert
        self.failures = 0
        self._since: str | None = None
        self._alerted = False

    def _probe(self) -> None:
        with self._db.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    async def run_once(self) -> None:
        try:
            await asyncio.to_thread(self._probe)
        except Exception as exc:
            self.failures += 1
            self._since = self._since or time.strftime("%H:%M")
            log.error("database unreachable (%d in a row): %s", self.failures, type(exc).__name__)
            if self.failures >= self._threshold:
                text_ = DB_DOWN_TEXT.format(since=self._since, error=type(exc).__name__)
                self._alerted = await self._alerts.notify(self.KEY, text_) > 0 or self._alerted
            return
        if self._alerted:
            await self._alerts.notify(self.KEY + ":back", DB_BACK_TEXT)
            self._alerts.forget(self.KEY)
            self._alerts.forget(self.KEY + ":back")
        self.failures, self._since, self._alerted = 0, None, False


# ------------------------------------------------------------------ through the outbox

KIND = "admin_alert"
ALERT_PERIOD = timedelta(hours=1)


def queue_admin_alert(
    session: Session,
    cipher: Cipher,
    admin_ids: Iterable[int],
    *,
    topic: str,
    text: str,
    now: datetime,
    period: timedelta = ALERT_PERIOD,
) -> int:
    """Queue ``text`` for every admin unless ``topic`` was already queued in this period."""
    bucket = int(now.timestamp() // period.total_seconds())
    admins = sorted(set(admin_ids))
    for admin in admins:
        enqueue(
            session,
            cipher,
            chat_id=admin,
            text=text,
            kind=KIND,
            dedupe_key=f"admin:{topic}:{bucket}:{admin}",
            not_before=now,
        )
    return len(admins)


class QueuedAdminAlerts:
    """Admin alerts through the outbox, for code without a session at hand (the supervisor)."""

    def __init__(
        self,
        database: Database,
        cipher: Cipher,
        admin_ids: Iterable[int],
        clock: Clock | None = None,
    ) -> None:
        self._db = database
        self._cipher = cipher
        self._admins = frozenset(admin_ids)
        self._clock = clock or SystemClock()

    def send(self, topic: str, text: str, period: timedelta = ALERT_PERIOD) -> bool:
        """Queue the alert; False (and a log line) when there are no admins or no database."""
        if not self._admins:
            log.warning("admin alert %r not sent: ADMIN_TELEGRAM_IDS is empty", topic)
            return False
        try:
            with self._db.session() as session:
                queue_admin_alert(
                    session,
                    self._cipher,
                    self._admins,
                    topic=topic,
                    text=text,
                    now=self._clock.now(),
                    period=period,
                )
        except Exception as exc:  # the alert is a courtesy; its failure must not spread
            log.warning("admin alert %r not queued: %s", topic, type(exc).__name__)
            return False
        return True
