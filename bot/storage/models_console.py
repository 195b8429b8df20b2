"""Tables of the staff console (issue 14): login links, sessions, facts edited by staff with
their history, and deep-link campaigns.

Login-link tokens and session ids are bearer secrets: only their SHA-256 is stored.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class ConsoleLoginLink(Base):
    """A one-time login link sent by '/console' in a private chat; bound to one Telegram user."""

    __tablename__ = "console_login_links"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    used_at: Mapped[datetime | None] = mapped_column(default=None)


class ConsoleSession(Base):
    """A browser session; the cookie holds the id, the table its hash and its CSRF token."""

    __tablename__ = "console_sessions"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    csrf_token: Mapped[str] = mapped_column(String(64))
    via: Mapped[str] = mapped_column(String(12))  # "link" or "miniapp"
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class FactValue(Base):
    """A fact as staff set it in the console; overrides content/facts.yml (the defaults)."""

    __tablename__ = "fact_values"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class FactChange(Base):
    """Who changed which fact from what to what, when (facts are public: no personal data)."""

    __tablename__ = "fact_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80), index=True)
    old_value: Mapped[str] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[int] = mapped_column(BigInteger)
    changed_by_name: Mapped[str] = mapped_column(String(64), default="")
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class Campaign(Base):
    """A deep-link campaign (poster, school, event): ``/start <code>`` counts as its source."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))  # poster / school / event / other
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
