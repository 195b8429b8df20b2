"""Anonymous weekly lead counts per source: the only lead data that is never erased."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.ops import metrics
from bot.storage.models_leads import LeadCount

METRICS = ("interest", "consented", "contacted", "signed_up")
# Deep-link payload alphabet; anything else is not a campaign code and is not stored.
_SOURCE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def clean_source(source: str | None) -> str | None:
    return source if source and _SOURCE.match(source) else None


def week_start(moment: datetime) -> date:
    day = moment.date()
    return day - timedelta(days=day.weekday())


def bump(session: Session, metric: str, source: str | None, moment: datetime) -> None:
    """Add one to this week's count, in the caller's transaction."""
    metrics.LEAD_FUNNEL.labels(metric).inc()
    key = (week_start(moment), clean_source(source) or "", metric)
    row = session.scalar(
        select(LeadCount).where(
            LeadCount.week_start == key[0], LeadCount.source == key[1], LeadCount.metric == key[2]
        )
    )
    if row is None:
        # A concurrent first count of the same key must not roll back the caller's lead.
        try:
            with session.begin_nested():
                session.add(LeadCount(week_start=key[0], source=key[1], metric=key[2], count=1))
            return
        except IntegrityError:
            row = session.scalar(
                select(LeadCount).where(
                    LeadCount.week_start == key[0],
                    LeadCount.source == key[1],
                    LeadCount.metric == key[2],
                )
            )
            if row is None:
                raise
    row.count += 1


def weekly(session: Session) -> list[tuple[date, str, str, int]]:
    rows = session.scalars(
        select(LeadCount).order_by(LeadCount.week_start, LeadCount.source, LeadCount.metric)
    )
    return [(r.week_start, r.source, r.metric, r.count) for r in rows]
