"""Read-only counts for the console's Vandaag and Cijfers pages (counts only, never persons)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from bot.ambassadors.views import ACTIVE, HOURS_TARGET_MINUTES, LEFT
from bot.ambassadors.year_plan import school_year_of
from bot.leads import status as st
from bot.leads.counts import METRICS, week_start
from bot.storage.db import Database
from bot.storage.models_ambassadors import (
    Ambassador,
    AmbassadorHours,
    AmbassadorTask,
    AmbassadorTeam,
)
from bot.storage.models_insights import UnansweredCount
from bot.storage.models_leads import Lead, LeadCount
from bot.storage.models_outbox import OutboxMessage
from bot.storage.models_school import SchoolRequest


@dataclass(frozen=True)
class Today:
    unclaimed_leads: int | None
    unclaimed_requests: int | None
    my_claims: int | None
    hours_to_confirm: int
    overdue_tasks: int
    failed_deliveries: int | None
    crisis_replies_week: int | None


def today_counts(
    db: Database, *, telegram_id: int, staff: bool, today: date, now: datetime, recipients: int
) -> Today:
    """What waits; a coach (``staff`` False) sees only the ambassador programme's counts."""
    year = school_year_of(today)
    monday = week_start(now)
    with db.session() as s:
        hours = s.scalar(
            select(func.count(AmbassadorHours.id))
            .join(Ambassador, Ambassador.id == AmbassadorHours.ambassador_id)
            .where(AmbassadorHours.status == "pending", Ambassador.status != LEFT)
        )
        overdue = s.scalar(
            select(func.count(AmbassadorTask.id))
            .join(AmbassadorTeam, AmbassadorTeam.id == AmbassadorTask.team_id)
            .where(
                AmbassadorTask.status == "open",
                AmbassadorTask.due_date < today,
                AmbassadorTeam.school_year == year,
            )
        )
        if not staff:
            return Today(None, None, None, int(hours or 0), int(overdue or 0), None, None)
        leads = s.scalar(select(func.count(Lead.id)).where(Lead.status == st.OPEN))
        requests = s.scalar(
            select(func.count(SchoolRequest.id)).where(SchoolRequest.status == st.OPEN)
        )
        mine = s.scalar(
            select(func.count(Lead.id)).where(
                Lead.claimed_by == telegram_id, Lead.status.in_((st.CLAIMED, st.CONTACTED))
            )
        )
        week_ago = now - timedelta(days=7)
        failed = s.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.status.in_(("failed", "blocked")),
                OutboxMessage.created_at >= week_ago,
            )
        )
        crisis = s.scalar(
            select(func.count(OutboxMessage.id)).where(
                OutboxMessage.kind == "crisis_alert",
                OutboxMessage.created_at
                >= datetime.combine(monday, datetime.min.time(), now.tzinfo),
            )
        )
    return Today(
        int(leads or 0),
        int(requests or 0),
        int(mine or 0),
        int(hours or 0),
        int(overdue or 0),
        int(failed or 0),
        int(crisis or 0) // max(1, recipients),
    )


@dataclass(frozen=True)
class Series:
    """Rows of a chart: a label per x value and one count per named series."""

    labels: list[str]
    series: dict[str, list[int]]


def _sums(
    db: Database, key: Any, by: Any, count: Any, week: Any, *, since: date
) -> list[tuple[Any, Any, int]]:
    """(key, by, summed count) over the weekly count rows since ``since``."""
    with db.session() as s:
        rows = s.execute(
            select(key, by, func.sum(count)).where(week >= since).group_by(key, by)
        ).all()
    return [(k, b, int(total or 0)) for k, b, total in rows]


def _weeks(rows: list[tuple[Any, Any, int]]) -> tuple[list[date], dict[date, int]]:
    """The weeks present in the rows, in order, and each week's position."""
    weeks = sorted({w for w, _, _ in rows})
    return weeks, {w: i for i, w in enumerate(weeks)}


