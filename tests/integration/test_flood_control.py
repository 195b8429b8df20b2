"""Flood control: one account sending 200 messages at once does not slow anyone else down.

The same test measures the reply latency of ten ordinary users without and with the flood, in
alternating rounds (each flood round starts with a new burst of 200), so a machine whose load
changes during the test affects both alike; the pooled p95 may differ by at most 200 ms.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path
from typing import Any

from bot.core.settings import load_settings
from bot.telegram.ordering import MAX_QUEUED_PER_USER, SLOW_DOWN
from tests import running_app
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.rasa import FakeRasa

FACTS_FILE = Path(__file__).resolve().parents[2] / "content" / "facts.yml"
FLOODER = 666
NORMAL = list(range(2001, 2011))
TURNS = 3
PAIRS = 4
LIMIT = 0.2  # seconds of p95 the flood may add
# Ordinary people pause between messages; ten of them then stay well within Telegram's
# global 30 messages per second, which the rate limiter enforces for everyone together.
PAUSE = 1.0


async def _reply_seconds(api: FakeBotApi, user: int, text: str, already: int) -> float:
    start = time.perf_counter()
    api.push_text(user, text)
    deadline = start + 30
    while len(api.sent_messages(user)) <= already:
        assert time.perf_counter() < deadline, f"no reply to {user} within 30 s"
        await asyncio.sleep(0.005)
    return time.perf_counter() - start


async def _normal_round(api: FakeBotApi, tag: str) -> list[float]:
    async def one_user(index: int, user: int) -> list[float]:
        await asyncio.sleep(index * 0.07)  # independent people do not type in lockstep
        out = []
        for turn in range(TURNS):
            already = len(api.sent_messages(user))
            out.append(await _reply_seconds(api, user, f"{tag} {turn}", already))
            await asyncio.sleep(PAUSE)
        return out

    per_user = await asyncio.gather(*(one_user(i, u) for i, u in enumerate(NORMAL)))
    return [s for user in per_user for s in user]


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


async def _measure(api: FakeBotApi, bursts: int) -> tuple[list[float], list[float]]:
    """Alternating rounds: ten users alone, then ten users right after a burst of 200."""
    baseline: list[float] = []
    flooded: list[float] = []
    for _ in range(PAIRS):
        baseline += await _normal_round(api, "rustig")
        for n in range(200):
            api.push_text(FLOODER, f"spam {n}")
        flooded += await _normal_round(api, "druk")
        bursts += 1
        # Each burst: the flooder is told once to slow down, and its backlog drains.
        await asyncio.to_thread(
            api.wait_for,
            lambda b=bursts: api.sent_texts(FLOODER).count(SLOW_DOWN) == b,  # type: ignore[misc]
            30,
        )
        await asyncio.sleep(1)
    return baseline, flooded


async def test_one_flooding_account_does_not_delay_ten_others(tmp_path: Path) -> None:
    with FakeBotApi() as api, FakeRasa(turn_seconds=0.05) as rasa:
        settings = load_settings(
            {
                "JOINUS_DATA_DIR": str(tmp_path),
                "TELEGRAM_BOT_TOKEN": "123:ABC",
                "TELEGRAM_BASE_URL": api.base_url,
                "RASA_URL": rasa.url,
                "RASA_TIMEOUT": "10",
                "FACTS_FILE": str(FACTS_FILE),
            }
        )
        app: Any = await running_app.start_polling(settings)
        differences: list[float] = []
        try:
            await _normal_round(api, "warm")  # first turns pay for connection set-up
            # On a loaded machine the p95 of a few dozen samples is mostly other people's
            # CPU spikes: a difference over the limit is measured again (at most twice). The
            # regression this guards against (the flooder holding the global slots) costs
            # seconds in every attempt.
            for attempt in range(3):
                baseline, flooded = await _measure(api, attempt * PAIRS)
                base95, flood95 = _p95(baseline), _p95(flooded)
                differences.append(flood95 - base95)
                print(
                    f"\nnormal users' reply p95: {base95 * 1000:.0f} ms without flood, "
                    f"{flood95 * 1000:.0f} ms with 200 messages from one account "
                    f"(median {statistics.median(baseline) * 1000:.0f} -> "
                    f"{statistics.median(flooded) * 1000:.0f} ms; {len(baseline)} replies each)"
                )
                if differences[-1] < LIMIT:
                    break
        finally:
            await running_app.stop(app)

    bursts = len(differences) * PAIRS
    answered = [t for t in api.sent_texts(FLOODER) if t.startswith("echo:")]
    assert api.sent_texts(FLOODER).count(SLOW_DOWN) == bursts
    assert len(answered) <= (MAX_QUEUED_PER_USER + 2) * bursts, "the flood was not capped"
    assert differences[-1] < LIMIT, differences
