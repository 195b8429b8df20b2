"""Tables of the ambassador programme: teams per school year, invites, ambassadors, tasks, hours.

Names and chat ids are encrypted at rest; a Telegram user is found again by the keyed
pseudonym of their user id (``user_key``), never by the plain id.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class AmbassadorTeam(Base):
    """The (about three) ambassadors of one school in one school year, with their coach."""

    __tablename__ = "amb_teams"
    __table_args__ = (UniqueConstraint("school_key", "school_year", name="uq_amb_teams_school"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    school: Mapped[str] = mapped_column(String(120))
    # Lower-cased, single-spaced school name, so "Het Lyceum" and "het  lyceum" are one team.
    school_key: Mapped[str] = mapped_column(String(120))
    school_year: Mapped[int] = mapped_column(Integer)  # the year the school year starts in
    coach_chat_enc: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AmbassadorInvite(Base):
    """A one-time deep link ``/start amb_<token>``; only the token's SHA-256 is stored."""

    __tablename__ = "amb_invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("amb_teams.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(default=None)


class Ambassador(Base):
    """One student in one team. Status: awaiting_parent, active, blocked, left, finished."""

    __tablename__ = "amb_ambassadors"
    __table_args__ = (UniqueConstraint("user_key", "team_id", name="uq_amb_ambassadors_user"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("amb_teams.id", ondelete="CASCADE"), index=True)
    user_key: Mapped[str | None] = mapped_column(String(64), index=True)
    first_name_enc: Mapped[str | None] = mapped_column(Text, default=None)
    chat_id_enc: Mapped[str | None] = mapped_column(Text, default=None)
    age_band: Mapped[str] = mapped_column(String(16))  # "16plus" or "under16"
    status: Mapped[str] = mapped_column(String(20), index=True)
    parent_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    parent_code_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)
    active_since: Mapped[datetime | None] = mapped_column(default=None)
    blocked_at: Mapped[datetime | None] = mapped_column(default=None)
    certificate_issued_at: Mapped[datetime | None] = mapped_column(default=None)


class AmbassadorConsent(Base):
    """What was agreed, which text version, when and by whom (the student or a parent)."""

    __tablename__ = "amb_consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ambassador_id: Mapped[int] = mapped_column(
        ForeignKey("amb_ambassadors.id", ondelete="CASCADE"), index=True
    )
    given_by: Mapped[str] = mapped_column(String(16))  # "self" or "parent"
    scope: Mapped[str] = mapped_column(String(80))
    text_version: Mapped[str] = mapped_column(String(20))
    giver_key: Mapped[str | None] = mapped_column(String(64), default=None)
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)


class AmbassadorTask(Base):
    """A task of a team; ``assignee_id`` None means the whole team. Status: open, done, cancelled."""

    __tablename__ = "amb_tasks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("amb_teams.id", ondelete="CASCADE"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(
        ForeignKey("amb_ambassadors.id", ondelete="SET NULL"), index=True, default=None
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    plan_key: Mapped[str | None] = mapped_column(String(40), default=None)
    starts_on: Mapped[date | None] = mapped_column(Date, default=None)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    done_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("amb_ambassadors.id", ondelete="SET NULL"), default=None
    )
    done_at: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class AmbassadorHours(Base):
    """Hours an ambassador logged; the coach confirms or rejects. Status: pending/confirmed/rejected."""

    __tablename__ = "amb_hours"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ambassador_id: Mapped[int] = mapped_column(
        ForeignKey("amb_ambassadors.id", ondelete="CASCADE"), index=True
    )
    task_id: Mapped[int | None] = mapped_column(
        ForeignKey("amb_tasks.id", ondelete="SET NULL"), default=None
    )
    activity: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    logged_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(default=None)