def lead_funnel_by_week(db: Database, *, since: date) -> Series:
    c = LeadCount
    rows = _sums(db, c.week_start, c.metric, c.count, c.week_start, since=since)
    weeks, index = _weeks(rows)
    series = {m: [0] * len(weeks) for m in METRICS}
    for week, metric, total in rows:
        if metric in series:
            series[metric][index[week]] = total
    return Series([w.strftime("%d-%m") for w in weeks], series)


def lead_funnel_by_source(db: Database, *, since: date, top: int = 12) -> Series:
    c = LeadCount
    rows = _sums(db, c.source, c.metric, c.count, c.week_start, since=since)
    totals: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(METRICS, 0))
    for source, metric, total in rows:
        if metric in METRICS:
            totals[source or "(direct)"][metric] = total
    ranked = sorted(totals, key=lambda k: -totals[k]["interest"])[:top]
    return Series(ranked, {m: [totals[k][m] for k in ranked] for m in METRICS})


def unanswered_by_week(db: Database, *, since: date, top: int = 5) -> Series:
    u = UnansweredCount
    rows = _sums(db, u.week_start, u.intent_guess, u.count, u.week_start, since=since)
    weeks, index = _weeks(rows)
    per_topic: dict[str, int] = defaultdict(int)
    for _, topic, total in rows:
        per_topic[topic] += total
    topics = sorted(per_topic, key=lambda t: -per_topic[t])[:top]
    series = {t: [0] * len(weeks) for t in [*topics, "overig"]}
    for week, topic, total in rows:
        series[topic if topic in topics else "overig"][index[week]] += total
    if not any(series["overig"]):
        del series["overig"]
    return Series([w.strftime("%d-%m") for w in weeks], series)


def hours_per_team(db: Database, *, school_year: int) -> Series:
    with db.session() as s:
        rows = s.execute(
            select(AmbassadorTeam.school, AmbassadorHours.status, func.sum(AmbassadorHours.minutes))
            .join(Ambassador, Ambassador.team_id == AmbassadorTeam.id)
            .join(AmbassadorHours, AmbassadorHours.ambassador_id == Ambassador.id)
            .where(AmbassadorTeam.school_year == school_year, Ambassador.status != LEFT)
            .group_by(AmbassadorTeam.school, AmbassadorHours.status)
        ).all()
        members = s.execute(
            select(AmbassadorTeam.school, func.count(Ambassador.id))
            .join(Ambassador, Ambassador.team_id == AmbassadorTeam.id)
            .where(AmbassadorTeam.school_year == school_year, Ambassador.status == ACTIVE)
            .group_by(AmbassadorTeam.school)
        ).all()
    confirmed: dict[str, int] = defaultdict(int)
    pending: dict[str, int] = defaultdict(int)
    for school, status, minutes in rows:
        if status == "confirmed":
            confirmed[school] += int(minutes or 0) // 60
        elif status == "pending":
            pending[school] += int(minutes or 0) // 60
    schools = sorted(set(confirmed) | set(pending), key=lambda k: -confirmed[k])
    goal = {school: count * HOURS_TARGET_MINUTES // 60 for school, count in members}
    return Series(
        schools,
        {
            "bevestigd": [confirmed[k] for k in schools],
            "wacht": [pending[k] for k in schools],
            "doel": [goal.get(k, 0) for k in schools],
        },
    )


def requests_per_month(db: Database, *, since: datetime) -> Series:
    with db.session() as s:
        rows = s.execute(
            select(SchoolRequest.kind, SchoolRequest.created_at).where(
                SchoolRequest.created_at >= since
            )
        ).all()
    counts: dict[tuple[str, str], int] = defaultdict(int)
    months: set[str] = set()
    for kind, created in rows:
        month = created.strftime("%Y-%m")
        months.add(month)
        counts[(month, kind)] += 1
    labels = sorted(months)
    kinds = ("referral", "presentation", "material")
    return Series(labels, {k: [counts[(m, k)] for m in labels] for k in kinds})
