"""Flood control: one account sending 200 messages at once does not slow anyone else down.

The same test measures the reply latency of ten ordinary users twice, without and with the
flood, so machine load affects both runs alike; the p95 may differ by at most 200 ms.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from pathlib import Path
from typing import Any

from bot.settings import load_settings
from bot.telegram.ordering import SLOW_DOWN
from tests import running_app
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.rasa import FakeRasa

FACTS_FILE = Path(__file__).resolve().parents[2] / "content" / "facts.yml"
FLOODER = 666
NORMAL = list(range(2001, 2011))
TURNS = 5
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
        try:
            await _normal_round(api, "warm")  # first turns pay for connection set-up
            baseline = await _normal_round(api, "rustig")

            for n in range(200):
                api.push_text(FLOODER, f"spam {n}")
            flooded = await _normal_round(api, "druk")

            # The flooder is told to slow down once, and only its first few are answered.
            await asyncio.to_thread(api.wait_for, lambda: SLOW_DOWN in api.sent_texts(FLOODER), 30)
        finally:
            await running_app.stop(app)

    base95, flood95 = _p95(baseline), _p95(flooded)
    print(
        f"\nnormal users' reply p95: {base95 * 1000:.0f} ms without flood, "
        f"{flood95 * 1000:.0f} ms with 200 messages from one account "
        f"(median {statistics.median(baseline) * 1000:.0f} -> "
        f"{statistics.median(flooded) * 1000:.0f} ms)"
    )
    answered = [t for t in api.sent_texts(FLOODER) if t.startswith("echo:")]
    assert api.sent_texts(FLOODER).count(SLOW_DOWN) == 1
    assert len(answered) <= 12, "the flood was not capped"
    assert flood95 - base95 < 0.2
