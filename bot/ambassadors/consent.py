"""Consent and erasure: a parent's yes or no (under 16), stopping, /mijngegevens, /vergeet, and
the clean-up of enrolments nobody confirmed or whose school year is over."""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.ambassadors import texts
from bot.ambassadors.context import ProgrammeContext, aware, token_hash
from bot.ambassadors.formats import format_hours
from bot.ambassadors.members import current, progress, team_info
from bot.ambassadors.notices import (
    ambassador_subject,
    event_key,
    team_subject,
    tell_ambassador,
    tell_coach,
)
from bot.ambassadors.views import (
    ACTIVE,
    AWAITING_PARENT,
    BLOCKED,
    CURRENT,
    FINISHED,
    LEFT,
    TeamInfo,
)
from bot.ambassadors.year_plan import school_year_label, school_year_of
from bot.core.errors import InviteInvalid, NotFound
from bot.pipeline.outbox import cancel
from bot.storage.models_ambassadors import (
    Ambassador,
    AmbassadorConsent,
    AmbassadorHours,
    AmbassadorTask,
    AmbassadorTeam,
)
from bot.storage.models_outbox import OutboxMessage

CONSENT_VERSION = "amb-2025-1"
CONSENT_SCOPE = "voornaam+telegramchat:herinneringen-stage"
PARENT_CODE_DAYS = 14


def consent_record(
    ambassador_id: int, given_by: str, giver_key: str | None, now: datetime
) -> AmbassadorConsent:
    """What was agreed (this text version, this scope), by the student ("self") or a parent."""
    return AmbassadorConsent(
        ambassador_id=ambassador_id,
        given_by=given_by,
        scope=CONSENT_SCOPE,
        text_version=CONSENT_VERSION,
        giver_key=giver_key,
        given_at=now,
    )


