"""Anonymous unanswered-question counts: per week and topic guess, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import inspect

from bot.staff.insights import InsightsService, week_start
from bot.storage.db import Database, migrate


def test_week_start_is_monday() -> None:
    assert week_start(datetime(2026, 11, 26, 23, 0, tzinfo=UTC)) == date(2026, 11, 23)
    assert week_start(datetime(2026, 11, 23, 0, 1, tzinfo=UTC)) == date(2026, 11, 23)


def test_counts_per_week_kind_and_guess(database_url: str) -> None:
    migrate(database_url)
    db = Database(database_url)
    try:
        service = InsightsService(db)
        monday = datetime(2026, 11, 23, 12, tzinfo=UTC)
        next_week = datetime(2026, 12, 1, 12, tzinfo=UTC)
        for _ in range(3):
            service.record_unanswered("fallback", "cost", now=monday)
        service.record_unanswered("out_of_scope", "cost", now=monday)
        service.record_unanswered("fallback", "Wat kost het???", now=next_week)
        rows = [(c.week_start, c.kind, c.intent_guess, c.count) for c in service.weekly_counts()]
        assert rows == [
            (date(2026, 11, 30), "fallback", "unknown", 1),
            (date(2026, 11, 23), "fallback", "cost", 3),
            (date(2026, 11, 23), "out_of_scope", "cost", 1),
        ]
        assert len(service.weekly_counts(since=date(2026, 11, 30))) == 1
        columns = {c["name"] for c in inspect(db.engine).get_columns("unanswered_counts")}
        assert columns == {"id", "week_start", "kind", "intent_guess", "count"}  # no text, no user
    finally:
        db.dispose()


def test_unknown_kind_is_refused(sqlite_url: str) -> None:
    migrate(sqlite_url)
    db = Database(sqlite_url)
    try:
        with pytest.raises(ValueError):
            InsightsService(db).record_unanswered("everything", "cost")
    finally:
        db.dispose()
