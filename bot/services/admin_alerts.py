"""Operational alerts to administrators (ADMIN_TELEGRAM_IDS), through the outbox, rate-limited.

Used by the supervisor (a child keeps dying) and the outbox delivery loop (the bot was removed
from the staff group, messages failed). The dedupe key carries the topic and the time bucket,
so one topic reaches each admin at most once per period, whichever process notices it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.clock import Clock, SystemClock
from bot.crypto import Cipher
from bot.outbox import enqueue
from bot.storage.db import Database

log = logging.getLogger(__name__)

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
