"""Scale-out on Rasa's own mechanism: 2 engine servers, Redis lock store, shared PostgreSQL.

50 people at once, through the whole path (Bot API emulator -> bot process -> round robin over
both engines, so one person's consecutive turns land on different engines and meet in the
shared tracker store under Rasa's Redis lock store). Afterwards every conversation in the shared
tracker store is compared with the turns that were sent: none lost, none interleaved. Prints
the throughput of the two servers beside one server's, measured in the same run.

Not tested: two messages of ONE person posted to two engines in the same instant. Rasa Open
Source's RedisLockStore issues tickets with a non-atomic read-then-write, so two tickets issued
within the same fraction of a millisecond can both win (fixed only in Rasa Pro's
ConcurrentRedisLockStore, RasaHQ/rasa#11256); such a check lost a turn now and then on a loaded
machine. The bot never sends one person's turns at once (bot/telegram/ordering.py), so that race
needs several bot processes, which this project does not run.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from bot.core.pseudonym import Pseudonymiser
from bot.tools.load_bench import QUESTIONS, Players, ReplyWatch, Stack
from tests.conftest import _reachable, postgres_available

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = 50
TURNS = 4


pytestmark = [
    pytest.mark.e2e,
    pytest.mark.scale,
    pytest.mark.skipif(
        not (ROOT / ".venv-rasa" / "bin" / "rasa").exists()
        or not (ROOT / "models" / "joinus.tar.gz").exists(),
        reason="needs the Rasa environment and a trained model (run `make train`)",
    ),
    pytest.mark.skipif(
        not _reachable("127.0.0.1", 6379), reason="Redis is not reachable on 127.0.0.1:6379"
    ),
    pytest.mark.skipif(
        not postgres_available(), reason="PostgreSQL is not reachable on 127.0.0.1:5432"
    ),
]


@pytest.fixture
def stack(postgres_url: str) -> Iterator[Stack]:
    stack = Stack(
        2,
        {
            "DATABASE_URL": postgres_url,
            "REDIS_URL": "redis://127.0.0.1:6379/1",
            "RASA_TIMEOUT": "60",
        },
    )
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


def _conversations(postgres_url: str) -> dict[str, list[dict[str, object]]]:
    engine = create_engine(postgres_url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT sender_id, data FROM events ORDER BY id")).all()
    finally:
        engine.dispose()
    out: dict[str, list[dict[str, object]]] = {}
    for sender, data in rows:
        out.setdefault(sender, []).append(json.loads(data))
    return out


def _turns(events: list[dict[str, object]]) -> list[str]:
    """The user texts of a conversation, checking that every turn ran to its end alone."""
    texts: list[str] = []
    open_turn = False
    for event in events:
        if event["event"] == "user":
            assert not open_turn, f"turn {texts[-1]!r} was interleaved with the next one"
            texts.append(str(event.get("text")))
            open_turn = True
        elif event["event"] == "action" and event.get("name") == "action_listen":
            open_turn = False
    assert not open_turn, "the last turn never finished"
    return texts


async def _throughput(players: Players, urls: list[str], people: int) -> float:
    """Turns/s of the bare engines at ``urls`` with ``people`` at once, round robin."""
    players.urls = urls
    latencies: list[float] = []
    start = time.perf_counter()
    await asyncio.gather(
        *(
            players.person(players.bare_turn, ["/start", *QUESTIONS[: TURNS - 1]], latencies)
            for _ in range(people)
        )
    )
    return len(latencies) / (time.perf_counter() - start)


async def test_two_engines_share_conversations_without_losing_or_interleaving(
    stack: Stack, postgres_url: str
) -> None:
    watch = ReplyWatch(asyncio.get_running_loop())
    stack.api.listener = watch.on_call
    limits = httpx.Limits(max_connections=300, max_keepalive_connections=200)
    async with httpx.AsyncClient(limits=limits) as http:
        players = Players(stack, watch, http)

        # 1. The whole path: the bot spreads 50 people's turns over both engines.
        people = [players.new_id() for _ in range(PEOPLE)]
        scripts = {
            p: ["/start", *QUESTIONS[i % 3 : i % 3 + TURNS - 1]] for i, p in enumerate(people)
        }

        async def person(p: int) -> None:
            for message in scripts[p]:
                await players.whole_turn(p, message)

        start = time.perf_counter()
        await asyncio.gather(*(person(p) for p in people))
        whole_rate = PEOPLE * TURNS / (time.perf_counter() - start)

        # 2. Throughput: one server, then both, same load, same run.
        one = await _throughput(players, stack.rasa_urls[:1], PEOPLE)
        two = await _throughput(players, stack.rasa_urls, PEOPLE)

    conversations = _conversations(postgres_url)
    key = (stack.data_dir / "secrets" / "pseudonym.key").read_text().strip().encode()
    pseudonymiser = Pseudonymiser(key)
    for p in people:
        texts = _turns(conversations[pseudonymiser.for_user("telegram", p)])
        expected = [("/greet" if m == "/start" else m) for m in scripts[p]]
        assert texts == expected, f"conversation differs from what was sent: {texts}"

    print(
        f"\nscale-out, 2 Rasa servers + Redis lock store + PostgreSQL, {PEOPLE} people at once: "
        f"bare engines {two:.1f} turns/s (one server in the same run: {one:.1f} turns/s); "
        f"whole path over both: {whole_rate:.1f} turns/s"
    )
