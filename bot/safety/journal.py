"""The safety net's memory in our database: written behind the net, read back at start-up.

One thread writes the changes the net reports (merged per person, one transaction for all that
waits), so the crisis path never waits for the database; a database error costs only the
memory's survival of a restart. Table: ``bot/storage/models_safety.py``.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable

from sqlalchemy import delete, select

from bot.safety.memory import DISTRESS_SECONDS, SHORT_SECONDS, MemoryEntry
from bot.storage.db import Database
from bot.storage.models_safety import SafetyMemoryRow

log = logging.getLogger(__name__)

# Changes waiting to be written; beyond this (a database down for long) new ones are dropped
# with a log line: the net itself goes on from memory.
MAX_WAITING = 10_000
RETRY_PAUSE = 1.0


class DatabaseJournal:
    """Writes the net's memory behind it (one thread, changes per person merged) and reads it
    back at start-up. A database error costs only the memory's survival of a restart."""

    def __init__(self, database: Database, *, clock: Callable[[], float] = time.time) -> None:
        self._db = database
        self._clock = clock
        self._waiting: queue.Queue[MemoryEntry | str | threading.Event] = queue.Queue(MAX_WAITING)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._dropped = 0

    # --- the net's side: never blocks ----------------------------------------------------------
    def record(self, entry: MemoryEntry) -> None:
        self._put(entry)

    def forget(self, key: str) -> None:
        self._put(key)

    def _put(self, item: MemoryEntry | str | threading.Event) -> None:
        self._ensure_writer()
        try:
            self._waiting.put_nowait(item)
        except queue.Full:
            self._dropped += 1
            if self._dropped == 1 or self._dropped % 1000 == 0:
                log.warning("safety memory: %d changes not saved (database behind)", self._dropped)

    # --- start-up, shutdown, retention ---------------------------------------------------------
    def load(self) -> list[MemoryEntry]:
        """What still counts now (expired rows are removed first)."""
        self.purge()
        now = self._clock()
        with self._db.session() as session:
            rows = session.scalars(select(SafetyMemoryRow)).all()
            entries = [_entry(row).current(now) for row in rows]
        return [entry for entry in entries if not entry.empty]

    def purge(self) -> int:
        """Remove rows of which no moment counts any more (run by the retention schedule)."""
        now = self._clock()
        with self._db.session() as session:
            # last_at is the latest moment; distress counts longest.
            result = session.execute(
                delete(SafetyMemoryRow).where(SafetyMemoryRow.last_at < now - DISTRESS_SECONDS)
            )
            removed = int(getattr(result, "rowcount", 0) or 0)
            stale = session.scalars(
                select(SafetyMemoryRow).where(SafetyMemoryRow.last_at < now - SHORT_SECONDS)
            ).all()
            for row in stale:
                if _entry(row).current(now).empty:
                    session.delete(row)
                    removed += 1
        return removed

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until what was recorded so far is written (or ``timeout`` passes)."""
        done = threading.Event()
        self._put(done)
        return done.wait(timeout)

    # --- the writer thread ------------------------------------------------------------------------
    def _ensure_writer(self) -> None:
        if self._thread is not None:
            return
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._write_forever, name="safety-memory", daemon=True
                )
                self._thread.start()

    def _write_forever(self) -> None:
        while True:
            batch: dict[str, MemoryEntry | None] = {}
            events: list[threading.Event] = []
            self._collect(self._waiting.get(), batch, events)
            while True:  # everything already waiting goes in the same transaction
                try:
                    self._collect(self._waiting.get_nowait(), batch, events)
                except queue.Empty:
                    break
            if batch:
                self._write(batch)
            for event in events:
                event.set()

    @staticmethod
    def _collect(
        item: MemoryEntry | str | threading.Event,
        batch: dict[str, MemoryEntry | None],
        events: list[threading.Event],
    ) -> None:
        if isinstance(item, threading.Event):
            events.append(item)
        elif isinstance(item, str):
            batch[item] = None
        else:
            batch[item.key] = None if item.empty else item

    def _write(self, batch: dict[str, MemoryEntry | None]) -> None:
        for attempt in (1, 2):
            if attempt > 1:
                time.sleep(RETRY_PAUSE)
            try:
                self._apply(batch)
                return
            except Exception as exc:  # a database outage must not stop the writer
                log.warning("safety memory not saved (attempt %d): %s", attempt, type(exc).__name__)

    def _apply(self, batch: dict[str, MemoryEntry | None]) -> None:
        with self._db.session() as session:
            gone = [key for key, entry in batch.items() if entry is None]
            if gone:
                session.execute(delete(SafetyMemoryRow).where(SafetyMemoryRow.who.in_(gone)))
            for entry in batch.values():
                if entry is not None:
                    session.merge(
                        SafetyMemoryRow(
                            who=entry.key,
                            distress_at=entry.distress_at,
                            asked_at=entry.asked_at,
                            talked_at=entry.talked_at,
                            last_at=entry.latest,
                        )
                    )


def _entry(row: SafetyMemoryRow) -> MemoryEntry:
    return MemoryEntry(row.who, row.distress_at, row.asked_at, row.talked_at)
