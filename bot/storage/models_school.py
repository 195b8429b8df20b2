"""Tables of school requests (issue 5): referrals, presentation and material requests, and the
consented link from a referred student's lead back to the school employee who referred them.

A school request holds only the school employee's details (encrypted) and an age band: never a
student's name. The link row exists only after the student (and for under-16s a parent) said
"yes, my school may hear"; it is deleted with the lead (ON DELETE CASCADE) or on withdrawal.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class SchoolRequest(Base):
    """A referral, a presentation request or a material request from a school employee."""

    __tablename__ = "school_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Random and short: shown to staff and carried in callback data ('r|claim|<public_id>').
    public_id: Mapped[str] = mapped_column(String(12), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # referral / presentation / material
    pseudonym: Mapped[str] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    staff_role: Mapped[str | None] = mapped_column(String(20), default=None)
    age_band: Mapped[str | None] = mapped_column(String(8), default=None)
    parents_informed: Mapped[str | None] = mapped_column(String(12), default=None)
    school_enc: Mapped[str | None] = mapped_column(Text, default=None)
    contact_enc: Mapped[str | None] = mapped_column(Text, default=None)
    # The chat the school employee used, stored with their consent so they can hear back.
    chat_id_enc: Mapped[str | None] = mapped_column(Text, default=None)
    details_enc: Mapped[str | None] = mapped_column(Text, default=None)
    answer_enc: Mapped[str | None] = mapped_column(Text, default=None)
    # Only the hash of the referral code: the code itself is given to the student.
    code_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    # The student's deep link carries a long random token (128 bits) instead of the typed code.
    link_hash: Mapped[str | None] = mapped_column(String(64), unique=True, default=None)
    claimed_by: Mapped[int | None] = mapped_column(BigInteger, default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_at: Mapped[datetime | None] = mapped_column(default=None, index=True)


class ReferralLink(Base):
    """'My school may hear that I signed up': a student's lead tied to the referring request."""

    __tablename__ = "school_referral_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("school_requests.id", ondelete="CASCADE"), index=True
    )
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id", ondelete="CASCADE"), unique=True)
    needs_parent: Mapped[bool] = mapped_column(Boolean, default=False)
    student_ok_at: Mapped[datetime] = mapped_column(default=utcnow)
    parent_ok_at: Mapped[datetime | None] = mapped_column(default=None)
    signed_up_told_at: Mapped[datetime | None] = mapped_column(default=None)
    updates_sent: Mapped[int] = mapped_column(Integer, default=0)
