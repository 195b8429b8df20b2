"""How full and how late the outbox is: for /readyz and the metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from bot.storage.base import utcnow
from bot.storage.db import Database
from bot.storage.models_outbox import OutboxMessage


@dataclass(frozen=True)
class OutboxStats:
    by_status: dict[str, int]
    oldest_due_seconds: float  # the oldest pending message whose time has come; 0 when none


def outbox_stats(database: Database, now: datetime | None = None) -> OutboxStats:
    now = now or utcnow()
    with database.session() as session:
        counts = session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        ).all()
        oldest = session.scalar(
            select(func.min(OutboxMessage.not_before)).where(
                OutboxMessage.status == "pending", OutboxMessage.not_before <= now
            )
        )
    age = 0.0
    if oldest is not None:
        # SQLite hands min() back without the column type: a naive UTC datetime or a string.
        if isinstance(oldest, str):
            oldest = datetime.fromisoformat(oldest)
        if oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=now.tzinfo)
        age = max(0.0, (now - oldest).total_seconds())
    return OutboxStats({str(status): int(n) for status, n in counts}, age)
