"""The programme: the shared context (database, cipher, clock) with its parts, one per process.

Callers pick the part that does what they need: ``programme.enrolment.enrol(...)``,
``programme.tasks.add_task(...)``, ``programme.hours.decide_hours(...)``. Every part is
Telegram-free and synchronous (call it with ``asyncio.to_thread`` from async code).
"""

from __future__ import annotations

from functools import cached_property

from bot.ambassadors.consent import Consents
from bot.ambassadors.context import ProgrammeContext
from bot.ambassadors.enrolment import Enrolments
from bot.ambassadors.hours import Hours
from bot.ambassadors.reminders import Reminders
from bot.ambassadors.staff_views import StaffViews
from bot.ambassadors.summaries import Summaries
from bot.ambassadors.tasks import Tasks
from bot.pipeline.outbox import BlockedHook


class AmbassadorProgramme(ProgrammeContext):
    @cached_property
    def enrolment(self) -> Enrolments:
        return Enrolments(self)

    @cached_property
    def consent(self) -> Consents:
        return Consents(self)

    @cached_property
    def tasks(self) -> Tasks:
        return Tasks(self)

    @cached_property
    def hours(self) -> Hours:
        return Hours(self)

    @cached_property
    def reminders(self) -> Reminders:
        return Reminders(self)

    @cached_property
    def summaries(self) -> Summaries:
        return Summaries(self)

    @cached_property
    def staff_views(self) -> StaffViews:
        return StaffViews(self)

    def materialise_due(self) -> int:
        """The periodic job: due reminders and weekly summaries into the outbox (how many), then
        the clean-up of expired enrolments. Idempotent; safe from two processes at once."""
        now = self.now()
        sent = self.reminders.materialise(now)
        sent += self.summaries.materialise(now)
        self.consent.purge(now)
        return sent

    def blocked_hooks(self) -> dict[str, BlockedHook]:
        return self.reminders.blocked_hooks()
