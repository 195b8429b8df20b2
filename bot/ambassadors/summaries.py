"""The coach's weekly summary per team (done, due, overdue, hours), and when it goes out.

Sent once per ISO week at ``AMBASSADOR_SUMMARY_WEEKDAY``/``_TIME`` (local), during the school
year, to teams with members; the outbox key ``coach-summary:<team>:<week>`` makes it once.
:meth:`Summaries.due_week` is the one place that decides the week's moment: the settings' weekday
and time, moved to the same time on the next working day when that is a day off (Easter Monday
09:00 -> Tuesday 09:00; bot/core/workdays.py), still counted as the nominal week's one summary.
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from bot.ambassadors import texts
from bot.ambassadors.context import ProgrammeContext, aware
from bot.ambassadors.formats import format_day, format_hours
from bot.ambassadors.members import progress
from bot.ambassadors.notices import tell_coach
from bot.ambassadors.schedule import due_weekly_slots
from bot.ambassadors.views import AWAITING_PARENT, BLOCKED, CURRENT, LEFT
from bot.ambassadors.year_plan import school_year_end, school_year_label, school_year_of
from bot.core.errors import NotFound
from bot.storage.models_ambassadors import Ambassador, AmbassadorTask, AmbassadorTeam
from bot.storage.models_outbox import OutboxMessage


class Summaries:
    """Synchronous (call with ``asyncio.to_thread``)."""

    def __init__(self, ctx: ProgrammeContext) -> None:
        self._ctx = ctx

    def summary_text(self, team_id: int) -> str:
        """The coach's weekly overview: done, due, overdue and hours per ambassador (plain)."""
        ctx = self._ctx
        today = ctx.today()
        soon = today + timedelta(days=7)
        with ctx.db.session() as session:
            team = session.get(AmbassadorTeam, team_id)
            if team is None:
                raise NotFound(texts.TEAM_UNKNOWN.format(team=team_id))
            tasks = session.scalars(
                select(AmbassadorTask).where(AmbassadorTask.team_id == team.id)
            ).all()
            week_ago = ctx.now() - timedelta(days=7)
            done = [
                t
                for t in tasks
                if t.status == "done" and t.done_at and aware(t.done_at) >= week_ago
            ]
            due = [t for t in tasks if t.status == "open" and today <= t.due_date <= soon]
            overdue = [t for t in tasks if t.status == "open" and t.due_date < today]
            lines = [
                texts.SUMMARY_TITLE.format(
                    school=html.escape(team.school), year=school_year_label(team.school_year)
                ),
                texts.SUMMARY_DONE.format(count=len(done)),
                *(texts.SUMMARY_DONE_LINE.format(title=html.escape(t.title)) for t in done),
                texts.SUMMARY_DUE.format(count=len(due)),
                *(
                    texts.SUMMARY_DUE_LINE.format(
                        title=html.escape(t.title), day=format_day(t.due_date)
                    )
                    for t in due
                ),
                texts.SUMMARY_OVERDUE.format(count=len(overdue)),
                *(
                    texts.SUMMARY_OVERDUE_LINE.format(
                        title=html.escape(t.title), day=format_day(t.due_date)
                    )
                    for t in overdue
                ),
                texts.SUMMARY_HOURS,
            ]
            ambassadors = session.scalars(
                select(Ambassador)
                .where(Ambassador.team_id == team.id, Ambassador.status.in_(CURRENT))
                .order_by(Ambassador.id)
            ).all()
            for amb in ambassadors:
                if amb.status == AWAITING_PARENT:
                    lines.append(texts.SUMMARY_AWAITING_PARENT.format(id=amb.id))
                    continue
                done_minutes = progress(session, amb.id)
                lines.append(
                    texts.SUMMARY_MEMBER.format(
                        id=amb.id,
                        name=html.escape(ctx.name(amb) or "?"),
                        mark=texts.SUMMARY_BLOCKED_MARK if amb.status == BLOCKED else "",
                        confirmed=format_hours(done_minutes.confirmed_minutes),
                        pending=format_hours(done_minutes.pending_minutes),
                    )
                )
            if not ambassadors:
                lines.append(texts.SUMMARY_NOBODY)
            return "\n".join(lines)

    def due_week(self, now: datetime, grace: timedelta) -> str | None:
        """The ISO week ("2026-W15") whose summary moment fell in ``[now - grace, now]``, if any.

        The moment is the local weekday and time from the settings, on the next working day
        when that day is a public holiday; the week stays the nominal one, so it is sent once.
        """
        config = self._ctx.config
        slots = due_weekly_slots(
            now, grace, config.summary_weekday, config.summary_time, self._ctx.tz
        )
        if not slots:
            return None
        _moment, week = slots[-1]
        return week

    def materialise(self, now: datetime) -> int:
        """Put this week's summaries into the outbox once their moment has come; returns how many.

        A moment older than the grace window (the bot was down too long) is skipped.
        """
        ctx = self._ctx
        grace = timedelta(hours=ctx.config.grace_hours)
        today = ctx.today()
        week = self.due_week(now, grace)
        if week is None:
            return 0
        year = school_year_of(today)
        if today < date(year, 9, 1) or today > school_year_end(year):
            return 0
        sent = 0
        with ctx.db.session() as session:
            team_ids = session.scalars(
                select(AmbassadorTeam.id).where(AmbassadorTeam.school_year == year)
            ).all()
        for team_id in team_ids:
            key = f"coach-summary:{team_id}:{week}"
            text = self.summary_text(team_id)
            try:
                with ctx.db.session() as session:
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
                        tell_coach(ctx, session, team, text, key)
                        sent += 1
            except IntegrityError:
                continue
        return sent
