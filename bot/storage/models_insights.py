"""Anonymous counts of questions the assistant could not answer, per week and topic guess."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base


class UnansweredCount(Base):
    """How often a kind of miss happened in a week; no message text, no user, only labels."""

    __tablename__ = "unanswered_counts"
    __table_args__ = (
        UniqueConstraint("week_start", "kind", "intent_guess", name="uq_unanswered_week"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Monday of the ISO week in which the misses happened.
    week_start: Mapped[date] = mapped_column(Date, index=True)
    # "fallback" (not understood, even after asking) or "out_of_scope" (not a Join us question).
    kind: Mapped[str] = mapped_column(String(20))
    # The model's best in-scope intent (or faq/... sub-intent) for the message, or "unknown".
    intent_guess: Mapped[str] = mapped_column(String(80))
    count: Mapped[int] = mapped_column(Integer, default=0)
