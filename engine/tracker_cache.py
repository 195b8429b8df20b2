"""Rasa's SQL tracker store, minus the work it repeats on every turn (issue 12).

Rasa 3.6's ``SQLTrackerStore`` re-reads and re-parses the whole conversation session on every
message (one query, a ``json.loads`` and an event object per stored event, then a replay), and
each save first counts the stored events with a second query; with SQLite each of these opens
and closes a fresh connection (SQLAlchemy 1.4's default for files), and closing the last
connection of a WAL database checkpoints it: an fsync on the engine's only event loop. All of
that grows with the conversation and is most of the tracker store's third of a turn's CPU.

Here, installed by ``engine/rasa_server.py``:

- SQLite files get a connection pool (connections stay open, as SQLAlchemy 2.0 does by default;
  Rasa calls the store from its event-loop thread only). PostgreSQL already pools.
- Each engine keeps the conversations it served last in memory (a bounded LRU). A retrieve asks
  the database only for the conversation's newest event id (one indexed query): when it is the
  one this engine wrote or read last, the tracker is a copy of the cached one, replayed from the
  same events (Rasa's own ``tracker.copy()``), else it is loaded from the database as before.
  So another engine's turns (several Rasa servers with the Redis lock store), an erased
  conversation (/vergeet) or a restart are always seen; the database stays the only truth.
- A save writes the events appended since this engine read or wrote the tracker (no counting
  query) and remembers the newest id; anything it cannot vouch for (a tracker it did not hand
  out, fewer events than stored) is saved the way Rasa does it.

Events, their order and their JSON in the database are exactly Rasa's; a tracker survives a
restart as before.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from itertools import islice
from typing import Any

# How many conversations each engine keeps in memory (a session of ~40 events is ~0.1 MB).
CACHE_SIZE = 500
_MARK = "_joinus_stored"  # the _Stored state of a tracker this store handed out or saved

# What the database holds of one conversation: events (all sessions), newest id, newest
# timestamp. An erased conversation, a retention purge or another engine's turn changes it.
# Retrieves answered from memory and from the database, per process (checks and benchmarks).
STATS = {"hits": 0, "misses": 0}

Fingerprint = tuple[int, int | None, float | None]


@dataclass
class _Entry:
    tracker: Any  # the DialogueStateTracker last saved or loaded (the caller's own object)
    stored: int  # len(tracker.events) when it matched the database
    fingerprint: Fingerprint
    domain: Any


def _is_sqlite_file(url: Any) -> bool:
    text = str(url)
    return text.startswith("sqlite") and ":memory:" not in text and not text.endswith(":///")


def install() -> None:
    import sqlalchemy as sa
    from rasa.core import tracker_store as ts
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.shared.nlu.constants import INTENT_NAME_KEY
    from sqlalchemy.pool import QueuePool

    store_class = ts.SQLTrackerStore
    original_engine_kwargs = ts.create_engine_kwargs
    original_additional_events = store_class._additional_events

    def create_engine_kwargs(url: Any) -> dict[str, Any]:
        kwargs = original_engine_kwargs(url)
        if _is_sqlite_file(url):
            kwargs.update(
                poolclass=QueuePool,
                pool_size=2,
                max_overflow=8,
                connect_args={"check_same_thread": False},
            )
        return kwargs

    def _cache(self: Any) -> OrderedDict[str, _Entry]:
        cache = self.__dict__.get("_joinus_cache")
        if cache is None:
            cache = self.__dict__["_joinus_cache"] = OrderedDict()
        return cache

    def _remember(self: Any, tracker: Any, fingerprint: Fingerprint) -> None:
        if tracker._max_event_history is not None:  # a bounded deque: its length proves nothing
            return
        stored = len(tracker.events)
        setattr(tracker, _MARK, (stored, fingerprint))
        cache = _cache(self)
        cache[tracker.sender_id] = _Entry(tracker, stored, fingerprint, self.domain)
        cache.move_to_end(tracker.sender_id)
        while len(cache) > CACHE_SIZE:
            cache.popitem(last=False)

    def _fingerprint(self: Any, session: Any, sender_id: str) -> Fingerprint:
        event = self.SQLEvent
        count, newest, latest = (
            session.query(
                sa.func.count(event.id), sa.func.max(event.id), sa.func.max(event.timestamp)
            )
            .filter(event.sender_id == sender_id)
            .one()
        )
        return int(count or 0), newest, latest

    async def retrieve(self: Any, sender_id: str) -> DialogueStateTracker | None:
        """Rasa's ``retrieve`` (the latest session), from memory when the database is unchanged."""
        with self.session_scope() as session:
            fingerprint = _fingerprint(self, session, sender_id)
            cache = _cache(self)
            if fingerprint[0] == 0:
                cache.pop(sender_id, None)
                return None
            entry = cache.get(sender_id)
            if (
                entry is not None
                and entry.fingerprint == fingerprint
                and entry.domain is self.domain
                and len(entry.tracker.events) == entry.stored
            ):
                cache.move_to_end(sender_id)
                STATS["hits"] += 1
                # A copy (Rasa's own: the same events replayed): the caller changes its tracker.
                tracker = entry.tracker.copy()
                setattr(tracker, _MARK, (entry.stored, fingerprint))
                return tracker
            STATS["misses"] += 1
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
        if not self.domain or not rows:
            return None
        events = [json.loads(row.data) for row in rows]
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        _remember(self, tracker, fingerprint)
        return tracker

    def _new_events(self: Any, session: Any, tracker: Any) -> Any:
        mark = getattr(tracker, _MARK, None)
        if mark is not None and len(tracker.events) >= mark[0]:
            return islice(tracker.events, mark[0], len(tracker.events))
        return original_additional_events(self, session, tracker)

    async def save(self: Any, tracker: DialogueStateTracker) -> None:
        """Rasa's ``save``: the events the database lacks, in order, as Rasa writes them."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            rows = []
            for event in _new_events(self, session, tracker):
                data = event.as_dict()
                rows.append(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {})
                        .get("intent", {})
                        .get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.add_all(rows)
            session.flush()  # the new rows' ids, before the commit expires them
            mark = getattr(tracker, _MARK, None)
            if mark is not None:
                count, newest, latest = mark[1]
                ids = [row.id for row in rows] + [newest]
                stamps = [row.timestamp for row in rows] + [latest]
                fingerprint: Fingerprint = (
                    count + len(rows),
                    max(i for i in ids if i is not None),
                    max((t for t in stamps if t is not None), default=None),
                )
            else:
                fingerprint = _fingerprint(self, session, tracker.sender_id)
            session.commit()
        # The caller goes on with this tracker; should the turn end before the next save, its
        # extra events make the cache entry invalid (length check in retrieve).
        _remember(self, tracker, fingerprint)

    ts.create_engine_kwargs = create_engine_kwargs
    store_class.retrieve = retrieve  # type: ignore[method-assign]
    store_class.save = save  # type: ignore[method-assign]
