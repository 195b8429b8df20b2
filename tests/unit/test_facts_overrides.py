"""Facts: content/facts.yml as defaults, console values on top; the crisis path never waits."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.fact_store import BY_KEY, FactInvalid, FactStore, parse_value
from bot.answers.facts import Facts
from bot.storage.db import Database, migrate

FILE = Path(__file__).resolve().parents[2] / "content" / "facts.yml"


@pytest.fixture
def db(tmp_path: Path) -> Database:
    url = f"sqlite:///{tmp_path / 'joinus.db'}"
    migrate(url)
    return Database(url)


def test_console_value_overrides_the_file_at_once(db: Database) -> None:
    bot_side, action_side = Facts(FILE, db), Facts(FILE, Database(db.url))
    assert action_side.get("evenings.times") is None
    FactStore(db, bot_side).set(
        "evenings.times", "19:00 - 21:00", actor_id=1, actor_name="Sam", is_admin=False
    )
    assert action_side.get("evenings.times") == "19:00 - 21:00"
    assert action_side.get("evenings.rhythm") == "om de twee weken op vrijdagavond"  # file default


def test_lists_and_validation() -> None:
    assert parse_value(BY_KEY["groups.current"], "12-15 jaar, Veghel\n\n 18-25 jaar,  Uden ") == [
        "12-15 jaar, Veghel",
        "18-25 jaar, Uden",
    ]
    assert parse_value(BY_KEY["contact.phone"], " 0413-123 456 ") == "0413-123 456"
    assert parse_value(BY_KEY["contact.email"], "") == ""  # empty: "we don't know"
    for key, bad in (
        ("contact.phone", "bel me"),
        ("contact.email", "a@b"),
        ("organisation.website", "javascript:alert(1)"),
    ):
        with pytest.raises(FactInvalid):
            parse_value(BY_KEY[key], bad)
    with pytest.raises(FactInvalid):
        parse_value(BY_KEY["evenings.times"], "x" * 121)


def test_crisis_lines_are_served_without_a_database_read(db: Database) -> None:
    facts = Facts(FILE, db)
    FactStore(db, facts).set(
        "crisis_lines.veilig_thuis.phone",
        "0800-2001",
        actor_id=1,
        actor_name="Admin",
        is_admin=True,
    )
    db.dispose()
    db.engine.dispose()
    # Even with the database gone, the crisis lookup answers from memory, with the new number.
    facts._db = Database("sqlite:////nonexistent/dir/db.sqlite")
    assert facts.get("crisis_lines")["veilig_thuis"]["phone"] == "0800-2001"
    assert facts.get("evenings.rhythm") == "om de twee weken op vrijdagavond"  # DB down: last good


def test_history_records_who_and_what(db: Database) -> None:
    store = FactStore(db, Facts(FILE, db))
    assert store.set("evenings.cost", "gratis", actor_id=7, actor_name="Sam", is_admin=False)
    assert not store.set("evenings.cost", "gratis", actor_id=7, actor_name="Sam", is_admin=False)
    [change] = store.history()
    assert (change.label, change.old, change.new, change.by) == ("Kosten", "", "gratis", "Sam")
