"""Enrolment: coaches' one-time invites (a new team gets the year plan) and a student's yes."""

from __future__ import annotations

import html
import re
import secrets
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.ambassadors import texts
from bot.ambassadors.consent import PARENT_CODE_DAYS, consent_record
from bot.ambassadors.context import ProgrammeContext, aware, token_hash
from bot.ambassadors.members import current, member_view, team_info
from bot.ambassadors.notices import tell_coach
from bot.ambassadors.views import (
    ACTIVE,
    AWAITING_PARENT,
    CURRENT,
    AmbassadorView,
    Enrolment,
    InviteView,
    TeamInfo,
)
from bot.ambassadors.year_plan import plan_for, school_year_of
from bot.core.errors import AmbassadorError, InviteInvalid
from bot.storage.models_ambassadors import (
    Ambassador,
    AmbassadorInvite,
    AmbassadorTask,
    AmbassadorTeam,
)


def school_key(school: str) -> str:
    return re.sub(r"\s+", " ", school).strip().lower()


class Enrolments:
    """Synchronous (call with ``asyncio.to_thread``)."""

    def __init__(self, ctx: ProgrammeContext) -> None:
        self._ctx = ctx

    def create_invite(
        self, school: str, *, coach_chat_id: int, school_year: int | None = None
    ) -> InviteView:
        """A one-time invite for ``school``; creates the team (with the year plan) if new."""
        ctx = self._ctx
        school = re.sub(r"\s+", " ", school).strip()
        if not 2 <= len(school) <= 120:
            raise AmbassadorError(texts.SCHOOL_NAME_LENGTH)
        year = school_year or school_year_of(ctx.now().astimezone(ctx.tz))
        token = secrets.token_urlsafe(16)  # 128 bits
        expires = ctx.now() + timedelta(days=ctx.config.invite_days)
        with ctx.db.session() as session:
            team = session.scalar(
                select(AmbassadorTeam).where(
                    AmbassadorTeam.school_key == school_key(school),
                    AmbassadorTeam.school_year == year,
                )
            )
            if team is None:
                team = AmbassadorTeam(
                    school=school,
                    school_key=school_key(school),
                    school_year=year,
                    coach_chat_enc=ctx.cipher.encrypt(str(coach_chat_id)),
                    created_at=ctx.now(),
                )
                session.add(team)
                session.flush()
                self._add_year_plan(session, team)
            elif team.coach_chat_enc is None:
                team.coach_chat_enc = ctx.cipher.encrypt(str(coach_chat_id))
            session.add(
                AmbassadorInvite(
                    team_id=team.id,
                    token_hash=token_hash(token),
                    created_at=ctx.now(),
                    expires_at=expires,
                )
            )
            return InviteView(token, team.id, team.school, team.school_year, expires)

    def _add_year_plan(self, session: Session, team: AmbassadorTeam) -> None:
        now = self._ctx.now()
        for planned in plan_for(team.school_year, owner="ambassadors"):
            session.add(
                AmbassadorTask(
                    team_id=team.id,
                    title=planned.title,
                    description=planned.description,
                    plan_key=planned.key,
                    starts_on=planned.starts_on,
                    due_date=planned.due_date,
                    status="open",
                    created_at=now,
                    updated_at=now,
                )
            )

    def invite_team(self, token: str) -> TeamInfo:
        """The team of a valid, unused invite (to greet the student before they agree)."""
        with self._ctx.db.session() as session:
            invite = session.scalar(
                select(AmbassadorInvite).where(AmbassadorInvite.token_hash == token_hash(token))
            )
            if (
                invite is None
                or invite.used_at is not None
                or aware(invite.expires_at) <= self._ctx.now()
            ):
                raise InviteInvalid(texts.INVITE_NOT_WORKING)
            team = session.get(AmbassadorTeam, invite.team_id)
            assert team is not None
            return team_info(team)

    def enrol(
        self, token: str, *, user_id: int, chat_id: int, first_name: str, under_16: bool
    ) -> Enrolment:
        """The student agreed to storing first name + chat; under 16 a parent must confirm too."""
        ctx = self._ctx
        now = ctx.now()
        first_name = (first_name or "").strip()[:64] or texts.NAME_PLACEHOLDER
        with ctx.db.session() as session:
            invite = session.scalar(
                select(AmbassadorInvite).where(AmbassadorInvite.token_hash == token_hash(token))
            )
            if invite is None:
                raise InviteInvalid(texts.INVITE_UNKNOWN)
            team = session.get(AmbassadorTeam, invite.team_id)
            assert team is not None
            existing = session.scalar(
                select(Ambassador).where(
                    Ambassador.user_key == ctx.user_key(user_id), Ambassador.team_id == team.id
                )
            )
            if existing is not None and existing.status in CURRENT:
                return Enrolment(existing.id, existing.status, team_info(team), already=True)
            # Claim the invite atomically: two taps on one link enrol once.
            claimed = session.execute(
                update(AmbassadorInvite)
                .where(
                    AmbassadorInvite.id == invite.id,
                    AmbassadorInvite.used_at.is_(None),
                    AmbassadorInvite.expires_at > now,
                )
                .values(used_at=now)
            )
            if getattr(claimed, "rowcount", 0) != 1:
                raise InviteInvalid(texts.INVITE_USED)
            parent_code = secrets.token_urlsafe(16) if under_16 else None  # 128 bits
            amb = existing or Ambassador(team_id=team.id, user_key=ctx.user_key(user_id))
            amb.first_name_enc = ctx.cipher.encrypt(first_name)
            amb.chat_id_enc = ctx.cipher.encrypt(str(chat_id))
            amb.age_band = "under16" if under_16 else "16plus"
            amb.status = AWAITING_PARENT if under_16 else ACTIVE
            amb.enrolled_at = now
            amb.active_since = None if under_16 else now
            amb.parent_code_hash = token_hash(parent_code) if parent_code else None
            amb.parent_code_expires_at = (
                now + timedelta(days=PARENT_CODE_DAYS) if under_16 else None
            )
            if existing is None:
                session.add(amb)
            session.flush()
            session.add(consent_record(amb.id, "self", amb.user_key, now))
            # No name for staff until a parent has confirmed.
            notice = (
                texts.COACH_NEW_UNDER_16.format(school=html.escape(team.school))
                if under_16
                else texts.COACH_NEW.format(
                    name=html.escape(first_name), school=html.escape(team.school)
                )
            )
            tell_coach(ctx, session, team, notice, f"amb-enrolled:{amb.id}")
            return Enrolment(amb.id, amb.status, team_info(team), parent_code=parent_code)

    def me(self, user_id: int) -> AmbassadorView | None:
        with self._ctx.db.session() as session:
            found = current(self._ctx, session, user_id)
            return member_view(self._ctx, session, *found) if found else None
