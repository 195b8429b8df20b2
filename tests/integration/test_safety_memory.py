"""The safety net's memory survives a restart: written behind the net into our database (SQLite
and PostgreSQL), read back at start-up, removed on /vergeet and when it stops counting."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError

from bot.answers.facts import Facts
from bot.core.pseudonym import Pseudonymiser
from bot.pipeline.conversation import ChannelUser, Conversation
from bot.pipeline.messages import Reply
from bot.safety import SafetyNet, journal
from bot.safety.journal import DatabaseJournal
from bot.safety.memory import DISTRESS_SECONDS, SHORT_SECONDS, MemoryEntry, memory_key
from bot.storage.db import Database, migrate
from bot.storage.models_safety import SafetyMemoryRow
from tests.stand_ins import CALM, FACTS, Clock, RecordingEngine, StandInModel, model_setter

DISTRESS = "ik wil niet meer leven"
# Ambiguous alone (an everyday place); a crisis after distress in the same conversation.
AMBIGUOUS = "ik sta op het perron"


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    use = model_setter(monkeypatch)
    use(StandInModel(CALM, wil={"crisis": 0.9, "none": 0.1}))
    return use


def database(url: str) -> Database:
    migrate(url)
    return Database(url)


def test_a_restart_keeps_the_distress_of_a_conversation(database_url: str, model: Any) -> None:
    before = DatabaseJournal(database(database_url))
    net = SafetyNet(journal=before)
    assert net.assess(DISTRESS, "pseudo-1").level == "crisis"
    net.assess("hoi", "pseudo-2")  # a calm conversation beside it
    assert before.flush()

    # "Restart": a new process with a new net reads the journal back.
    after = DatabaseJournal(database(database_url))
    restarted = SafetyNet(journal=after)
    assert restarted.restore(after.load()) == 1  # a calm conversation is not written
    assert restarted.assess(AMBIGUOUS, "pseudo-1").level == "crisis"
    assert restarted.assess(AMBIGUOUS, "pseudo-2").level != "crisis"
    # Without the journal the same restart forgets (the case this table is for).
    assert SafetyNet().assess(AMBIGUOUS, "pseudo-1").level != "crisis"


def test_the_table_holds_no_text_and_no_pseudonym(database_url: str, model: Any) -> None:
    db = database(database_url)
    store = DatabaseJournal(db)
    SafetyNet(journal=store).assess(DISTRESS, "pseudo-1")
    assert store.flush()
    with db.session() as session:
        rows = session.execute(text("SELECT * FROM safety_memory")).all()
    assert len(rows) == 1
    cells = " ".join(str(cell) for cell in rows[0])
    assert "pseudo-1" not in cells and "leven" not in cells
    assert rows[0][0] == memory_key("pseudo-1")


def test_forgetting_removes_the_row(database_url: str, model: Any) -> None:
    db = database(database_url)
    store = DatabaseJournal(db)
    net = SafetyNet(journal=store)
    net.assess(DISTRESS, "pseudo-1")
    net.assess(DISTRESS, "pseudo-2")
    net.forget("pseudo-1")
    assert store.flush()
    assert {entry.key for entry in store.load()} == {memory_key("pseudo-2")}


def test_moments_stop_counting_and_rows_are_purged(database_url: str, model: Any) -> None:
    clock = Clock(time.time())
    db = database(database_url)
    store = DatabaseJournal(db, clock=clock)
    net = SafetyNet(journal=store, clock=clock)
    net.assess(DISTRESS, "distressed")
    # Someone who was asked the direct question (it counts for 30 minutes).
    store.record(MemoryEntry(memory_key("asked"), asked_at=clock.now, talked_at=clock.now))
    assert store.flush()

    clock.now += SHORT_SECONDS + 60  # the question no longer counts
    assert store.purge() == 1
    assert [entry.key for entry in store.load()] == [memory_key("distressed")]
    remembered = store.load()[0]
    assert remembered.distress_at is not None and remembered.talked_at is None

    clock.now += DISTRESS_SECONDS  # nor does the distress
    assert store.purge() == 1
    with db.session() as session:
        assert session.scalars(select(SafetyMemoryRow)).all() == []


class StuckDatabase:
    """A database that hangs until released, then fails (an outage)."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()

    @contextmanager
    def session(self) -> Iterator[Any]:
        self.entered.set()
        self.release.wait(10)
        raise OperationalError("INSERT", {}, Exception("server closed the connection"))
        yield  # pragma: no cover


def test_a_database_outage_costs_only_the_memorys_survival(
    monkeypatch: pytest.MonkeyPatch, model: Any, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(journal, "RETRY_PAUSE", 0.01)
    stuck = StuckDatabase()
    store = DatabaseJournal(stuck)  # type: ignore[arg-type]
    net = SafetyNet(journal=store)
    with caplog.at_level(logging.WARNING, logger="bot.safety.journal"):
        assert net.assess(DISTRESS, "pseudo-1").level == "crisis"
        assert stuck.entered.wait(5)  # the writer now hangs on the database ...
        # ... and the net goes on from its memory without waiting for it.
        assert net.assess(AMBIGUOUS, "pseudo-1").level == "crisis"
        assert net.assess("hoi", "pseudo-2").level == "none"
        stuck.release.set()
        assert store.flush(timeout=10)
    assert "safety memory not saved" in caplog.text


def test_restore_keeps_only_what_still_counts() -> None:
    clock = Clock(time.time())
    net = SafetyNet(clock=clock)
    old = clock.now - DISTRESS_SECONDS - 1
    known = net.restore(
        [
            MemoryEntry(memory_key("recent"), distress_at=clock.now - 60),
            MemoryEntry(memory_key("old"), distress_at=old, talked_at=old),
        ]
    )
    assert known == 1
    assert net.showed_distress("recent") and not net.showed_distress("old")


class RecordingJournal:
    def __init__(self) -> None:
        self.recorded: list[MemoryEntry] = []
        self.forgotten: list[str] = []

    def record(self, entry: MemoryEntry) -> None:
        self.recorded.append(entry)

    def forget(self, key: str) -> None:
        self.forgotten.append(key)


async def test_typed_forget_me_reaches_the_safety_memory() -> None:
    # "vergeet mij" typed: Rasa's action sends the forget_person directive (not the /vergeet command).
    recorded = RecordingJournal()
    conversation = Conversation(
        RecordingEngine(),  # type: ignore[arg-type]
        Pseudonymiser(b"k" * 32),
        Facts(FACTS),
        safety_net=SafetyNet(journal=recorded),
    )
    user = ChannelUser("telegram", 42, 42)
    pseudonym = conversation.pseudonym(user)
    await conversation._apply_directives(
        user, pseudonym, [Reply("", custom={"directive": "forget_person"})]
    )
    assert recorded.forgotten == [memory_key(pseudonym)]
