"""The ambassador programme: enrolment, tasks, hours, certificates and reminders (Telegram-free).

Every message the programme sends on its own initiative (reminders, notices to the coach)
goes through the outbox in the same transaction as the change that causes it. Reminders are
*materialised* into the outbox by :meth:`AmbassadorService.materialise_due`, which a periodic
job runs (see ``bot/core/scheduling.py`` for why this design): the outbox's unique ``dedupe_key``
makes every reminder exactly-once, across restarts and concurrent runs.
"""

from __future__ import annotations

import hashlib
import html
import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlalchemy import case, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.core.clock import Clock, SystemClock
from bot.core.crypto import Cipher
from bot.core.errors import AmbassadorError, InviteInvalid, NotFound
from bot.core.pseudonym import Pseudonymiser
from bot.core.settings import Settings
from bot.pipeline.outbox import BlockedHook, OutButton, cancel, enqueue
from bot.services.ambassador_text import format_day, format_hours
from bot.services.reminders import ReminderPolicy, next_allowed, plan_reminders, weekly_moment
from bot.services.year_plan import plan_for, school_year_end, school_year_label, school_year_of
from bot.storage.db import Database
from bot.storage.models_ambassadors import (
    Ambassador,
    AmbassadorConsent,
    AmbassadorHours,
    AmbassadorInvite,
    AmbassadorTask,
    AmbassadorTeam,
)
from bot.storage.models_outbox import OutboxMessage

log = logging.getLogger(__name__)

# The handbook: "minimaal dertig uur maatschappelijke stage", signed off by the coach.
HOURS_TARGET_MINUTES = 30 * 60
CONSENT_VERSION = "amb-2025-1"
CONSENT_SCOPE = "voornaam+telegramchat:herinneringen-stage"
PARENT_CODE_DAYS = 14

# Outbox kinds: the first two go to an ambassador (a blocked chat marks them), the last to staff.
KIND_REMINDER = "amb_reminder"
KIND_NOTICE = "amb_notice"
KIND_STAFF = "amb_staff"

ACTIVE = "active"
AWAITING_PARENT = "awaiting_parent"
BLOCKED = "blocked"
LEFT = "left"
FINISHED = "finished"


@dataclass(frozen=True)
class InviteView:
    token: str
    team_id: int
    school: str
    school_year: int
    expires_at: datetime


@dataclass(frozen=True)
class TeamInfo:
    id: int
    school: str
    school_year: int

    @property
    def label(self) -> str:
        return f"{self.school} ({school_year_label(self.school_year)})"


@dataclass(frozen=True)
class Enrolment:
    ambassador_id: int
    status: str
    team: TeamInfo
    parent_code: str | None = None
    already: bool = False


@dataclass(frozen=True)
class AmbassadorView:
    id: int
    team: TeamInfo
    first_name: str | None
    status: str
    age_band: str
    confirmed_minutes: int
    pending_minutes: int
    certificate_issued: bool

    @property
    def display_name(self) -> str:
        return self.first_name or f"ambassadeur {self.id} (wacht op ouder)"


@dataclass(frozen=True)
class TaskView:
    id: int
    team_id: int
    title: str
    description: str
    starts_on: date | None
    due_date: date
    status: str
    assignee_id: int | None
    assignee_name: str | None
    overdue: bool


@dataclass(frozen=True)
class TeamOverview:
    team: TeamInfo
    ambassadors: list[AmbassadorView]
    open_tasks: int
    overdue_tasks: int


@dataclass(frozen=True)
class HoursView:
    id: int
    ambassador_id: int
    ambassador_name: str
    school: str
    minutes: int
    activity: str
    status: str


@dataclass(frozen=True)
class Progress:
    confirmed_minutes: int
    pending_minutes: int
    target_minutes: int = HOURS_TARGET_MINUTES

    @property
    def reached(self) -> bool:
        return self.confirmed_minutes >= self.target_minutes


@dataclass(frozen=True)
class CertificateData:
    first_name: str
    school: str
    school_year: int
    confirmed_minutes: int
    issued_on: date


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def school_key(school: str) -> str:
    return re.sub(r"\s+", " ", school).strip().lower()


def _subject(ambassador_id: int) -> str:
    return f"ambassador:{ambassador_id}"


def reminder_prefix(task_id: int) -> str:
    return f"reminder:{task_id}:"


def _team_info(team: AmbassadorTeam) -> TeamInfo:
    return TeamInfo(team.id, team.school, team.school_year)


