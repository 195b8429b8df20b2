"""The programme's parts, built once per process from one shared context.

Callers pick the part that does what they need: ``programme.enrolment.enrol(...)``,
``programme.tasks.add_task(...)``, ``programme.hours.decide_hours(...)``. Every part is
Telegram-free and synchronous (call it with ``asyncio.to_thread`` from async code).
"""

from __future__ import annotations

from datetime import date, datetime

from bot.ambassadors.consent import Consents
from bot.ambassadors.context import ProgrammeContext
from bot.ambassadors.enrolment import Enrolments
from bot.ambassadors.hours import Hours
from bot.ambassadors.reminders import Reminders
from bot.ambassadors.staff_views import StaffViews
from bot.ambassadors.summaries import Summaries
from bot.ambassadors.tasks import Tasks
from bot.clock import Clock
from bot.crypto import Cipher
from bot.outbox import BlockedHook
from bot.pseudonym import Pseudonymiser
from bot.settings import Settings
from bot.storage.db import Database


class AmbassadorProgramme:
    def __init__(
        self,
        database: Database,
        cipher: Cipher,
        pseudonymiser: Pseudonymiser,
        settings: Settings,
        *,
        clock: Clock | None = None,
    ) -> None:
        self.context = ProgrammeContext(database, cipher, pseudonymiser, settings, clock=clock)
        self.enrolment = Enrolments(self.context)
        self.consent = Consents(self.context)
        self.tasks = Tasks(self.context)
        self.hours = Hours(self.context)
        self.reminders = Reminders(self.context)
        self.summaries = Summaries(self.context)
        self.staff_views = StaffViews(self.context)

    def now(self) -> datetime:
        return self.context.now()

    def today(self) -> date:
        return self.context.today()

    def local_day(self, moment: datetime) -> date:
        return self.context.local_day(moment)

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
