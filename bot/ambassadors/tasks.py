"""Tasks: what an ambassador sees and ticks off, and what a coach adds, moves or cancels.

Changing or completing a task cancels its pending reminders in the same transaction; the
reminder job plans the new date's afresh.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.ambassadors import texts
from bot.ambassadors.context import ProgrammeContext
from bot.ambassadors.formats import format_day
from bot.ambassadors.members import active
from bot.ambassadors.notices import event_key, tell_ambassador, tell_coach
from bot.ambassadors.views import ACTIVE, LEFT, TaskView
from bot.ambassadors.year_plan import school_year_end
from bot.core.errors import AmbassadorError, NotFound
from bot.pipeline.outbox import cancel
from bot.storage.models_ambassadors import Ambassador, AmbassadorTask, AmbassadorTeam


def reminder_prefix(task_id: int) -> str:
    """The start of every reminder's outbox key for this task (to cancel them all at once)."""
    return f"reminder:{task_id}:"


def task_view(ctx: ProgrammeContext, session: Session, task: AmbassadorTask) -> TaskView:
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
        assignee_name=(ctx.name(assignee) if assignee else None),
        overdue=task.status == "open" and task.due_date < ctx.today(),
    )


def visible_task(session: Session, amb: Ambassador, task_id: int) -> AmbassadorTask:
    """An open task of the ambassador's team, for them or the whole team."""
    task = session.get(AmbassadorTask, task_id)
    if (
        task is None
        or task.team_id != amb.team_id
        or task.assignee_id not in (None, amb.id)
        or task.status != "open"
    ):
        raise NotFound(texts.TASK_NOT_FOUND)
    return task


def recipients(session: Session, task: AmbassadorTask) -> Sequence[Ambassador]:
    """Active ambassadors the task is for: its assignee, or the whole team."""
    query = select(Ambassador).where(
        Ambassador.team_id == task.team_id, Ambassador.status == ACTIVE
    )
    if task.assignee_id is not None:
        query = query.where(Ambassador.id == task.assignee_id)
    return session.scalars(query).all()


