"""Wrong parent and referral codes, counted in the database: shared by the bot process and the
action server, and kept across restarts, so guessing is capped per person and for everyone."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class CodeAttempt(Base):
    """One wrong code; who is a keyed digest of the pseudonym, rows go after a day."""

    __tablename__ = "code_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))  # parent / referral
    who: Mapped[str] = mapped_column(String(32), index=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
