"""The scheduler wrapper: jobs run right after start (catch-up), failures do not stop it."""

from __future__ import annotations

import asyncio

from bot.core.scheduling import Scheduler


async def test_job_runs_on_start_and_survives_a_failure() -> None:
    runs: list[int] = []

    async def flaky() -> None:
        runs.append(1)
        raise RuntimeError("database hiccup")

    scheduler = Scheduler("Europe/Amsterdam")
    scheduler.every("flaky", 3600, flaky)
    scheduler.start()
    try:
        for _ in range(50):
            if runs:
                break
            await asyncio.sleep(0.02)
        assert runs == [1] and scheduler.running
    finally:
        scheduler.stop()
    await asyncio.sleep(0.01)  # AsyncIOScheduler shuts down on the loop's next turn
    assert not scheduler.running
