"""Who is staff: admins from ADMIN_TELEGRAM_IDS, staff added through one-time invite links.

Every staff function starts with :meth:`StaffDirectory.require`, on the server side; the
returned :class:`Actor` is what the lead service accepts, so no path skips the check.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.clock import Clock, SystemClock
from bot.errors import CodeInvalid, NotStaff
from bot.storage.db import Database, rows_changed
from bot.storage.models_leads import StaffInvite, StaffMember

INVITE_PREFIX = "staff_"


@dataclass(frozen=True)
class Actor:
    """A verified staff member (or admin) acting now."""

    telegram_id: int
    is_admin: bool


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
        if telegram_id in self._admins:
            return "admin"
        with self._db.session() as session:
            return "staff" if session.get(StaffMember, telegram_id) is not None else None

    def require(self, telegram_id: int, *, admin: bool = False) -> Actor:
        role = self.role(telegram_id)
        if role is None or (admin and role != "admin"):
            raise NotStaff(
                "Dit is alleen voor beheerders van Join us."
                if admin
                else "Dit is alleen voor medewerkers van Join us."
            )
        return Actor(telegram_id, role == "admin")

    def create_invite(self, admin: Actor) -> str:
        """A one-time token for ``/start staff_<token>``; only its hash is stored."""
        if not admin.is_admin:
            raise NotStaff("Dit is alleen voor beheerders van Join us.")
        token = secrets.token_urlsafe(18)
        now = self._clock.now()
        with self._db.session() as session:
            session.add(
                StaffInvite(
                    token_hash=_hash(token),
                    created_by=admin.telegram_id,
                    created_at=now,
                    expires_at=now + timedelta(hours=self._invite_hours),
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
                    added_by=invite.created_by,
                    added_at=now,
                )
            )
            return True

    def members(self) -> list[tuple[int, str]]:
        with self._db.session() as session:
            rows = session.scalars(select(StaffMember).order_by(StaffMember.added_at))
            return [(m.telegram_id, m.name) for m in rows]

    def remove(self, admin: Actor, telegram_id: int) -> bool:
        if not admin.is_admin:
            raise NotStaff("Dit is alleen voor beheerders van Join us.")
        with self._db.session() as session:
            member = session.get(StaffMember, telegram_id)
            if member is None:
                return False
            session.delete(member)
            return True


def is_staff(session: Session, telegram_id: int) -> bool:
    """Registered staff (admins are checked by the caller from settings); for other features."""
    return session.get(StaffMember, telegram_id) is not None
