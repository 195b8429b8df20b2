"""Hours: an ambassador logs them, a coach confirms or rejects, and 30 confirmed hours earn the
certificate (its data here; the PDF in :mod:`bot.ambassadors.certificate`)."""

from __future__ import annotations

import html

from sqlalchemy import func, select

from bot.ambassadors import texts
from bot.ambassadors.context import ProgrammeContext, aware
from bot.ambassadors.formats import format_hours
from bot.ambassadors.members import active, progress
from bot.ambassadors.notices import tell_ambassador, tell_coach
from bot.ambassadors.tasks import visible_task
from bot.ambassadors.views import CertificateData, HoursView, Progress
from bot.core.errors import AmbassadorError, NotFound
from bot.pipeline.outbox import OutButton
from bot.storage.models_ambassadors import Ambassador, AmbassadorHours, AmbassadorTeam


class Hours:
    """Synchronous (call with ``asyncio.to_thread``)."""

    def __init__(self, ctx: ProgrammeContext) -> None:
        self._ctx = ctx

    def log_hours(
        self, user_id: int, minutes: int, activity: str, task_id: int | None = None
    ) -> Progress:
        ctx = self._ctx
        activity = activity.strip()[:200] or texts.DEFAULT_ACTIVITY
        with ctx.db.session() as session:
            amb, team = active(ctx, session, user_id)
            if task_id is not None:
                visible_task(session, amb, task_id)
            entry = AmbassadorHours(
                ambassador_id=amb.id,
                task_id=task_id,
                activity=activity,
                minutes=minutes,
                status="pending",
                logged_at=ctx.now(),
            )
            session.add(entry)
            session.flush()
            tell_coach(
                ctx,
                session,
                team,
                texts.COACH_HOURS_LOGGED.format(
                    name=html.escape(ctx.name(amb) or "?"),
                    school=html.escape(team.school),
                    hours=format_hours(minutes),
                    activity=html.escape(activity),
                ),
                f"amb-hours:{entry.id}",
                buttons=[
                    [
                        OutButton(texts.BUTTON_CONFIRM, f"ambs|hok|{entry.id}"),
                        OutButton(texts.BUTTON_REJECT, f"ambs|hno|{entry.id}"),
                    ]
                ],
            )
            return progress(session, amb.id)

    def my_progress(self, user_id: int) -> Progress:
        with self._ctx.db.session() as session:
            amb, _team = active(self._ctx, session, user_id)
            return progress(session, amb.id)

    def pending_hours(self, limit: int | None = None) -> list[HoursView]:
        """Hours waiting for a coach, oldest first (``limit``: only the first ones)."""
        with self._ctx.db.session() as session:
            rows = session.execute(
                select(AmbassadorHours, Ambassador, AmbassadorTeam)
                .join(Ambassador, Ambassador.id == AmbassadorHours.ambassador_id)
                .join(AmbassadorTeam, AmbassadorTeam.id == Ambassador.team_id)
                .where(AmbassadorHours.status == "pending")
                .order_by(AmbassadorHours.id)
                .limit(limit)
            ).all()
            return [
                HoursView(
                    h.id, a.id, self._ctx.name(a) or "?", t.school, h.minutes, h.activity, h.status
                )
                for h, a, t in rows
            ]

    def pending_hours_count(self) -> int:
        with self._ctx.db.session() as session:
            count = session.scalar(
                select(func.count(AmbassadorHours.id)).where(AmbassadorHours.status == "pending")
            )
            return int(count or 0)

    def decide_hours(self, entry_id: int, *, confirm: bool) -> tuple[HoursView, Progress]:
        ctx = self._ctx
        with ctx.db.session() as session:
            entry = session.get(AmbassadorHours, entry_id)
            if entry is None:
                raise NotFound(texts.HOURS_UNKNOWN)
            amb = session.get(Ambassador, entry.ambassador_id)
            assert amb is not None
            team = session.get(AmbassadorTeam, amb.team_id)
            assert team is not None
            if entry.status == "pending":
                before = progress(session, amb.id)
                entry.status = "confirmed" if confirm else "rejected"
                entry.decided_at = ctx.now()
                session.flush()
                after = progress(session, amb.id)
                fields = {
                    "hours": format_hours(entry.minutes),
                    "activity": html.escape(entry.activity),
                }
                if confirm:
                    text = texts.HOURS_CONFIRMED.format(
                        **fields, total=format_hours(after.confirmed_minutes)
                    )
                    if after.reached and not before.reached:
                        text += "\n" + texts.HOURS_TARGET_REACHED
                else:
                    text = texts.HOURS_REJECTED.format(**fields)
                tell_ambassador(ctx, session, amb, text, f"amb-hours-decided:{entry.id}")
            view = HoursView(
                entry.id,
                amb.id,
                ctx.name(amb) or "?",
                team.school,
                entry.minutes,
                entry.activity,
                entry.status,
            )
            return view, progress(session, amb.id)

    def issue_certificate(self, ambassador_id: int) -> CertificateData:
        ctx = self._ctx
        with ctx.db.session() as session:
            amb = session.get(Ambassador, ambassador_id)
            if amb is None or amb.first_name_enc is None:
                raise NotFound(texts.AMBASSADOR_UNKNOWN)
            team = session.get(AmbassadorTeam, amb.team_id)
            assert team is not None
            done = progress(session, amb.id)
            if not done.reached:
                raise AmbassadorError(
                    texts.NOT_ENOUGH_HOURS.format(hours=format_hours(done.confirmed_minutes))
                )
            if amb.certificate_issued_at is None:
                amb.certificate_issued_at = ctx.now()
                tell_ambassador(
                    ctx,
                    session,
                    amb,
                    texts.CERTIFICATE_EARNED.format(name=html.escape(ctx.name(amb) or "")),
                    f"amb-certificate:{amb.id}",
                )
            return self._certificate(amb, team, done)

    def my_certificate(self, user_id: int) -> CertificateData | None:
        with self._ctx.db.session() as session:
            amb, team = active(self._ctx, session, user_id)
            if amb.certificate_issued_at is None:
                return None
            return self._certificate(amb, team, progress(session, amb.id))

    def _certificate(
        self, amb: Ambassador, team: AmbassadorTeam, done: Progress
    ) -> CertificateData:
        assert amb.certificate_issued_at is not None
        return CertificateData(
            first_name=self._ctx.name(amb) or "",
            school=team.school,
            school_year=team.school_year,
            confirmed_minutes=done.confirmed_minutes,
            issued_on=self._ctx.local_day(aware(amb.certificate_issued_at)),
        )
