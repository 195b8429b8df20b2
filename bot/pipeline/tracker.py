"""Rasa's conversation store, seen from our side: erase one person, or conversations past retention.

Rasa 3.6 has no delete API, so we work on its SQL table ``events`` directly, with an engine of
our own (Rasa runs SQLAlchemy 1.4 in another process; we share only the table).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Engine, inspect, text

from bot.storage.db import make_engine

log = logging.getLogger(__name__)


class TrackerStore:
    def __init__(self, url: str) -> None:
        # Rasa's URL is psycopg2 'postgresql://'; SQLAlchemy 2.1 would read that as psycopg 3,
        # which is not installed, so the driver is named.
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg2://" + url.removeprefix("postgresql://")
        self._engine: Engine = make_engine(url)

    def _has_events(self) -> bool:
        return inspect(self._engine).has_table("events")

    def erase(self, sender_id: str) -> int:
        """Delete one person's whole conversation (all sessions); returns rows deleted."""
        if not self._has_events():
            return 0
        with self._engine.begin() as conn:
            result = conn.execute(text("DELETE FROM events WHERE sender_id = :s"), {"s": sender_id})
            return int(result.rowcount or 0)

    def count(self, sender_id: str) -> int:
        if not self._has_events():
            return 0
        with self._engine.connect() as conn:
            value = conn.execute(
                text("SELECT COUNT(*) FROM events WHERE sender_id = :s"), {"s": sender_id}
            ).scalar()
            return int(value or 0)

    def purge_before(self, cutoff: datetime) -> int:
        """Delete every conversation event older than ``cutoff``, one event at a time.

        Per event, not per session: a young person who chats every day keeps one endless
        session, and a session-based purge would keep their months-old messages with it. Rasa
        rebuilds the tracker from the events that remain (slots set before the cutoff are
        forgotten with them, which is the point).
        """
        if not self._has_events():
            return 0
        with self._engine.begin() as conn:
            result = conn.execute(
                text("DELETE FROM events WHERE timestamp < :t"), {"t": cutoff.timestamp()}
            )
            return int(result.rowcount or 0)

    def dispose(self) -> None:
        self._engine.dispose()
