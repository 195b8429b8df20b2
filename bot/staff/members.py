"""Who is staff: admins from ADMIN_TELEGRAM_IDS, staff added through one-time invite links.

Every staff function starts with :meth:`StaffDirectory.require`, on the server side; the
returned :class:`Actor` is what the lead service accepts, so no path skips the check.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.core.clock import Clock, SystemClock
from bot.core.errors import CodeInvalid, NotStaff
from bot.storage.db import Database, rows_changed
from bot.storage.models_leads import Lead, StaffInvite, StaffMember, aware
from bot.storage.models_school import SchoolRequest

INVITE_PREFIX = "staff_"
# Roles: admins come from ADMIN_TELEGRAM_IDS; invited members are staff or coaches. A coach
# runs the ambassador programme only (no leads, no school requests, no facts).
STAFF, COACH, ADMIN = "staff", "coach", "admin"
MEMBER_ROLES = (STAFF, COACH)


@dataclass(frozen=True)
class Actor:
    """A verified staff member (or admin) acting now."""

    telegram_id: int
    is_admin: bool
    role: str = STAFF

    @property
    def is_coach(self) -> bool:
        return self.role == COACH


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class StaffDirectory:
    def __init__(
        self,
        database: Database,
        admin_ids: frozenset[int],
        *,
        invite_hours: int = 48,
        clock: Clock | None = None,
    ) -> None:
        self._db = database
        self._admins = admin_ids
        self._invite_hours = invite_hours
        self._clock = clock or SystemClock()

    def role(self, telegram_id: int) -> str | None:
        """"admin", "staff", "coach" or None: read from settings and our database every time."""
        if telegram_id in self._admins:
            return ADMIN
        with self._db.session() as session:
            member = session.get(StaffMember, telegram_id)
            return member.role if member is not None else None

    def require(self, telegram_id: int, *, admin: bool = False, coach_ok: bool = False) -> Actor:
        """The verified actor; coaches pass only where ``coach_ok`` (the ambassador programme)."""
        role = self.role(telegram_id)
        if role is None or (admin and role != ADMIN) or (role == COACH and not coach_ok):
            raise NotStaff(
                "Dit is alleen voor beheerders van Join us."
                if admin
                else "Dit is alleen voor medewerkers van Join us."
            )
        return Actor(telegram_id, role == ADMIN, role)

    def create_invite(self, admin: Actor, role: str = STAFF) -> str:
        """A one-time token for ``/start staff_<token>``; only its hash is stored."""
        if not admin.is_admin:
            raise NotStaff("Dit is alleen voor beheerders van Join us.")
        if role not in MEMBER_ROLES:
            raise ValueError(f"unknown role {role!r}")
        token = secrets.token_urlsafe(18)
        now = self._clock.now()
        with self._db.session() as session:
            session.add(
                StaffInvite(
                    token_hash=_hash(token),
                    created_by=admin.telegram_id,
                    created_at=now,
                    expires_at=now + timedelta(hours=self._invite_hours),
                    role=role,
                )
            )
        return token

    def redeem(self, token: str, telegram_id: int, name: str) -> bool:
        """Register the user as staff; False if they already were. Raises CodeInvalid."""
        now = self._clock.now()
        with self._db.session() as session:
            # Conditional UPDATE first: an invite opened twice at the same moment is used once.
            won = session.execute(
                update(StaffInvite)
                .where(
                    StaffInvite.token_hash == _hash(token),
                    StaffInvite.used_at.is_(None),
                    StaffInvite.expires_at >= now,
                )
                .values(used_at=now, used_by=telegram_id)
                .execution_options(synchronize_session=False)
            )
            invite = session.get(StaffInvite, _hash(token))
            if rows_changed(won) != 1 or invite is None:
                raise CodeInvalid("Deze uitnodiging is ongeldig, al gebruikt of verlopen.")
            if session.get(StaffMember, telegram_id) is not None:
                return False
            session.add(
                StaffMember(
                    telegram_id=telegram_id,
                    name=name[:64],
                    role=invite.role or STAFF,
                    added_by=invite.created_by,
                    added_at=now,
                )
            )
            return True

    def members(self) -> list[tuple[int, str]]:
        with self._db.session() as session:
            rows = session.scalars(select(StaffMember).order_by(StaffMember.added_at))
            return [(m.telegram_id, m.name) for m in rows]

    def roster(self) -> list[Member]:
        """Every invited member with role and what they hold (for the console's Team page)."""
        with self._db.session() as session:
            rows = session.scalars(select(StaffMember).order_by(StaffMember.added_at)).all()
            held: dict[int, int] = {}
            for model in (Lead, SchoolRequest):
                for who, count in session.execute(
                    select(model.claimed_by, func.count(model.id))
                    .where(model.status.in_(_HELD), model.claimed_by.is_not(None))
                    .group_by(model.claimed_by)
                ):
                    if who is not None:
                        held[who] = held.get(who, 0) + int(count)
            return [
                Member(m.telegram_id, m.name, m.role, aware(m.added_at), held.get(m.telegram_id, 0))
                for m in rows
            ]

    def remove(self, admin: Actor, telegram_id: int) -> bool:
        """Remove a member; their open claims are handed back (open again, re-announced)."""
        if not admin.is_admin:
            raise NotStaff("Dit is alleen voor beheerders van Join us.")
        with self._db.session() as session:
            member = session.get(StaffMember, telegram_id)
            if member is None:
                return False
            _hand_back(session, telegram_id)
            session.delete(member)
            return True


@dataclass(frozen=True)
class Member:
    telegram_id: int
    name: str
    role: str
    added_at: datetime
    open_claims: int


_HELD = ("claimed", "contacted")


def _hand_back(session: Session, telegram_id: int) -> None:
    """Open claims of a removed member go back to "open"; announced_at None re-posts the card
    at the next re-announce run, so nothing waits with someone who left."""
    session.execute(
        update(Lead)
        .where(Lead.claimed_by == telegram_id, Lead.status.in_(_HELD))
        .values(status="open", claimed_by=None, claimed_at=None, announced_at=None)
    )
    session.execute(
        update(SchoolRequest)
        .where(SchoolRequest.claimed_by == telegram_id, SchoolRequest.status.in_(_HELD))
        .values(status="open", claimed_by=None, claimed_at=None)
    )


def is_staff(session: Session, telegram_id: int) -> bool:
    """Registered staff (admins are checked by the caller from settings); for other features."""
    return session.get(StaffMember, telegram_id) is not None
