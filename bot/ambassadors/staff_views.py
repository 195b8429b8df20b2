"""What staff and coaches see: teams per school year with members, hours and open tasks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.ambassadors import texts
from bot.ambassadors.context import ProgrammeContext
from bot.ambassadors.members import member_view, shown_name, team_info
from bot.ambassadors.views import LEFT, AmbassadorView, TeamOverview
from bot.ambassadors.year_plan import school_year_of
from bot.core.errors import NotFound
from bot.storage.models_ambassadors import (
    Ambassador,
    AmbassadorHours,
    AmbassadorTask,
    AmbassadorTeam,
)


class StaffViews:
    """Synchronous (call with ``asyncio.to_thread``)."""

    def __init__(self, ctx: ProgrammeContext) -> None:
        self._ctx = ctx

    def teams(self, school_year: int | None = None) -> list[TeamOverview]:
        """Teams (default: this school year) with who is enrolled, for staff."""
        today = self._ctx.today()
        year = school_year or school_year_of(today)
        with self._ctx.db.session() as session:
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
            select(
                AmbassadorHours.ambassador_id,
                AmbassadorHours.status,
                func.sum(AmbassadorHours.minutes),
            )
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
        infos = {t.id: team_info(t) for t in teams}
        for amb in members:
            by_team[amb.team_id].append(
                AmbassadorView(
                    id=amb.id,
                    team=infos[amb.team_id],
                    first_name=shown_name(self._ctx, amb),
                    status=amb.status,
                    age_band=amb.age_band,
                    confirmed_minutes=minutes.get((amb.id, "confirmed"), 0),
                    pending_minutes=minutes.get((amb.id, "pending"), 0),
                    certificate_issued=amb.certificate_issued_at is not None,
                )
            )
        return [TeamOverview(infos[t.id], by_team[t.id], *tasks.get(t.id, (0, 0))) for t in teams]

    def team(self, team_id: int) -> TeamOverview:
        """One team with its members, for the console's team page."""
        today = self._ctx.today()
        with self._ctx.db.session() as session:
            team = session.get(AmbassadorTeam, team_id)
            if team is None:
                raise NotFound(texts.TEAM_UNKNOWN.format(team=team_id))
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
                team_info(team),
                [member_view(self._ctx, session, a, team) for a in ambassadors],
                len(tasks),
                sum(1 for t in tasks if t.due_date < today),
            )
