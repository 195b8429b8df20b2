"""Checks engine/tracker_cache.py against Rasa's own SQL tracker store, on a throw-away SQLite
file: what is written, what is read back, and that the database stays the truth (another
engine's turn, an erased conversation, a retention purge, a turn that ended before its save, a
restart). Prints one JSON line ``{"ok": true, "checks": N}`` or exits 1 naming the failed check.

    .venv-rasa/bin/python engine/check_tracker_cache.py

Runs under Python 3.10 in .venv-rasa (tests/e2e/test_engine_load.py runs it).
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

    stock_retrieve, stock_save = SQLTrackerStore.retrieve, SQLTrackerStore.save
    from engine import tracker_cache

    tracker_cache.install()
    domain = Domain.load(str(ROOT / "domain"))
    folder = Path(tempfile.mkdtemp(prefix="tracker-cache-"))
    checks = 0

    def check(condition: bool, what: str) -> None:
        nonlocal checks
        checks += 1
        if not condition:
            print(json.dumps({"ok": False, "failed": what}))
            raise SystemExit(1)

    def store(name: str) -> Any:
        with sqlite3.connect(folder / name) as connection:
            connection.execute("PRAGMA journal_mode=WAL")
        return SQLTrackerStore(domain, dialect="sqlite", db=str(folder / name))

    def rows(name: str, sender: str = "a") -> list[tuple[Any, ...]]:
        with sqlite3.connect(folder / name) as connection:
            return connection.execute(
                "SELECT type_name, intent_name, action_name, data FROM events "
                "WHERE sender_id = ? ORDER BY id",
                (sender,),
            ).fetchall()

    def turn(tracker: Any, text: str, intent: str, n: int) -> None:
        stamp = 1_700_000_000.0 + n
        tracker.update(UserUttered(text, {"name": intent, "confidence": 0.9}, timestamp=stamp))
        tracker.update(ActionExecuted("action_listen", timestamp=stamp + 0.1))
        tracker.update(SlotSet("visitor_role", "parent", timestamp=stamp + 0.2))
        tracker.update(BotUttered(f"antwoord {n}", timestamp=stamp + 0.3))
        tracker.update(ActionExecuted("action_listen", timestamp=stamp + 0.4))

    def state(tracker: Any) -> Any:
        return [event.as_dict() for event in tracker.events], tracker.current_state()

    async def scenario() -> None:
        cached, other = store("cached.db"), None
        plain = store("plain.db")

        async def plain_retrieve(sender: str) -> Any:
            return await stock_retrieve(plain, sender)

        # The same turns through both stores: the same rows, the same trackers read back.
        for n in range(4):
            mine = await cached.retrieve("a") or cached.init_tracker("a")
            theirs = await plain_retrieve("a") or plain.init_tracker("a")
            turn(mine, "hoi", "greet", n)
            turn(theirs, "hoi", "greet", n)
            await cached.save(mine)
            await stock_save(plain, theirs)
            check(rows("cached.db") == rows("plain.db"), f"rows after turn {n}")
            hits = tracker_cache.STATS["hits"]
            again, stock = await cached.retrieve("a"), await plain_retrieve("a")
            check(state(again) == state(stock), f"tracker read back after turn {n}")
            check(tracker_cache.STATS["hits"] == hits + 1, f"read from memory after turn {n}")

        # Another engine (its own store on the same file) takes a turn: this one sees it.
        other = SQLTrackerStore(domain, dialect="sqlite", db=str(folder / "cached.db"))
        elsewhere = await other.retrieve("a")
        turn(elsewhere, "wat kost het", "cost", 10)
        await other.save(elsewhere)
        seen = await cached.retrieve("a")
        check(state(seen) == state(elsewhere), "another engine's turn")

        # A turn that ended before its save: its events must not come back.
        lost = await cached.retrieve("a")
        turn(lost, "weg", "goodbye", 11)
        check(
            state(await cached.retrieve("a")) == state(await stock_retrieve(cached, "a")),
            "unsaved events",
        )

        # Retention purge (older events) and erasure (/vergeet), straight in SQL as the bot does.
        with sqlite3.connect(folder / "cached.db") as connection:
            connection.execute("DELETE FROM events WHERE sender_id = 'a' AND id <= 3")
        check(
            state(await cached.retrieve("a")) == state(await stock_retrieve(cached, "a")),
            "retention purge",
        )
        with sqlite3.connect(folder / "cached.db") as connection:
            connection.execute("DELETE FROM events WHERE sender_id = 'a'")
        check(await cached.retrieve("a") is None, "erased conversation")
        fresh = cached.init_tracker("a")
        turn(fresh, "hallo", "greet", 20)
        await cached.save(fresh)
        check(len(rows("cached.db")) == 5, "a new conversation after erasure")

        # A restart: a new store reads what the old one wrote.
        restarted = SQLTrackerStore(domain, dialect="sqlite", db=str(folder / "cached.db"))
        check(state(await restarted.retrieve("a")) == state(fresh), "after a restart")

    asyncio.run(scenario())
    print(json.dumps({"ok": True, "checks": checks, **tracker_cache.STATS}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
