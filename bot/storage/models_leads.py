"""Tables of warm leads: the lead, its consents, staff, invites, the audit log and anonymous counts.

Everything that identifies a young person or a parent is encrypted (``*_enc`` columns, see
bot/core/crypto.py) and erased on withdrawal, on /vergeet, or by the retention job; only
``lead_counts`` survives, and it holds no person at all.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class Lead(Base):
    """Someone who wants to be contacted, from first consent to closing.

    ``kind`` lets other routes (school referrals, presentation requests) reuse the same staff
    card, claim and status flow; the young person's own leads are "interest".
    """

    __tablename__ = "leads"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Random and short: shown to staff and carried in callback data; never guessable from id.
    public_id: Mapped[str] = mapped_column(String(12), unique=True)
    kind: Mapped[str] = mapped_column(String(20), default="interest")
    pseudonym: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    status: Mapped[str] = mapped_column(String(20), index=True)
    age_band: Mapped[str | None] = mapped_column(String(8), default=None)
    route: Mapped[str | None] = mapped_column(String(12), default=None)
    area_enc: Mapped[str | None] = mapped_column(Text, default=None)
    contact_enc: Mapped[str | None] = mapped_column(Text, default=None)
    chat_id_enc: Mapped[str | None] = mapped_column(Text, default=None)
    nickname_enc: Mapped[str | None] = mapped_column(Text, default=None)
    wishes_enc: Mapped[str | None] = mapped_column(Text, default=None)
    note_enc: Mapped[str | None] = mapped_column(Text, default=None)
    source: Mapped[str | None] = mapped_column(String(64), default=None)
    consent_kind: Mapped[str | None] = mapped_column(String(12), default=None)
    # Only a hash: the code itself is a bearer secret that lets a parent see the preview.
    parent_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    parent_code_expires_at: Mapped[datetime | None] = mapped_column(default=None)
    # The parent's deep link carries a long random token (128 bits) instead of the typed code.
    parent_link_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    claimed_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    consented_at: Mapped[datetime | None] = mapped_column(default=None)
    announced_at: Mapped[datetime | None] = mapped_column(default=None, index=True)
    announce_count: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime | None] = mapped_column(default=None)
    contacted_at: Mapped[datetime | None] = mapped_column(default=None)
    signed_up_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None, index=True)


class Consent(Base):
    """One recorded consent: what was agreed, which text version, when and by whom.

    The personal parts (``pseudonym``, ``contact_enc``, the link to the lead) are erased with
    the lead; what remains says only "a consent of version X was given by a parent on day Y".
    """

    __tablename__ = "lead_consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("leads.id", ondelete="SET NULL"), index=True, default=None
    )
    purpose: Mapped[str] = mapped_column(String(40))
    scope: Mapped[str] = mapped_column(String(200))
    text_version: Mapped[str] = mapped_column(String(20))
    given_by: Mapped[str] = mapped_column(String(16))
    pseudonym: Mapped[str | None] = mapped_column(String(64), index=True, default=None)
    contact_enc: Mapped[str | None] = mapped_column(Text, default=None)
    given_at: Mapped[datetime] = mapped_column(default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(default=None)


class LeadAudit(Base):
    """Who looked at or changed a lead, when; the lead link is cut when the lead is erased."""

    __tablename__ = "lead_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lead_id: Mapped[int | None] = mapped_column(
        ForeignKey("leads.id", ondelete="SET NULL"), index=True, default=None
    )
    actor_id: Mapped[int] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(40))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffMember(Base):
    """A Join us employee who may claim leads; added by an admin's one-time invite."""

    __tablename__ = "staff_members"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    # "staff" (leads, schools, ambassadors) or "coach" (the ambassador programme only).
    role: Mapped[str] = mapped_column(String(12), default="staff", server_default="staff")
    added_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class StaffInvite(Base):
    """A one-time, expiring staff invite; only the token's hash is stored."""

    __tablename__ = "staff_invites"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column(default=None)
    used_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    role: Mapped[str] = mapped_column(String(12), default="staff", server_default="staff")


class ComebackCode(Base):
    """'Ik denk erover na': a code to come back with; only the campaign source, no person."""

    __tablename__ = "comeback_codes"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    source: Mapped[str | None] = mapped_column(String(64), default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class LeadCount(Base):
    """Anonymous weekly counts per source: all that remains once personal data is gone."""

    __tablename__ = "lead_counts"
    __table_args__ = (
        UniqueConstraint("week_start", "source", "metric", name="uq_lead_counts_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    week_start: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(64), default="")
    metric: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer, default=0)


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for timezone columns; we always store UTC."""
    from datetime import UTC

    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
