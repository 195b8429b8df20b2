"""Reminders to ambassadors (3 days before, on the day, one overdue nudge) and blocked chats.

Reminders are *materialised* into the outbox by :meth:`Reminders.materialise`, which a periodic
job runs (see ``bot/core/scheduling.py`` for why this design): the outbox's unique ``dedupe_key``
makes every reminder exactly-once, across restarts and concurrent runs. When they may go out
(quiet hours, daylight saving) is decided in :mod:`bot.ambassadors.schedule`.
"""

from __future__ import annotations

import html
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.ambassadors import texts
from bot.ambassadors.context import ProgrammeContext, aware
from bot.ambassadors.formats import format_day
from bot.ambassadors.notices import (
    KIND_NOTICE,
    KIND_REMINDER,
    ambassador_subject,
    tell_ambassador,
    tell_coach,
)
from bot.ambassadors.schedule import ReminderPolicy, next_allowed, plan_reminders
from bot.ambassadors.tasks import recipients, reminder_prefix
from bot.ambassadors.views import ACTIVE, BLOCKED
from bot.pipeline.outbox import BlockedHook, OutButton, cancel
from bot.storage.models_ambassadors import Ambassador, AmbassadorTask, AmbassadorTeam
from bot.storage.models_outbox import OutboxMessage


def reminder_text(name: str, title: str, day: str, kind: str) -> str:
    """The reminder of ``kind`` ("d3", "d0", "overdue"); name and title already HTML-escaped."""
    template = {"overdue": texts.REMINDER_OVERDUE, "d0": texts.REMINDER_TODAY}.get(
        kind, texts.REMINDER_SOON
    )
    return template.format(name=name, title=title, day=day)


def task_buttons(task_id: int) -> list[list[OutButton]]:
    return [
        [
            OutButton(texts.BUTTON_DONE, f"amb|done|{task_id}"),
            OutButton(texts.BUTTON_MORE_TIME, f"amb|more|{task_id}"),
        ]
    ]


class Reminders:
    """Synchronous (call with ``asyncio.to_thread``)."""

    def __init__(self, ctx: ProgrammeContext) -> None:
        self._ctx = ctx
        self.policy = ReminderPolicy.from_settings(ctx.settings.timezone, ctx.config)

    def materialise(self, now: datetime) -> int:
        """Put every reminder whose time has come into the outbox, once; returns how many.

        Idempotent: run it every minute, after a restart, or from two processes at once. A
        reminder whose planned moment is older than the grace window (the bot was down too
        long), older than the ambassador's enrolment or than the task's last change is skipped:
        a late "over 3 dagen" is worse than none.
        """
        ctx = self._ctx
        grace = timedelta(hours=ctx.config.grace_hours)
        today = ctx.today()
        lookback = today - timedelta(days=self.policy.overdue_days + grace.days + 2)
        lookahead = today + timedelta(days=max(self.policy.days_before, default=0) + 1)
        due: list[tuple[int, int, str, str]] = []  # task, ambassador, kind, dedupe key
        with ctx.db.session() as session:
            tasks = session.scalars(
                select(AmbassadorTask).where(
                    AmbassadorTask.status == "open",
                    AmbassadorTask.due_date >= lookback,
                    AmbassadorTask.due_date <= lookahead,
                )
            ).all()
            for task in tasks:
                members = recipients(session, task)
                for planned in plan_reminders(task.due_date, self.policy):
                    if planned.at > now:
                        continue
                    for amb in members:
                        earliest = max(
                            now - grace,
                            aware(amb.active_since or amb.enrolled_at),
                            aware(task.updated_at),
                        )
                        if planned.at < earliest:
                            continue
                        key = (
                            f"{reminder_prefix(task.id)}{amb.id}:{planned.kind}:"
                            f"{task.due_date.isoformat()}"
                        )
                        due.append((task.id, amb.id, planned.kind, key))
        return sum(
            self._enqueue(task_id, amb_id, kind, key, now) for task_id, amb_id, kind, key in due
        )

    def _enqueue(self, task_id: int, amb_id: int, kind: str, key: str, now: datetime) -> int:
        # One short transaction per reminder: a concurrent run that wins the unique key costs
        # only this one insert, and the task is re-read so a just-completed task is skipped.
        ctx = self._ctx
        try:
            with ctx.db.session() as session:
                if session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)):
                    return 0
                task = session.get(AmbassadorTask, task_id)
                amb = session.get(Ambassador, amb_id)
                if task is None or amb is None or task.status != "open" or amb.status != ACTIVE:
                    return 0
                tell_ambassador(
                    ctx,
                    session,
                    amb,
                    reminder_text(
                        html.escape(ctx.name(amb) or ""),
                        html.escape(task.title),
                        format_day(task.due_date),
                        kind,
                    ),
                    key,
                    kind=KIND_REMINDER,
                    buttons=task_buttons(task.id),
                    not_before=next_allowed(now, self.policy),
                )
                return 1
        except IntegrityError:
            return 0

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
        ctx = self._ctx
        now = ctx.now()
        amb.status, amb.blocked_at = BLOCKED, now
        cancel(session, subject=ambassador_subject(amb.id))
        tell_coach(
            ctx,
            session,
            team,
            texts.COACH_BLOCKED.format(
                name=html.escape(ctx.name(amb) or texts.SOMEONE), school=html.escape(team.school)
            ),
            f"amb-blocked:{amb.id}:{now.isoformat()}",
        )

    def blocked_hooks(self) -> dict[str, BlockedHook]:
        return {KIND_REMINDER: self.on_blocked, KIND_NOTICE: self.on_blocked}