class Tasks:
    """Synchronous (call with ``asyncio.to_thread``)."""

    def __init__(self, ctx: ProgrammeContext) -> None:
        self._ctx = ctx

    # ------------------------------------------------------------------ the ambassador's side

    def my_tasks(self, user_id: int) -> list[TaskView]:
        ctx = self._ctx
        with ctx.db.session() as session:
            amb, _team = active(ctx, session, user_id)
            tasks = session.scalars(
                select(AmbassadorTask)
                .where(AmbassadorTask.team_id == amb.team_id, AmbassadorTask.status == "open")
                .where(
                    (AmbassadorTask.assignee_id.is_(None)) | (AmbassadorTask.assignee_id == amb.id)
                )
                .order_by(AmbassadorTask.due_date, AmbassadorTask.id)
            ).all()
            return [task_view(ctx, session, task) for task in tasks]

    def mark_done(self, user_id: int, task_id: int) -> TaskView:
        ctx = self._ctx
        now = ctx.now()
        with ctx.db.session() as session:
            amb, team = active(ctx, session, user_id)
            task = visible_task(session, amb, task_id)
            task.status, task.done_at, task.done_by_id, task.updated_at = "done", now, amb.id, now
            cancel(session, dedupe_prefix=reminder_prefix(task.id))
            tell_coach(
                ctx,
                session,
                team,
                texts.COACH_TASK_DONE.format(
                    name=html.escape(ctx.name(amb) or "?"),
                    school=html.escape(team.school),
                    title=html.escape(task.title),
                ),
                event_key(ctx, f"amb-done:{task.id}"),
            )
            return task_view(ctx, session, task)

    def snooze(self, user_id: int, task_id: int, new_due: date) -> TaskView:
        """More time: a new due date (after today, before the end of the school year); coach told."""
        ctx = self._ctx
        now = ctx.now()
        with ctx.db.session() as session:
            amb, team = active(ctx, session, user_id)
            task = visible_task(session, amb, task_id)
            if new_due <= ctx.today():
                raise AmbassadorError(texts.DATE_AFTER_TODAY)
            if new_due > school_year_end(team.school_year):
                raise AmbassadorError(texts.DATE_AFTER_SCHOOL_YEAR)
            old = task.due_date
            task.due_date, task.updated_at = new_due, now
            cancel(session, dedupe_prefix=reminder_prefix(task.id))
            tell_coach(
                ctx,
                session,
                team,
                texts.COACH_MORE_TIME.format(
                    name=html.escape(ctx.name(amb) or "?"),
                    school=html.escape(team.school),
                    title=html.escape(task.title),
                    old=format_day(old),
                    new=format_day(new_due),
                ),
                event_key(ctx, f"amb-snooze:{task.id}"),
            )
            return task_view(ctx, session, task)

    def ask_coach(self, user_id: int, question: str) -> None:
        """A question about a task, passed on to the coach (who answers outside the bot)."""
        ctx = self._ctx
        question = question.strip()[:1000]
        if not question:
            raise AmbassadorError(texts.QUESTION_EMPTY)
        with ctx.db.session() as session:
            amb, team = active(ctx, session, user_id)
            tell_coach(
                ctx,
                session,
                team,
                texts.COACH_QUESTION.format(
                    name=html.escape(ctx.name(amb) or "?"),
                    school=html.escape(team.school),
                    question=html.escape(question),
                ),
                event_key(ctx, "amb-question"),
            )

    # ------------------------------------------------------------------ the coach's side

    def team_tasks(self, team_id: int) -> list[TaskView]:
        ctx = self._ctx
        with ctx.db.session() as session:
            if session.get(AmbassadorTeam, team_id) is None:
                raise NotFound(texts.TEAM_UNKNOWN_SEE_TEAMS.format(team=team_id))
            tasks = session.scalars(
                select(AmbassadorTask)
                .where(AmbassadorTask.team_id == team_id, AmbassadorTask.status == "open")
                .order_by(AmbassadorTask.due_date, AmbassadorTask.id)
            ).all()
            return [task_view(ctx, session, t) for t in tasks]

    def add_task(
        self,
        team_id: int,
        title: str,
        due: date,
        *,
        assignee_id: int | None = None,
        description: str = "",
    ) -> TaskView:
        ctx = self._ctx
        title = title.strip()[:200]
        if not title:
            raise AmbassadorError(texts.TASK_TITLE_EMPTY)
        now = ctx.now()
        with ctx.db.session() as session:
            if session.get(AmbassadorTeam, team_id) is None:
                raise NotFound(texts.TEAM_UNKNOWN_SEE_TEAMS.format(team=team_id))
            self._assignee(session, team_id, assignee_id)
            task = AmbassadorTask(
                team_id=team_id,
                assignee_id=assignee_id,
                title=title,
                description=description,
                due_date=due,
                status="open",
                created_at=now,
                updated_at=now,
            )
            session.add(task)
            session.flush()
            self._announce(session, task, texts.TASK_NEW)
            return task_view(ctx, session, task)

    def change_task(
        self, task_id: int, *, title: str | None = None, due: date | None = None
    ) -> TaskView:
        ctx = self._ctx
        with ctx.db.session() as session:
            task = self._open_task(session, task_id)
            if title:
                task.title = title.strip()[:200]
            if due is not None and due != task.due_date:
                task.due_date, task.updated_at = due, ctx.now()
                # Pending reminders for the old date go; the new date's are planned afresh.
                cancel(session, dedupe_prefix=reminder_prefix(task.id))
                self._announce(session, task, texts.TASK_NEW_DATE)
            return task_view(ctx, session, task)

    def reassign_task(self, task_id: int, assignee_id: int | None) -> TaskView:
        ctx = self._ctx
        with ctx.db.session() as session:
            task = self._open_task(session, task_id)
            self._assignee(session, task.team_id, assignee_id)
            task.assignee_id, task.updated_at = assignee_id, ctx.now()
            cancel(session, dedupe_prefix=reminder_prefix(task.id))
            self._announce(session, task, texts.TASK_FOR_YOU)
            return task_view(ctx, session, task)

    def cancel_task(self, task_id: int) -> TaskView:
        ctx = self._ctx
        with ctx.db.session() as session:
            task = self._open_task(session, task_id)
            task.status, task.updated_at = "cancelled", ctx.now()
            cancel(session, dedupe_prefix=reminder_prefix(task.id))
            return task_view(ctx, session, task)

    def _open_task(self, session: Session, task_id: int) -> AmbassadorTask:
        task = session.get(AmbassadorTask, task_id)
        if task is None or task.status != "open":
            raise NotFound(texts.TASK_UNKNOWN_OR_CLOSED.format(task=task_id))
        return task

    def _assignee(
        self, session: Session, team_id: int, assignee_id: int | None
    ) -> Ambassador | None:
        if assignee_id is None:
            return None
        amb = session.get(Ambassador, assignee_id)
        if amb is None or amb.team_id != team_id or amb.status == LEFT:
            raise NotFound(texts.NOT_IN_TEAM.format(ambassador=assignee_id))
        return amb

    def _announce(self, session: Session, task: AmbassadorTask, what: str) -> None:
        for amb in recipients(session, task):
            tell_ambassador(
                self._ctx,
                session,
                amb,
                texts.TASK_ANNOUNCED.format(
                    what=what, title=html.escape(task.title), day=format_day(task.due_date)
                ),
                f"amb-task-{what[:12]}:{task.id}:{amb.id}:{task.due_date.isoformat()}:{task.assignee_id}",
            )
