"""Counting unanswered questions so staff can see which topics to add (labels only, no text)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.answers.youth import safe_label
from bot.storage.db import Database
from bot.storage.models_insights import UnansweredCount

KINDS = frozenset({"fallback", "out_of_scope"})


@dataclass(frozen=True)
class WeeklyCount:
    week_start: date
    kind: str
    intent_guess: str
    count: int


def week_start(moment: datetime) -> date:
    """Monday of the ISO week of ``moment``."""
    day = moment.date()
    return day - timedelta(days=day.weekday())


class InsightsService:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record_unanswered(
        self, kind: str, intent_guess: str, *, now: datetime | None = None
    ) -> None:
        """Add one to this week's count for ``(kind, intent_guess)``."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        week = week_start(now or datetime.now(UTC))
        guess = safe_label(intent_guess)
        for _ in range(2):  # a concurrent first insert for the same row: retry as an update
            try:
                with self._db.session() as session:
                    updated = session.execute(
                        update(UnansweredCount)
                        .where(
                            UnansweredCount.week_start == week,
                            UnansweredCount.kind == kind,
                            UnansweredCount.intent_guess == guess,
                        )
                        .values(count=UnansweredCount.count + 1)
                    )
                    if not getattr(updated, "rowcount", 0):
                        session.add(
                            UnansweredCount(week_start=week, kind=kind, intent_guess=guess, count=1)
                        )
                return
            except IntegrityError:
                continue

    def weekly_counts(self, since: date | None = None) -> list[WeeklyCount]:
        """All counts (optionally from ``since``), newest week first, biggest count first."""
        with self._db.session() as session:
            query = select(UnansweredCount)
            if since is not None:
                query = query.where(UnansweredCount.week_start >= since)
            rows = session.scalars(
                query.order_by(UnansweredCount.week_start.desc(), UnansweredCount.count.desc())
            ).all()
            return [WeeklyCount(r.week_start, r.kind, r.intent_guess, r.count) for r in rows]