class AmbassadorService:
    """One per process; methods are synchronous (call them with ``asyncio.to_thread``)."""

    def __init__(
        self,
        database: Database,
        cipher: Cipher,
        pseudonymiser: Pseudonymiser,
        settings: Settings,
        *,
        clock: Clock | None = None,
    ) -> None:
        self._db = database
        self._cipher = cipher
        self._pseudonymiser = pseudonymiser
        self._settings = settings
        self._config = settings.ambassadors
        self._tz = ZoneInfo(settings.timezone)
        self._policy = ReminderPolicy.from_settings(settings.timezone, settings.ambassadors)
        self._clock = clock or SystemClock()
        # Overviews show hundreds of first names; a ciphertext always decrypts to the same name,
        # and an erased name's ciphertext is never asked for again. Bounded, in memory only.
        self._decrypt_name = lru_cache(maxsize=2048)(cipher.decrypt)

    # ------------------------------------------------------------------ helpers

    def _now(self) -> datetime:
        return self._clock.now()

    def today(self) -> date:
        return self.local_day(self._now())

    def local_day(self, moment: datetime) -> date:
        return _aware(moment).astimezone(self._tz).date()

    def _user_key(self, user_id: int) -> str:
        return self._pseudonymiser.for_user("telegram", user_id)

    def _name(self, amb: Ambassador) -> str | None:
        return self._decrypt_name(amb.first_name_enc) if amb.first_name_enc else None

    def _chat(self, amb: Ambassador) -> int | None:
        return int(self._cipher.decrypt(amb.chat_id_enc)) if amb.chat_id_enc else None

    def _coach_chat(self, team: AmbassadorTeam) -> int | None:
        if team.coach_chat_enc:
            return int(self._cipher.decrypt(team.coach_chat_enc))
        return self._settings.staff_chat_id

    def _progress(self, session: Session, ambassador_id: int) -> Progress:
        rows = session.execute(
            select(AmbassadorHours.status, func.sum(AmbassadorHours.minutes))
            .where(AmbassadorHours.ambassador_id == ambassador_id)
            .group_by(AmbassadorHours.status)
        ).all()
        totals = {status: int(total or 0) for status, total in rows}
        return Progress(totals.get("confirmed", 0), totals.get("pending", 0))

    def _view(self, session: Session, amb: Ambassador, team: AmbassadorTeam) -> AmbassadorView:
        progress = self._progress(session, amb.id)
        return AmbassadorView(
            id=amb.id,
            team=_team_info(team),
            # Staff see no name until a parent has confirmed (under 16).
            first_name=self._name(amb) if amb.status != AWAITING_PARENT else None,
            status=amb.status,
            age_band=amb.age_band,
            confirmed_minutes=progress.confirmed_minutes,
            pending_minutes=progress.pending_minutes,
            certificate_issued=amb.certificate_issued_at is not None,
        )

    def _task_view(self, session: Session, task: AmbassadorTask) -> TaskView:
        assignee = session.get(Ambassador, task.assignee_id) if task.assignee_id else None
        return TaskView(
            id=task.id,
            team_id=task.team_id,
            title=task.title,
            description=task.description,
            starts_on=task.starts_on,
            due_date=task.due_date,
            status=task.status,
            assignee_id=task.assignee_id,
            assignee_name=(self._name(assignee) if assignee else None),
            overdue=task.status == "open" and task.due_date < self.today(),
        )

    def _tell_ambassador(
        self,
        session: Session,
        amb: Ambassador,
        text: str,
        dedupe_key: str,
        *,
        kind: str = KIND_NOTICE,
        buttons: list[list[OutButton]] | None = None,
        not_before: datetime | None = None,
    ) -> None:
        chat = self._chat(amb)
        if chat is None or amb.status not in {ACTIVE, AWAITING_PARENT}:
            return
        enqueue(
            session,
            self._cipher,
            chat_id=chat,
            text=text,
            kind=kind,
            dedupe_key=dedupe_key,
            subject=_subject(amb.id),
            buttons=buttons,
            # Our clock, not the database default: tests run on a FakeClock.
            not_before=not_before or self._now(),
        )

    def _tell_coach(
        self,
        session: Session,
        team: AmbassadorTeam,
        text: str,
        dedupe_key: str,
        buttons: list[list[OutButton]] | None = None,
    ) -> None:
        chat = self._coach_chat(team)
        if chat is None:
            log.warning("no coach chat or STAFF_CHAT_ID for team %s; notice dropped", team.id)
            return
        enqueue(
            session,
            self._cipher,
            chat_id=chat,
            text=text,
            kind=KIND_STAFF,
            dedupe_key=dedupe_key,
            subject=f"amb-team:{team.id}",
            buttons=buttons,
            not_before=self._now(),
        )

    def _event_key(self, what: str) -> str:
        # Notices caused by a user action are unique per action, not per content.
        return f"{what}:{self._now().isoformat()}:{secrets.token_hex(4)}"

    def _current(self, session: Session, user_id: int) -> tuple[Ambassador, AmbassadorTeam] | None:
        row = session.execute(
            select(Ambassador, AmbassadorTeam)
            .join(AmbassadorTeam, AmbassadorTeam.id == Ambassador.team_id)
            .where(Ambassador.user_key == self._user_key(user_id))
            .where(Ambassador.status.in_([ACTIVE, AWAITING_PARENT, BLOCKED]))
            .order_by(AmbassadorTeam.school_year.desc(), Ambassador.id.desc())
            .limit(1)
        ).first()
        return (row[0], row[1]) if row else None

    def _active(self, session: Session, user_id: int) -> tuple[Ambassador, AmbassadorTeam]:
        found = self._current(session, user_id)
        if found is None:
            raise NotFound("Je bent (nog) geen ambassadeur. Heb je een uitnodigingslink gekregen?")
        amb, team = found
        if amb.status == AWAITING_PARENT:
            raise AmbassadorError(
                "We wachten nog op de toestemming van je ouder of verzorger. "
                "Daarna kun je aan de slag!"
            )
        if amb.status == BLOCKED:  # they are talking to us again, so no longer blocked
            amb.status, amb.blocked_at = ACTIVE, None
        return amb, team

    def _visible_task(
        self, session: Session, amb: Ambassador, task_id: int
    ) -> AmbassadorTask:
        task = session.get(AmbassadorTask, task_id)
        if (
            task is None
            or task.team_id != amb.team_id
            or task.assignee_id not in (None, amb.id)
            or task.status != "open"
        ):
            raise NotFound("Die taak kan ik niet vinden (of hij is al klaar). Kijk even bij /taken.")
        return task

    # ------------------------------------------------------------------ enrolment

    def create_invite(
        self, school: str, *, coach_chat_id: int, school_year: int | None = None
    ) -> InviteView:
        """A one-time invite for ``school``; creates the team (with the year plan) if new."""
        school = re.sub(r"\s+", " ", school).strip()
        if not 2 <= len(school) <= 120:
            raise AmbassadorError("Geef de naam van de school (2-120 tekens).")
        year = school_year or school_year_of(self._now().astimezone(self._tz))
        token = secrets.token_urlsafe(16)  # 128 bits
        expires = self._now() + timedelta(days=self._config.invite_days)
        with self._db.session() as session:
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
                    coach_chat_enc=self._cipher.encrypt(str(coach_chat_id)),
                    created_at=self._now(),
                )
                session.add(team)
                session.flush()
                self._add_year_plan(session, team)
            elif team.coach_chat_enc is None:
                team.coach_chat_enc = self._cipher.encrypt(str(coach_chat_id))
            session.add(
                AmbassadorInvite(
                    team_id=team.id,
                    token_hash=_hash(token),
                    created_at=self._now(),
                    expires_at=expires,
                )
            )
            return InviteView(token, team.id, team.school, team.school_year, expires)

    def _add_year_plan(self, session: Session, team: AmbassadorTeam) -> None:
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
                    created_at=self._now(),
                    updated_at=self._now(),
                )
            )

    def invite_team(self, token: str) -> TeamInfo:
        """The team of a valid, unused invite (to greet the student before they agree)."""
        with self._db.session() as session:
            invite = session.scalar(
                select(AmbassadorInvite).where(AmbassadorInvite.token_hash == _hash(token))
            )
            if invite is None or invite.used_at is not None or _aware(invite.expires_at) <= self._now():
                raise InviteInvalid(
                    "Deze uitnodiging werkt niet (meer). Vraag je begeleider van Join us om een nieuwe link."
                )
            team = session.get(AmbassadorTeam, invite.team_id)
            assert team is not None
            return _team_info(team)

    def enrol(
        self, token: str, *, user_id: int, chat_id: int, first_name: str, under_16: bool
    ) -> Enrolment:
        """The student agreed to storing first name + chat; under 16 a parent must confirm too."""
        now = self._now()
        first_name = (first_name or "").strip()[:64] or "ambassadeur"
        with self._db.session() as session:
            invite = session.scalar(
                select(AmbassadorInvite).where(AmbassadorInvite.token_hash == _hash(token))
            )
            if invite is None:
                raise InviteInvalid("Deze uitnodiging ken ik niet. Vraag je begeleider om een nieuwe link.")
            team = session.get(AmbassadorTeam, invite.team_id)
            assert team is not None
            existing = session.scalar(
                select(Ambassador).where(
                    Ambassador.user_key == self._user_key(user_id), Ambassador.team_id == team.id
                )
            )
            if existing is not None and existing.status in {ACTIVE, AWAITING_PARENT, BLOCKED}:
                return Enrolment(existing.id, existing.status, _team_info(team), already=True)
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
                raise InviteInvalid(
                    "Deze uitnodiging is al gebruikt of verlopen. Vraag je begeleider om een nieuwe link."
                )
            parent_code = secrets.token_urlsafe(16) if under_16 else None  # 128 bits
            amb = existing or Ambassador(team_id=team.id, user_key=self._user_key(user_id))
            amb.first_name_enc = self._cipher.encrypt(first_name)
            amb.chat_id_enc = self._cipher.encrypt(str(chat_id))
            amb.age_band = "under16" if under_16 else "16plus"
            amb.status = AWAITING_PARENT if under_16 else ACTIVE
            amb.enrolled_at = now
            amb.active_since = None if under_16 else now
            amb.parent_code_hash = _hash(parent_code) if parent_code else None
            amb.parent_code_expires_at = now + timedelta(days=PARENT_CODE_DAYS) if under_16 else None
            if existing is None:
                session.add(amb)
            session.flush()
            session.add(
                AmbassadorConsent(
                    ambassador_id=amb.id,
                    given_by="self",
                    scope=CONSENT_SCOPE,
                    text_version=CONSENT_VERSION,
                    giver_key=amb.user_key,
                    given_at=now,
                )
            )
            if under_16:
                # No name for staff until a parent has confirmed.
                self._tell_coach(
                    session,
                    team,
                    f"Nieuwe ambassadeur voor {html.escape(team.school)}: jonger dan 16, "
                    "wacht op toestemming van een ouder.",
                    f"amb-enrolled:{amb.id}",
                )
            else:
                self._tell_coach(
                    session,
                    team,
                    f"Nieuwe ambassadeur: {html.escape(first_name)} ({html.escape(team.school)}).",
                    f"amb-enrolled:{amb.id}",
                )
            return Enrolment(amb.id, amb.status, _team_info(team), parent_code=parent_code)

    def parent_preview(self, code: str, viewer_id: int | None = None) -> tuple[str, TeamInfo]:
        """First name of the child and the team, for the parent to check before confirming."""
        with self._db.session() as session:
            amb = self._awaiting_parent(session, code, viewer_id)
            team = session.get(AmbassadorTeam, amb.team_id)
            assert team is not None
            return self._name(amb) or "je kind", _team_info(team)

    def _awaiting_parent(
        self, session: Session, code: str, user_id: int | None = None
    ) -> Ambassador:
        amb = session.scalar(select(Ambassador).where(Ambassador.parent_code_hash == _hash(code)))
        if (
            amb is None
            or amb.status != AWAITING_PARENT
            or amb.parent_code_expires_at is None
            or _aware(amb.parent_code_expires_at) <= self._now()
        ):
            raise InviteInvalid(
                "Deze code werkt niet (meer). Je kind kan via de begeleider van Join us een nieuwe aanvragen."
            )
        if user_id is not None and amb.user_key == self._user_key(user_id):
            # The ambassador's own account must not stand in for the parent.
            raise InviteInvalid(
                "Deze link is voor je ouder of verzorger. Stuur hem naar hen door, dan kunnen "
                "zij toestemming geven."
            )
        return amb

    def confirm_parent(self, code: str, *, parent_user_id: int, agree: bool) -> str:
        """The parent's decision; returns the child's first name. Declining erases the enrolment."""
        now = self._now()
        with self._db.session() as session:
            amb = self._awaiting_parent(session, code, parent_user_id)
            team = session.get(AmbassadorTeam, amb.team_id)
            assert team is not None
            name = self._name(amb) or "je kind"
            if not agree:
                cancel(session, subject=_subject(amb.id))
                session.delete(amb)
                self._tell_coach(
                    session,
                    team,
                    f"Een ouder gaf geen toestemming voor een ambassadeur van {html.escape(team.school)}; "
                    "de aanmelding is verwijderd.",
                    self._event_key("amb-parent-no"),
                )
                return name
            amb.status, amb.active_since = ACTIVE, now
            amb.parent_code_hash, amb.parent_code_expires_at = None, None
            session.add(
                AmbassadorConsent(
                    ambassador_id=amb.id,
                    given_by="parent",
                    scope=CONSENT_SCOPE,
                    text_version=CONSENT_VERSION,
                    giver_key=self._user_key(parent_user_id),
                    given_at=now,
                )
            )
            self._tell_ambassador(
                session,
                amb,
                f"Goed nieuws, {html.escape(name)}! Je ouder heeft toestemming gegeven. "
                "Welkom als ambassadeur van Join us 🎉 Typ /taken om te zien wat er op de planning staat.",
                f"amb-parent-ok:{amb.id}",
            )
            self._tell_coach(
                session,
                team,
                f"Nieuwe ambassadeur: {html.escape(name)} ({html.escape(team.school)}), "
                "ouder heeft toestemming gegeven.",
                f"amb-parent-ok-coach:{amb.id}",
            )
            return name

    def me(self, user_id: int) -> AmbassadorView | None:
        with self._db.session() as session:
            found = self._current(session, user_id)
            return self._view(session, *found) if found else None

    def withdraw(self, user_id: int) -> None:
        """Stop as ambassador: name and chat erased, consent withdrawn, coach told."""
        now = self._now()
        with self._db.session() as session:
            found = self._current(session, user_id)
            if found is None:
                raise NotFound("Je staat niet (meer) ingeschreven als ambassadeur.")
            amb, team = found
            name = self._name(amb) or "Een ambassadeur"
            cancel(session, subject=_subject(amb.id))
            for consent in session.scalars(
                select(AmbassadorConsent).where(AmbassadorConsent.ambassador_id == amb.id)
            ):
                consent.withdrawn_at = consent.withdrawn_at or now
                consent.giver_key = None
            amb.status, amb.first_name_enc, amb.chat_id_enc, amb.user_key = LEFT, None, None, None
            amb.parent_code_hash = None
            self._tell_coach(
                session,
                team,
                f"{html.escape(name)} ({html.escape(team.school)}) is gestopt als ambassadeur; "
                "naam en chat zijn gewist, herinneringen gestopt.",
                self._event_key("amb-left"),
            )

    def privacy_summary(self, user_id: int) -> str | None:
        """/mijngegevens: what we keep about this person as an ambassador (any school year)."""
        with self._db.session() as session:
            rows = session.execute(
                select(Ambassador, AmbassadorTeam)
                .join(AmbassadorTeam, AmbassadorTeam.id == Ambassador.team_id)
                .where(Ambassador.user_key == self._user_key(user_id))
            ).all()
            lines = [
                f"• {self._name(amb) or '(naam nog niet bewaard)'}, ambassadeur op "
                f"{team.school} ({school_year_label(team.school_year)}), je chat met mij, "
                f"{format_hours(self._progress(session, amb.id).confirmed_minutes)} bevestigd"
                for amb, team in rows
            ]
        if not lines:
            return None
        return "Als ambassadeur (voornaam en chat versleuteld):\n" + "\n".join(lines)

    def forget(self, user_id: int) -> int:
        """/vergeet or /stop: every enrolment of this person goes, with hours and consents.

        Tasks stay with the team (unassigned); an active ambassador's coach is told.
        """
        key = self._user_key(user_id)
        with self._db.session() as session:
            rows = session.execute(
                select(Ambassador, AmbassadorTeam)
                .join(AmbassadorTeam, AmbassadorTeam.id == Ambassador.team_id)
                .where(Ambassador.user_key == key)
            ).all()
            for amb, team in rows:
                name = self._name(amb)
                if name and name != "ambassadeur":  # not the placeholder of a missing name
                    # Notices to the coach that named this ambassador (enrolled, hours...).
                    named = re.compile(rf"\b{re.escape(html.escape(name))}\b")
                    for notice in session.scalars(
                        select(OutboxMessage).where(OutboxMessage.subject == f"amb-team:{team.id}")
                    ):
                        if named.search(self._cipher.decrypt(notice.text_enc)):
                            session.delete(notice)
                cancel(session, subject=_subject(amb.id))
                session.execute(
                    delete(OutboxMessage).where(OutboxMessage.subject == _subject(amb.id))
                )
                session.execute(
                    delete(AmbassadorHours).where(AmbassadorHours.ambassador_id == amb.id)
                )
                session.execute(
                    delete(AmbassadorConsent).where(AmbassadorConsent.ambassador_id == amb.id)
                )
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
                    self._tell_coach(
                        session,
                        team,
                        f"Een ambassadeur van {html.escape(team.school)} heeft gevraagd alles te "
                        "wissen; naam, chat en uren zijn gewist, herinneringen gestopt.",
                        self._event_key("amb-forgotten"),
                    )
                session.delete(amb)
            # As a parent who confirmed someone's enrolment: the link to this person goes.
            session.execute(
                update(AmbassadorConsent)
                .where(AmbassadorConsent.giver_key == key)
                .values(giver_key=None)
            )
            return len(rows)

    # ------------------------------------------------------------------ tasks (ambassador)

    def my_tasks(self, user_id: int) -> list[TaskView]:
        with self._db.session() as session:
            amb, _team = self._active(session, user_id)
            tasks = session.scalars(
                select(AmbassadorTask)
                .where(AmbassadorTask.team_id == amb.team_id, AmbassadorTask.status == "open")
                .where(
                    (AmbassadorTask.assignee_id.is_(None)) | (AmbassadorTask.assignee_id == amb.id)
                )
                .order_by(AmbassadorTask.due_date, AmbassadorTask.id)
            ).all()
            return [self._task_view(session, task) for task in tasks]

    def mark_done(self, user_id: int, task_id: int) -> TaskView:
        now = self._now()
        with self._db.session() as session:
            amb, team = self._active(session, user_id)
            task = self._visible_task(session, amb, task_id)
            task.status, task.done_at, task.done_by_id, task.updated_at = "done", now, amb.id, now
            cancel(session, dedupe_prefix=reminder_prefix(task.id))
            self._tell_coach(
                session,
                team,
                f"✅ {html.escape(self._name(amb) or '?')} ({html.escape(team.school)}) "
                f"heeft afgerond: {html.escape(task.title)}",
                self._event_key(f"amb-done:{task.id}"),
            )
            return self._task_view(session, task)

    def snooze(self, user_id: int, task_id: int, new_due: date) -> TaskView:
        """More time: a new due date (after today, before the end of the school year); coach told."""
        now = self._now()
        with self._db.session() as session:
            amb, team = self._active(session, user_id)
            task = self._visible_task(session, amb, task_id)
            if new_due <= self.today():
                raise AmbassadorError("Kies een datum na vandaag.")
            if new_due > school_year_end(team.school_year):
                raise AmbassadorError(
                    "Dat is na het einde van het schooljaar. Overleg even met je begeleider (/vraag)."
                )
            old = task.due_date
            task.due_date, task.updated_at = new_due, now
            cancel(session, dedupe_prefix=reminder_prefix(task.id))
            self._tell_coach(
                session,
                team,
                f"⏰ {html.escape(self._name(amb) or '?')} ({html.escape(team.school)}) vraagt meer tijd "
                f"voor: {html.escape(task.title)}\nWas {format_day(old)}, nu {format_day(new_due)}.",
                self._event_key(f"amb-snooze:{task.id}"),
            )
            return self._task_view(session, task)

    def ask_coach(self, user_id: int, question: str) -> None:
        """A question about a task, passed on to the coach (who answers outside the bot)."""
        question = question.strip()[:1000]
        if not question:
            raise AmbassadorError("Typ je vraag achter /vraag, bijvoorbeeld: /vraag Wanneer is de presentatie?")
        with self._db.session() as session:
            amb, team = self._active(session, user_id)
            self._tell_coach(
                session,
                team,
                f"❓ Vraag van {html.escape(self._name(amb) or '?')} ({html.escape(team.school)}):\n"
                f"{html.escape(question)}",
                self._event_key("amb-question"),
            )

    # ------------------------------------------------------------------ hours

    def log_hours(
        self, user_id: int, minutes: int, activity: str, task_id: int | None = None
    ) -> Progress:
        activity = activity.strip()[:200] or "ambassadeurswerk"
        with self._db.session() as session:
            amb, team = self._active(session, user_id)
            if task_id is not None:
                self._visible_task(session, amb, task_id)
            entry = AmbassadorHours(
                ambassador_id=amb.id,
                task_id=task_id,
                activity=activity,
                minutes=minutes,
                status="pending",
                logged_at=self._now(),
            )
            session.add(entry)
            session.flush()
            self._tell_coach(
                session,
                team,
                f"🕒 {html.escape(self._name(amb) or '?')} ({html.escape(team.school)}) schreef "
                f"{format_hours(minutes)} uur: {html.escape(activity)}",
                f"amb-hours:{entry.id}",
                buttons=[[OutButton("Bevestigen", f"ambs|hok|{entry.id}"),
                          OutButton("Afwijzen", f"ambs|hno|{entry.id}")]],
            )
            return self._progress(session, amb.id)

    def my_progress(self, user_id: int) -> Progress:
        with self._db.session() as session:
            amb, _team = self._active(session, user_id)
            return self._progress(session, amb.id)

    def pending_hours(self, limit: int | None = None) -> list[HoursView]:
        """Hours waiting for a coach, oldest first (``limit``: only the first ones)."""
        with self._db.session() as session:
            rows = session.execute(
                select(AmbassadorHours, Ambassador, AmbassadorTeam)
                .join(Ambassador, Ambassador.id == AmbassadorHours.ambassador_id)
                .join(AmbassadorTeam, AmbassadorTeam.id == Ambassador.team_id)
                .where(AmbassadorHours.status == "pending")
                .order_by(AmbassadorHours.id)
                .limit(limit)
            ).all()
            return [
                HoursView(h.id, a.id, self._name(a) or "?", t.school, h.minutes, h.activity, h.status)
                for h, a, t in rows
            ]

    def pending_hours_count(self) -> int:
        with self._db.session() as session:
            count = session.scalar(
                select(func.count(AmbassadorHours.id)).where(AmbassadorHours.status == "pending")
            )
            return int(count or 0)

    def decide_hours(self, entry_id: int, *, confirm: bool) -> tuple[HoursView, Progress]:
        with self._db.session() as session:
            entry = session.get(AmbassadorHours, entry_id)
            if entry is None:
                raise NotFound("Die urenregel bestaat niet.")
            amb = session.get(Ambassador, entry.ambassador_id)
            assert amb is not None
            team = session.get(AmbassadorTeam, amb.team_id)
            assert team is not None
            if entry.status == "pending":
                before = self._progress(session, amb.id)
                entry.status = "confirmed" if confirm else "rejected"
                entry.decided_at = self._now()
                session.flush()
                after = self._progress(session, amb.id)
                if confirm:
                    text = (
                        f"Je begeleider heeft {format_hours(entry.minutes)} uur bevestigd "
                        f"({html.escape(entry.activity)}). Je staat op "
                        f"{format_hours(after.confirmed_minutes)} van de 30 uur."
                    )
                    if after.reached and not before.reached:
                        text += "\nJe hebt de 30 uur gehaald! 🎉 Je begeleider kan nu je certificaat maken."
                else:
                    text = (
                        f"Je begeleider heeft {format_hours(entry.minutes)} uur "
                        f"({html.escape(entry.activity)}) niet goedgekeurd. Vraag gerust waarom (/vraag)."
                    )
                self._tell_ambassador(session, amb, text, f"amb-hours-decided:{entry.id}")
            view = HoursView(
                entry.id, amb.id, self._name(amb) or "?", team.school, entry.minutes,
                entry.activity, entry.status,
            )
            return view, self._progress(session, amb.id)

    def issue_certificate(self, ambassador_id: int) -> CertificateData:
        now = self._now()
        with self._db.session() as session:
            amb = session.get(Ambassador, ambassador_id)
            if amb is None or amb.first_name_enc is None:
                raise NotFound("Die ambassadeur bestaat niet (meer).")
            team = session.get(AmbassadorTeam, amb.team_id)
            assert team is not None
            progress = self._progress(session, amb.id)
            if not progress.reached:
                raise AmbassadorError(
                    f"Nog niet genoeg bevestigde uren: {format_hours(progress.confirmed_minutes)} van de 30."
                )
            if amb.certificate_issued_at is None:
                amb.certificate_issued_at = now
                self._tell_ambassador(
                    session,
                    amb,
                    f"Gefeliciteerd, {html.escape(self._name(amb) or '')}! 🎉 Je hebt je 30 uur "
                    "maatschappelijke stage bij Join us gehaald en bent nu officieel "
                    "‘Ambassadeur Join us’. Typ /certificaat om je certificaat te krijgen.",
                    f"amb-certificate:{amb.id}",
                )
            return self._certificate(amb, team, progress)

    def _certificate(
        self, amb: Ambassador, team: AmbassadorTeam, progress: Progress
    ) -> CertificateData:
        assert amb.certificate_issued_at is not None
        return CertificateData(
            first_name=self._name(amb) or "",
            school=team.school,
            school_year=team.school_year,
            confirmed_minutes=progress.confirmed_minutes,
            issued_on=_aware(amb.certificate_issued_at).astimezone(self._tz).date(),
        )

    def my_certificate(self, user_id: int) -> CertificateData | None:
        with self._db.session() as session:
            amb, team = self._active(session, user_id)
            if amb.certificate_issued_at is None:
                return None
            return self._certificate(amb, team, self._progress(session, amb.id))

    # ------------------------------------------------------------------ staff

    def teams(self, school_year: int | None = None) -> list[TeamOverview]:
        """Teams (default: this school year) with who is enrolled, for staff."""
        year = school_year or school_year_of(self.today())
        today = self.today()
        with self._db.session() as session:
            teams = session.scalars(
                select(AmbassadorTeam)
                .where(AmbassadorTeam.school_year == year)
                .order_by(AmbassadorTeam.school_key)
            ).all()
            return self._overviews(session, list(teams), today)

    def _overviews(
        self, session: Session, teams: list[AmbassadorTeam], today: date
    ) -> list[TeamOverview]:
        """All teams in four queries (not four per team): the console lists 40 teams at once."""
        ids = [t.id for t in teams]
        if not ids:
            return []
        members = session.scalars(
            select(Ambassador)
            .where(Ambassador.team_id.in_(ids), Ambassador.status != LEFT)
            .order_by(Ambassador.id)
        ).all()
        minutes: dict[tuple[int, str], int] = {}
        for amb_id, status, total in session.execute(
            select(AmbassadorHours.ambassador_id, AmbassadorHours.status, func.sum(AmbassadorHours.minutes))
            .join(Ambassador, Ambassador.id == AmbassadorHours.ambassador_id)
            .where(Ambassador.team_id.in_(ids), Ambassador.status != LEFT)
            .group_by(AmbassadorHours.ambassador_id, AmbassadorHours.status)
        ):
            minutes[(amb_id, status)] = int(total or 0)
        tasks: dict[int, tuple[int, int]] = {}
        for team_id, count, overdue in session.execute(
            select(
                AmbassadorTask.team_id,
                func.count(AmbassadorTask.id),
                func.sum(case((AmbassadorTask.due_date < today, 1), else_=0)),
            )
            .where(AmbassadorTask.team_id.in_(ids), AmbassadorTask.status == "open")
            .group_by(AmbassadorTask.team_id)
        ):
            tasks[team_id] = (int(count or 0), int(overdue or 0))
        by_team: dict[int, list[AmbassadorView]] = {i: [] for i in ids}
        infos = {t.id: _team_info(t) for t in teams}
        for amb in members:
            by_team[amb.team_id].append(
                AmbassadorView(
                    id=amb.id,
                    team=infos[amb.team_id],
                    first_name=self._name(amb) if amb.status != AWAITING_PARENT else None,
                    status=amb.status,
                    age_band=amb.age_band,
                    confirmed_minutes=minutes.get((amb.id, "confirmed"), 0),
                    pending_minutes=minutes.get((amb.id, "pending"), 0),
                    certificate_issued=amb.certificate_issued_at is not None,
                )
            )
        return [
            TeamOverview(infos[t.id], by_team[t.id], *tasks.get(t.id, (0, 0))) for t in teams
        ]

    def team(self, team_id: int) -> TeamOverview:
        """One team with its members, for the console's team page."""
        with self._db.session() as session:
            team = session.get(AmbassadorTeam, team_id)
            if team is None:
                raise NotFound(f"Team {team_id} bestaat niet.")
            return self._overview(session, team, self.today())

    def _overview(self, session: Session, team: AmbassadorTeam, today: date) -> TeamOverview:
        ambassadors = session.scalars(
            select(Ambassador)
            .where(Ambassador.team_id == team.id, Ambassador.status != LEFT)
            .order_by(Ambassador.id)
        ).all()
        tasks = session.scalars(
            select(AmbassadorTask).where(
                AmbassadorTask.team_id == team.id, AmbassadorTask.status == "open"
            )
        ).all()
        return TeamOverview(
            _team_info(team),
            [self._view(session, a, team) for a in ambassadors],
            len(tasks),
            sum(1 for t in tasks if t.due_date < today),
        )

    def team_tasks(self, team_id: int) -> list[TaskView]:
        with self._db.session() as session:
            if session.get(AmbassadorTeam, team_id) is None:
                raise NotFound(f"Team {team_id} bestaat niet. Zie /ambteams.")
            tasks = session.scalars(
                select(AmbassadorTask)
                .where(AmbassadorTask.team_id == team_id, AmbassadorTask.status == "open")
                .order_by(AmbassadorTask.due_date, AmbassadorTask.id)
            ).all()
            return [self._task_view(session, t) for t in tasks]

    def _assignee(self, session: Session, team_id: int, assignee_id: int | None) -> Ambassador | None:
        if assignee_id is None:
            return None
        amb = session.get(Ambassador, assignee_id)
        if amb is None or amb.team_id != team_id or amb.status == LEFT:
            raise NotFound(f"Ambassadeur {assignee_id} zit niet in dit team.")
        return amb

    def _recipients(
        self, session: Session, task: AmbassadorTask
    ) -> Sequence[Ambassador]:
        query = select(Ambassador).where(
            Ambassador.team_id == task.team_id, Ambassador.status == ACTIVE
        )
        if task.assignee_id is not None:
            query = query.where(Ambassador.id == task.assignee_id)
        return session.scalars(query).all()

    def _announce_task(self, session: Session, task: AmbassadorTask, what: str) -> None:
        for amb in self._recipients(session, task):
            self._tell_ambassador(
                session,
                amb,
                f"{what}: <b>{html.escape(task.title)}</b> — vóór {format_day(task.due_date)}. "
                "Typ /taken voor je lijstje.",
                f"amb-task-{what[:12]}:{task.id}:{amb.id}:{task.due_date.isoformat()}:{task.assignee_id}",
            )

    def add_task(
        self, team_id: int, title: str, due: date, *, assignee_id: int | None = None,
        description: str = "",
    ) -> TaskView:
        title = title.strip()[:200]
        if not title:
            raise AmbassadorError("Geef de taak een titel.")
        now = self._now()
        with self._db.session() as session:
            if session.get(AmbassadorTeam, team_id) is None:
                raise NotFound(f"Team {team_id} bestaat niet. Zie /ambteams.")
            self._assignee(session, team_id, assignee_id)
            task = AmbassadorTask(
                team_id=team_id, assignee_id=assignee_id, title=title, description=description,
                due_date=due, status="open", created_at=now, updated_at=now,
            )
            session.add(task)
            session.flush()
            self._announce_task(session, task, "Nieuwe taak")
            return self._task_view(session, task)

    def _open_task(self, session: Session, task_id: int) -> AmbassadorTask:
        task = session.get(AmbassadorTask, task_id)
        if task is None or task.status != "open":
            raise NotFound(f"Taak {task_id} bestaat niet of is al afgerond/geschrapt.")
        return task

    def change_task(
        self, task_id: int, *, title: str | None = None, due: date | None = None
    ) -> TaskView:
        with self._db.session() as session:
            task = self._open_task(session, task_id)
            if title:
                task.title = title.strip()[:200]
            if due is not None and due != task.due_date:
                task.due_date, task.updated_at = due, self._now()
                # Pending reminders for the old date go; the new date's are planned afresh.
                cancel(session, dedupe_prefix=reminder_prefix(task.id))
                self._announce_task(session, task, "Nieuwe datum")
            return self._task_view(session, task)

    def reassign_task(self, task_id: int, assignee_id: int | None) -> TaskView:
        with self._db.session() as session:
            task = self._open_task(session, task_id)
            self._assignee(session, task.team_id, assignee_id)
            task.assignee_id, task.updated_at = assignee_id, self._now()
            cancel(session, dedupe_prefix=reminder_prefix(task.id))
            self._announce_task(session, task, "Taak voor jou")
            return self._task_view(session, task)

    def cancel_task(self, task_id: int) -> TaskView:
        with self._db.session() as session:
            task = self._open_task(session, task_id)
            task.status, task.updated_at = "cancelled", self._now()
            cancel(session, dedupe_prefix=reminder_prefix(task.id))
            return self._task_view(session, task)

    def summary_text(self, team_id: int) -> str:
        """The coach's weekly overview: done, due, overdue and hours per ambassador (plain)."""
        today = self.today()
        soon = today + timedelta(days=7)
        with self._db.session() as session:
            team = session.get(AmbassadorTeam, team_id)
            if team is None:
                raise NotFound(f"Team {team_id} bestaat niet.")
            tasks = session.scalars(
                select(AmbassadorTask).where(AmbassadorTask.team_id == team.id)
            ).all()
            week_ago = self._now() - timedelta(days=7)
            done = [t for t in tasks if t.status == "done" and t.done_at and _aware(t.done_at) >= week_ago]
            due = [t for t in tasks if t.status == "open" and today <= t.due_date <= soon]
            overdue = [t for t in tasks if t.status == "open" and t.due_date < today]
            lines = [
                f"<b>Weekoverzicht ambassadeurs — {html.escape(team.school)} "
                f"({school_year_label(team.school_year)})</b>",
                f"Afgerond (afgelopen week): {len(done)}",
                *(f"  ✅ {html.escape(t.title)}" for t in done),
                f"Deze week te doen: {len(due)}",
                *(f"  • {html.escape(t.title)} ({format_day(t.due_date)})" for t in due),
                f"Te laat: {len(overdue)}",
                *(f"  ⚠️ {html.escape(t.title)} ({format_day(t.due_date)})" for t in overdue),
                "Uren (bevestigd / wacht op bevestiging, van 30):",
            ]
            ambassadors = session.scalars(
                select(Ambassador)
                .where(Ambassador.team_id == team.id, Ambassador.status.in_([ACTIVE, BLOCKED, AWAITING_PARENT]))
                .order_by(Ambassador.id)
            ).all()
            for amb in ambassadors:
                progress = self._progress(session, amb.id)
                mark = " (geblokkeerd)" if amb.status == BLOCKED else ""
                if amb.status == AWAITING_PARENT:
                    lines.append(f"  {amb.id}: wacht op toestemming ouder")
                    continue
                lines.append(
                    f"  {amb.id} {html.escape(self._name(amb) or '?')}{mark}: "
                    f"{format_hours(progress.confirmed_minutes)} / {format_hours(progress.pending_minutes)}"
                )
            if not ambassadors:
                lines.append("  (nog niemand ingeschreven)")
            return "\n".join(lines)

    # ------------------------------------------------------------------ reminders

    def _reminder_text(self, amb: Ambassador, task: AmbassadorTask, kind: str) -> str:
        name = html.escape(self._name(amb) or "")
        title = html.escape(task.title)
        day = format_day(task.due_date)
        if kind == "overdue":
            return (
                f"Hoi {name}, <b>{title}</b> stond voor {day}. Geen stress: is het gelukt, "
                "of heb je wat meer tijd nodig?"
            )
        if kind == "d0":
            return f"Hoi {name}! Vandaag staat op je planning: <b>{title}</b>. Succes! 💪"
        return f"Hoi {name}! Even een seintje: <b>{title}</b> staat op je planning voor {day}."

    def _reminder_buttons(self, task_id: int) -> list[list[OutButton]]:
        return [[OutButton("✅ Klaar", f"amb|done|{task_id}"),
                 OutButton("⏰ Meer tijd", f"amb|more|{task_id}")]]

    def materialise_due(self) -> int:
        """Put every reminder whose time has come into the outbox, once; returns how many.

        Idempotent: run it every minute, after a restart, or from two processes at once. A
        reminder whose planned moment is older than the grace window (the bot was down too
        long), older than the ambassador's enrolment or than the task's last change is skipped:
        a late "over 3 dagen" is worse than none.
        """
        now = self._now()
        grace = timedelta(hours=self._config.grace_hours)
        today = self.today()
        lookback = today - timedelta(days=self._policy.overdue_days + grace.days + 2)
        lookahead = today + timedelta(days=max(self._policy.days_before, default=0) + 1)
        due: list[tuple[int, int, str, str]] = []  # task, ambassador, kind, dedupe key
        with self._db.session() as session:
            tasks = session.scalars(
                select(AmbassadorTask).where(
                    AmbassadorTask.status == "open",
                    AmbassadorTask.due_date >= lookback,
                    AmbassadorTask.due_date <= lookahead,
                )
            ).all()
            for task in tasks:
                recipients = self._recipients(session, task)
                for planned in plan_reminders(task.due_date, self._policy):
                    if planned.at > now:
                        continue
                    for amb in recipients:
                        earliest = max(
                            now - grace,
                            _aware(amb.active_since or amb.enrolled_at),
                            _aware(task.updated_at),
                        )
                        if planned.at < earliest:
                            continue
                        key = (
                            f"{reminder_prefix(task.id)}{amb.id}:{planned.kind}:"
                            f"{task.due_date.isoformat()}"
                        )
                        due.append((task.id, amb.id, planned.kind, key))
        sent = 0
        for task_id, amb_id, kind, key in due:
            sent += self._enqueue_reminder(task_id, amb_id, kind, key, now)
        sent += self._materialise_summaries(now, grace)
        self._purge(now)
        return sent

    def _enqueue_reminder(self, task_id: int, amb_id: int, kind: str, key: str, now: datetime) -> int:
        # One short transaction per reminder: a concurrent run that wins the unique key costs
        # only this one insert, and the task is re-read so a just-completed task is skipped.
        try:
            with self._db.session() as session:
                if session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)):
                    return 0
                task = session.get(AmbassadorTask, task_id)
                amb = session.get(Ambassador, amb_id)
                if task is None or amb is None or task.status != "open" or amb.status != ACTIVE:
                    return 0
                self._tell_ambassador(
                    session,
                    amb,
                    self._reminder_text(amb, task, kind),
                    key,
                    kind=KIND_REMINDER,
                    buttons=self._reminder_buttons(task.id),
                    not_before=next_allowed(now, self._policy),
                )
                return 1
        except IntegrityError:
            return 0

    def _materialise_summaries(self, now: datetime, grace: timedelta) -> int:
        today = self.today()
        moment = weekly_moment(
            today, self._config.summary_weekday, self._config.summary_time, self._tz
        )
        if not now - grace <= moment <= now:
            return 0
        iso = moment.isocalendar()
        year = school_year_of(today)
        sent = 0
        with self._db.session() as session:
            team_ids = session.scalars(
                select(AmbassadorTeam.id).where(AmbassadorTeam.school_year == year)
            ).all()
        for team_id in team_ids:
            if today < date(year, 9, 1) or today > school_year_end(year):
                break
            key = f"coach-summary:{team_id}:{iso.year}-W{iso.week:02d}"
            text = self.summary_text(team_id)
            try:
                with self._db.session() as session:
                    team = session.get(AmbassadorTeam, team_id)
                    if team is None or session.scalar(
                        select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)
                    ):
                        continue
                    has_members = session.scalar(
                        select(func.count(Ambassador.id)).where(
                            Ambassador.team_id == team_id, Ambassador.status != LEFT
                        )
                    )
                    if has_members:
                        self._tell_coach(session, team, text, key)
                        sent += 1
            except IntegrityError:
                continue
        return sent

    def _purge(self, now: datetime) -> None:
        """Unconfirmed under-16 enrolments after the code expired; everyone after the school year."""
        with self._db.session() as session:
            for amb in session.scalars(
                select(Ambassador).where(
                    Ambassador.status == AWAITING_PARENT, Ambassador.parent_code_expires_at < now
                )
            ).all():
                cancel(session, subject=_subject(amb.id))
                session.delete(amb)
            # Kept through the summer after the school year (certificate download), then erased.
            for amb, team in session.execute(
                select(Ambassador, AmbassadorTeam)
                .join(AmbassadorTeam, AmbassadorTeam.id == Ambassador.team_id)
                .where(AmbassadorTeam.school_year < school_year_of(self.today()))
                .where(Ambassador.status.in_([ACTIVE, BLOCKED, AWAITING_PARENT]))
            ).all():
                if self.today() > date(team.school_year + 1, 8, 31):
                    cancel(session, subject=_subject(amb.id))
                    amb.status, amb.first_name_enc, amb.chat_id_enc = FINISHED, None, None
                    amb.user_key = None

    # ------------------------------------------------------------------ blocked chats

    def on_blocked(self, session: Session, message: OutboxMessage) -> None:
        """Outbox hook: the ambassador blocked the bot or left; stop reminders, tell the coach."""
        if not (message.subject or "").startswith("ambassador:"):
            return
        amb = session.get(Ambassador, int((message.subject or "").split(":", 1)[1]))
        if amb is None or amb.status != ACTIVE:
            return
        team = session.get(AmbassadorTeam, amb.team_id)
        assert team is not None
        now = self._now()
        amb.status, amb.blocked_at = BLOCKED, now
        cancel(session, subject=_subject(amb.id))
        self._tell_coach(
            session,
            team,
            f"⚠️ {html.escape(self._name(amb) or 'Een ambassadeur')} ({html.escape(team.school)}) "
            "heeft de bot geblokkeerd of de chat verlaten. Herinneringen zijn gestopt; "
            "ze gaan weer door zodra die weer iets stuurt.",
            f"amb-blocked:{amb.id}:{now.isoformat()}",
        )

    def blocked_hooks(self) -> dict[str, BlockedHook]:
        return {KIND_REMINDER: self.on_blocked, KIND_NOTICE: self.on_blocked}
