"""Rasa's conversation store, seen from our side: erase one person, or conversations past retention.

Rasa 3.6 has no delete API, so we work on its SQL table ``events`` directly, with an engine of
our own (Rasa runs SQLAlchemy 1.4 in another process; we share only the table).
"""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Engine, bindparam, inspect, text

from bot.storage.db import make_engine

log = logging.getLogger(__name__)

SESSION_STARTED = "session_started"


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
        """Delete every conversation session whose last event is older than ``cutoff``.

        A session runs from one ``session_started`` event to the next (ordered by id, as Rasa
        does). Rasa loads only the latest session, so removing older ones never confuses it,
        and a session that is wholly old simply starts afresh on the next message.
        """
        if not self._has_events():
            return 0
        limit = cutoff.timestamp()
        deleted = 0
        with self._engine.begin() as conn:
            senders = [
                row[0]
                for row in conn.execute(
                    text("SELECT DISTINCT sender_id FROM events WHERE timestamp < :t"), {"t": limit}
                )
            ]
            for sender in senders:
                rows = conn.execute(
                    text(
                        "SELECT id, type_name, timestamp FROM events WHERE sender_id = :s ORDER BY id"
                    ),
                    {"s": sender},
                ).all()
                sessions: list[list[tuple[int, float]]] = []
                for event_id, type_name, stamp in rows:
                    if type_name == SESSION_STARTED or not sessions:
                        sessions.append([])
                    sessions[-1].append((int(event_id), float(stamp or 0.0)))
                old = [
                    event_id
                    for session in sessions
                    if max(stamp for _, stamp in session) < limit
                    for event_id, _ in session
                ]
                for start in range(0, len(old), 500):
                    chunk = old[start : start + 500]
                    conn.execute(
                        text("DELETE FROM events WHERE id IN :ids").bindparams(
                            bindparam("ids", expanding=True)
                        ),
                        {"ids": chunk},
                    )
                deleted += len(old)
        return deleted

    def dispose(self) -> None:
        self._engine.dispose()
