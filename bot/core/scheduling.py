"""Periodic jobs of the bot process (APScheduler 3.11 ``AsyncIOScheduler``).

Design choice for reminders — *materialise from the source of truth*, not one stored job per
reminder:

* The tasks table is the single source of truth. When a reminder is due is a pure function of a
  task's due date and the settings (``bot/services/reminders.py``). A job every
  ``AMBASSADOR_SCAN_SECONDS`` (default 60 s) asks: which planned reminders have come due in the
  last ``AMBASSADOR_GRACE_HOURS`` and are not in the outbox yet? — and enqueues exactly those.
* Exactly once: each reminder has a deterministic ``dedupe_key``
  (``reminder:<task>:<ambassador>:<kind>:<due date>``), unique in the outbox. Re-running the
  job, a restart, or two bot processes at once cannot enqueue it twice; the outbox delivery
  loop (lease + retries) sends each row once.
* Restarts: nothing lives only in memory. After a crash or downtime the first run enqueues every
  reminder missed within the grace window, once; older ones are skipped on purpose (a stale
  "over 3 dagen" is worse than none). That is the grace window ``misfire_grace_time`` gives
  per-job schedulers, without keeping pickled jobs in sync with edited tasks.
* Changes: moving a due date changes the key (new reminders are planned for the new date) and
  cancels the old pending ones; completing or cancelling a task cancels pending ones and the
  job skips closed tasks. A persistent ``SQLAlchemyJobStore`` would have to add, move and delete
  a pickled job on every such edit, in step with the task row; here there is nothing to keep in
  step, and the in-memory job store is enough because the job itself is recreated on start.

The scheduler only triggers; job bodies are idempotent and get their time from a Clock, so
tests call them directly with a FakeClock instead of sleeping.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[object]]


class Scheduler:
    """Owns one AsyncIOScheduler; feature modules add their periodic jobs before start()."""

    def __init__(self, timezone: str) -> None:
        self._scheduler = AsyncIOScheduler(timezone=timezone)
        self._jobs: list[tuple[str, Job, float]] = []

    def every(self, name: str, seconds: float, job: Job) -> None:
        """Run ``job`` every ``seconds``, first right after start; never two at once."""
        self._jobs.append((name, job, seconds))

    @property
    def running(self) -> bool:
        return bool(self._scheduler.running)

    def start(self) -> None:
        """Needs a running event loop (call from post_init)."""
        if self.running:
            return
        for name, job, seconds in self._jobs:
            self._scheduler.add_job(
                _logged(name, job),
                "interval",
                seconds=seconds,
                id=name,
                replace_existing=True,
                next_run_time=datetime.now(UTC),  # catch up on anything missed while down
                coalesce=True,  # after a pause, one catch-up run, not one per missed interval
                max_instances=1,
                misfire_grace_time=None,  # a late run is still useful: the body is idempotent
            )
        self._scheduler.start()

    def stop(self) -> None:
        if self.running:
            self._scheduler.shutdown(wait=False)


def _logged(name: str, job: Job) -> Job:
    async def run() -> None:
        try:
            await job()
        except Exception:  # the next run retries; a failing run must not stop the schedule
            log.exception("scheduled job %s failed", name)

    return run