class Consents:
    """Synchronous (call with ``asyncio.to_thread``)."""

    def __init__(self, ctx: ProgrammeContext) -> None:
        self._ctx = ctx

    def parent_preview(self, code: str, viewer_id: int | None = None) -> tuple[str, TeamInfo]:
        """First name of the child and the team, for the parent to check before confirming."""
        with self._ctx.db.session() as session:
            amb = self._awaiting_parent(session, code, viewer_id)
            team = session.get(AmbassadorTeam, amb.team_id)
            assert team is not None
            return self._ctx.name(amb) or texts.YOUR_CHILD, team_info(team)

    def _awaiting_parent(
        self, session: Session, code: str, user_id: int | None = None
    ) -> Ambassador:
        amb = session.scalar(
            select(Ambassador).where(Ambassador.parent_code_hash == token_hash(code))
        )
        if (
            amb is None
            or amb.status != AWAITING_PARENT
            or amb.parent_code_expires_at is None
            or aware(amb.parent_code_expires_at) <= self._ctx.now()
        ):
            raise InviteInvalid(texts.PARENT_CODE_NOT_WORKING)
        if user_id is not None and amb.user_key == self._ctx.user_key(user_id):
            # The ambassador's own account must not stand in for the parent.
            raise InviteInvalid(texts.PARENT_LINK_NOT_FOR_CHILD)
        return amb

    def confirm_parent(self, code: str, *, parent_user_id: int, agree: bool) -> str:
        """The parent's decision; returns the child's first name. Declining erases the enrolment."""
        ctx = self._ctx
        now = ctx.now()
        with ctx.db.session() as session:
            amb = self._awaiting_parent(session, code, parent_user_id)
            team = session.get(AmbassadorTeam, amb.team_id)
            assert team is not None
            name = ctx.name(amb) or texts.YOUR_CHILD
            school = html.escape(team.school)
            if not agree:
                cancel(session, subject=ambassador_subject(amb.id))
                session.delete(amb)
                tell_coach(
                    ctx,
                    session,
                    team,
                    texts.COACH_PARENT_NO.format(school=school),
                    event_key(ctx, "amb-parent-no"),
                )
                return name
            amb.status, amb.active_since = ACTIVE, now
            amb.parent_code_hash, amb.parent_code_expires_at = None, None
            session.add(consent_record(amb.id, "parent", ctx.user_key(parent_user_id), now))
            tell_ambassador(
                ctx,
                session,
                amb,
                texts.PARENT_AGREED.format(name=html.escape(name)),
                f"amb-parent-ok:{amb.id}",
            )
            tell_coach(
                ctx,
                session,
                team,
                texts.COACH_PARENT_YES.format(name=html.escape(name), school=school),
                f"amb-parent-ok-coach:{amb.id}",
            )
            return name

    def withdraw(self, user_id: int) -> None:
        """Stop as ambassador: name and chat erased, consent withdrawn, coach told."""
        ctx = self._ctx
        now = ctx.now()
        with ctx.db.session() as session:
            found = current(ctx, session, user_id)
            if found is None:
                raise NotFound(texts.NOT_ENROLLED)
            amb, team = found
            name = ctx.name(amb) or texts.SOMEONE
            cancel(session, subject=ambassador_subject(amb.id))
            for consent in session.scalars(
                select(AmbassadorConsent).where(AmbassadorConsent.ambassador_id == amb.id)
            ):
                consent.withdrawn_at = consent.withdrawn_at or now
                consent.giver_key = None
            amb.status, amb.first_name_enc, amb.chat_id_enc, amb.user_key = LEFT, None, None, None
            amb.parent_code_hash = None
            tell_coach(
                ctx,
                session,
                team,
                texts.COACH_LEFT.format(name=html.escape(name), school=html.escape(team.school)),
                event_key(ctx, "amb-left"),
            )

    def privacy_summary(self, user_id: int) -> str | None:
        """/mijngegevens: what we keep about this person as an ambassador (any school year)."""
        ctx = self._ctx
        with ctx.db.session() as session:
            rows = session.execute(
                select(Ambassador, AmbassadorTeam)
                .join(AmbassadorTeam, AmbassadorTeam.id == Ambassador.team_id)
                .where(Ambassador.user_key == ctx.user_key(user_id))
            ).all()
            lines = [
                texts.PRIVACY_LINE.format(
                    name=ctx.name(amb) or texts.NAME_NOT_KEPT,
                    school=team.school,
                    year=school_year_label(team.school_year),
                    hours=format_hours(progress(session, amb.id).confirmed_minutes),
                )
                for amb, team in rows
            ]
        if not lines:
            return None
        return texts.PRIVACY_HEADER + "\n" + "\n".join(lines)

    def forget(self, user_id: int) -> int:
        """/vergeet or /stop: every enrolment of this person goes, with hours and consents.

        Tasks stay with the team (unassigned); an active ambassador's coach is told.
        """
        ctx = self._ctx
        key = ctx.user_key(user_id)
        with ctx.db.session() as session:
            rows = session.execute(
                select(Ambassador, AmbassadorTeam)
                .join(AmbassadorTeam, AmbassadorTeam.id == Ambassador.team_id)
                .where(Ambassador.user_key == key)
            ).all()
            for amb, team in rows:
                self._erase(session, amb, team)
            # As a parent who confirmed someone's enrolment: the link to this person goes.
            session.execute(
                update(AmbassadorConsent)
                .where(AmbassadorConsent.giver_key == key)
                .values(giver_key=None)
            )
            return len(rows)

    def _erase(self, session: Session, amb: Ambassador, team: AmbassadorTeam) -> None:
        ctx = self._ctx
        name = ctx.name(amb)
        if name and name != texts.NAME_PLACEHOLDER:  # not the placeholder of a missing name
            # Notices to the coach that named this ambassador (enrolled, hours...).
            named = re.compile(rf"\b{re.escape(html.escape(name))}\b")
            for notice in session.scalars(
                select(OutboxMessage).where(OutboxMessage.subject == team_subject(team.id))
            ):
                if named.search(ctx.cipher.decrypt(notice.text_enc)):
                    session.delete(notice)
        cancel(session, subject=ambassador_subject(amb.id))
        session.execute(
            delete(OutboxMessage).where(OutboxMessage.subject == ambassador_subject(amb.id))
        )
        session.execute(delete(AmbassadorHours).where(AmbassadorHours.ambassador_id == amb.id))
        session.execute(delete(AmbassadorConsent).where(AmbassadorConsent.ambassador_id == amb.id))
        session.execute(
            update(AmbassadorTask)
            .where(AmbassadorTask.assignee_id == amb.id)
            .values(assignee_id=None)
        )
        session.execute(
            update(AmbassadorTask)
            .where(AmbassadorTask.done_by_id == amb.id)
            .values(done_by_id=None)
        )
        if amb.status in (ACTIVE, BLOCKED):
            tell_coach(
                ctx,
                session,
                team,
                texts.COACH_FORGOTTEN.format(school=html.escape(team.school)),
                event_key(ctx, "amb-forgotten"),
            )
        session.delete(amb)

    def purge(self, now: datetime) -> None:
        """Unconfirmed under-16 enrolments after the code expired; everyone after the school year."""
        today = self._ctx.today()
        with self._ctx.db.session() as session:
            for amb in session.scalars(
                select(Ambassador).where(
                    Ambassador.status == AWAITING_PARENT, Ambassador.parent_code_expires_at < now
                )
            ).all():
                cancel(session, subject=ambassador_subject(amb.id))
                session.delete(amb)
            # Kept through the summer after the school year (certificate download), then erased.
            for amb, team in session.execute(
                select(Ambassador, AmbassadorTeam)
                .join(AmbassadorTeam, AmbassadorTeam.id == Ambassador.team_id)
                .where(AmbassadorTeam.school_year < school_year_of(today))
                .where(Ambassador.status.in_(CURRENT))
            ).all():
                if today > date(team.school_year + 1, 8, 31):
                    cancel(session, subject=ambassador_subject(amb.id))
                    amb.status, amb.first_name_enc, amb.chat_id_enc = FINISHED, None, None
                    amb.user_key = None
