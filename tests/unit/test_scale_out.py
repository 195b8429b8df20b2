"""Scale-out settings: N engine pairs on consecutive ports, the Redis lock store, round robin."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
import zlib
from pathlib import Path

import httpx
import pytest
from telegram.error import RetryAfter

from bot.core.errors import ConfigError, EngineUnavailable
from bot.core.settings import PROJECT_ROOT, default_engine_instances, load_settings
from bot.ops.supervisor import (
    child_environment,
    endpoints_file,
    engine_services,
    prepare_tracker_store,
)
from bot.pipeline.engine import RASA_LOCK_LIFETIME, STAY_AFTER_ABANDONED, RasaClient
from bot.telegram.ratelimit import MessageRateLimiter, replying_to


def test_instances_get_consecutive_ports_and_their_own_action_server(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "JOINUS_DATA_DIR": str(tmp_path),
            "RASA_URL": "http://127.0.0.1:6005",
            "ACTION_SERVER_PORT": "6055",
            "RASA_INSTANCES": "2",
        }
    )
    assert settings.rasa_urls == ["http://127.0.0.1:6005", "http://127.0.0.1:6006"]
    services = {s.name: s for s in engine_services(settings)}
    assert sorted(services) == ["actions-1", "actions-2", "rasa-1", "rasa-2"]
    assert "6056" in services["actions-2"].argv
    assert "6006" in services["rasa-2"].argv
    assert services["rasa-2"].env["ACTION_SERVER_URL"] == "http://127.0.0.1:6056/webhook"
    assert services["rasa-1"].env["ACTION_SERVER_URL"] == "http://127.0.0.1:6055/webhook"
    assert services["rasa-2"].health_url.startswith("http://127.0.0.1:6006/status?token=")
    assert services["rasa-2"].role == "rasa" and services["actions-2"].role == "actions"


def test_one_instance_keeps_the_old_names_and_files(tmp_path: Path) -> None:
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path), "RASA_INSTANCES": "1"})
    assert [s.name for s in engine_services(settings)] == ["actions", "rasa"]
    assert endpoints_file(settings) == PROJECT_ROOT / "endpoints.yml"


@pytest.mark.parametrize("raw", ["0", "17", "twee"])
def test_bad_instance_count_is_refused(raw: str) -> None:
    with pytest.raises(ConfigError, match="RASA_INSTANCES"):
        load_settings({"RASA_INSTANCES": raw})


def test_redis_url_must_be_redis() -> None:
    with pytest.raises(ConfigError, match="REDIS_URL"):
        load_settings({"REDIS_URL": "http://127.0.0.1:6379"})


def test_redis_url_adds_the_lock_store_without_writing_the_password(tmp_path: Path) -> None:
    settings = load_settings(
        {"JOINUS_DATA_DIR": str(tmp_path), "REDIS_URL": "redis://:s3cr%40t@cache.local:6380/2"}
    )
    path = endpoints_file(settings)
    assert path.parent == tmp_path
    content = path.read_text()
    assert "lock_store:\n  type: redis\n  url: cache.local\n  port: 6380\n  db: 2" in content
    assert "tracker_store:" in content  # the project's endpoints are kept
    assert "s3cr" not in content and "${JOINUS_REDIS_PASSWORD}" in content
    assert child_environment(settings, "rasa")["JOINUS_REDIS_PASSWORD"] == "s3cr@t"
    assert "JOINUS_REDIS_PASSWORD" not in child_environment(settings, "bot")
    assert "s3cr" not in repr(settings)


def test_sqlite_tracker_file_is_put_in_wal_mode(tmp_path: Path) -> None:
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path)})
    prepare_tracker_store(settings)
    with sqlite3.connect(tmp_path / "rasa_tracker.db") as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _engine(seen: list[str], refuse: str | None = None) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == refuse:
            raise httpx.ConnectError("refused", request=request)
        seen.append(request.url.host)
        return httpx.Response(200, json=[{"text": f"van {request.url.host}"}])

    return httpx.MockTransport(handler)


async def test_turns_go_round_robin_over_the_instances() -> None:
    seen: list[str] = []
    client = RasaClient(["http://a.test", "http://b.test"], 2, transport=_engine(seen))
    for _ in range(4):
        await client.send("p", "hoi")
    assert seen == ["a.test", "b.test", "a.test", "b.test"]
    await client.aclose()


async def test_without_a_shared_lock_store_idle_engines_keep_each_person_on_one() -> None:
    """One turn at a time: the engines are equally idle, so the hash decides (as it did)."""
    seen: list[str] = []
    client = RasaClient(
        ["http://a.test", "http://b.test"], 2, by_person=True, transport=_engine(seen)
    )
    people = [f"persoon-{i}" for i in range(20)]
    for _ in range(3):
        for person in people:
            await client.send(person, "hoi")
    by_person = [seen[i :: len(people)] for i in range(len(people))]
    assert all(len(set(hosts)) == 1 for hosts in by_person)  # every turn to the same one
    assert {hosts[0] for hosts in by_person} == {"a.test", "b.test"}  # both get people
    await client.aclose()


async def test_a_person_whose_instance_refuses_is_served_by_another() -> None:
    seen: list[str] = []
    client = RasaClient(
        ["http://a.test", "http://b.test"],
        2,
        by_person=True,
        transport=_engine(seen, refuse="a.test"),
    )
    replies = [await client.send(f"persoon-{i}", "hoi") for i in range(10)]
    assert all(r[0].text == "van b.test" for r in replies)
    await client.aclose()


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class _HeldEngine:
    """Two engines whose turns stay in flight until released; a turn can also time out."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str]] = []  # (host, sender)
        self.release = asyncio.Event()
        self.time_out: set[str] = set()
        self.expected = 0
        self.all_arrived = asyncio.Event()

    async def handler(self, request: httpx.Request) -> httpx.Response:
        sender = json.loads(request.content)["sender"]
        self.seen.append((request.url.host, sender))
        if len(self.seen) >= self.expected:
            self.all_arrived.set()
        if sender in self.time_out:
            raise httpx.ReadTimeout("slow", request=request)
        await self.release.wait()
        return httpx.Response(200, json=[{"text": f"van {request.url.host}"}])


def _same_hash(count: int, instances: int = 2) -> list[str]:
    """Senders that a hash alone would all put on the first instance."""
    found = [f"p{i}" for i in range(10_000) if zlib.crc32(f"p{i}".encode()) % instances == 0]
    return found[:count]


def _two_engines(engine: _HeldEngine, clock: _Clock) -> RasaClient:
    """A client for two engines without a shared lock store (each person's turns by person)."""
    return RasaClient(
        ["http://a.test", "http://b.test"],
        2,
        by_person=True,
        transport=httpx.MockTransport(engine.handler),
        clock=clock,
    )


async def test_without_a_shared_lock_store_concurrent_people_are_spread_evenly() -> None:
    """A hash alone put these ten on one engine; the least busy engine takes each new turn."""
    engine, clock = _HeldEngine(), _Clock()
    client = _two_engines(engine, clock)
    clock.now += RASA_LOCK_LIFETIME  # past the start-up stay
    people = _same_hash(10)
    engine.expected = len(people)
    turns = [asyncio.create_task(client.send(p, "hoi")) for p in people]
    await asyncio.wait_for(engine.all_arrived.wait(), 10)
    hosts = [host for host, _ in engine.seen]
    assert hosts.count("a.test") == hosts.count("b.test") == 5
    engine.release.set()
    await asyncio.gather(*turns)
    await client.aclose()


async def test_a_persons_abandoned_turn_keeps_their_next_turns_on_its_engine() -> None:
    """A turn that timed out here may still run there (Rasa's lock lives on): the person's
    turns stay on that engine, however busy, until the stay is over."""
    engine, clock = _HeldEngine(), _Clock()
    engine.release.set()
    client = _two_engines(engine, clock)
    clock.now += RASA_LOCK_LIFETIME
    slow, other = _same_hash(2)
    engine.time_out.add(slow)
    with pytest.raises(EngineUnavailable):
        await client.send(slow, "hoi")
    engine.time_out.clear()
    first_host = engine.seen[-1][0]
    client._busy[0 if first_host == "a.test" else 1] += 5  # that engine is now the busy one
    for _ in range(3):
        await client.send(slow, "nog een vraag")
        assert engine.seen[-1] == (first_host, slow)
    await client.send(other, "hoi")  # someone else goes to the idle engine
    assert engine.seen[-1][0] != first_host
    clock.now += STAY_AFTER_ABANDONED + 1
    await client.send(slow, "later")
    assert engine.seen[-1][0] != first_host  # the stay is over: the least busy again
    await client.aclose()


async def test_right_after_start_each_person_keeps_to_their_hashed_engine() -> None:
    """A turn abandoned by the previous bot process may still run: for the first minutes the
    hash decides, as it did before the bot restarted."""
    engine, clock = _HeldEngine(), _Clock()
    client = _two_engines(engine, clock)
    people = _same_hash(6)
    engine.expected = len(people)
    turns = [asyncio.create_task(client.send(p, "hoi")) for p in people]
    await asyncio.wait_for(engine.all_arrived.wait(), 10)
    assert {host for host, _ in engine.seen} == {"a.test"}
    engine.release.set()
    await asyncio.gather(*turns)
    await client.aclose()


def test_default_instances_follow_cores_and_memory() -> None:
    gib = 2**30
    assert default_engine_instances(cores=2, memory=24 * gib) == 2
    assert default_engine_instances(cores=2, memory=3.8 * gib) == 1  # a 4 GB VM keeps one
    assert default_engine_instances(cores=1, memory=24 * gib) == 1
    assert default_engine_instances(cores=16, memory=64 * gib) == 4  # capped
    assert load_settings({"RASA_INSTANCES": "auto"}).rasa_instances == default_engine_instances()
    assert load_settings({"RASA_INSTANCES": "3"}).rasa_instances == 3


async def test_a_refusing_instance_is_skipped_and_the_turn_still_answered() -> None:
    seen: list[str] = []
    client = RasaClient(
        ["http://a.test", "http://b.test"], 2, transport=_engine(seen, refuse="a.test")
    )
    replies = [await client.send("p", f"vraag {i}") for i in range(4)]
    assert all(r[0].text == "van b.test" for r in replies)
    assert seen == ["b.test"] * 4  # after the first refusal, a.test is not even tried
    await client.aclose()


async def test_all_instances_down_is_an_engine_outage() -> None:
    client = RasaClient(["http://a.test"], 2, transport=_engine([], refuse="a.test"))
    with pytest.raises(EngineUnavailable):
        await client.send("p", "hoi")
    await client.aclose()


async def test_typing_actions_do_not_spend_the_message_budget() -> None:
    limiter = MessageRateLimiter(overall_max_rate=1, overall_time_period=1)
    await limiter.initialize()
    calls: list[str] = []

    async def call(*_: object, **__: object) -> bool:
        calls.append("x")
        return True

    start = time.monotonic()
    await asyncio.gather(
        *(
            limiter.process_request(call, (), {}, "sendChatAction", {"chat_id": 1}, None)
            for _ in range(20)
        )
    )
    # Through the 1-per-second limiter, 20 calls would take about 19 s.
    assert len(calls) == 20 and time.monotonic() - start < 5
    await limiter.shutdown()


async def _paced_calls(limiter: MessageRateLimiter, chat_id: int, answering: int | None) -> int:
    """How many of 5 sendMessage calls to ``chat_id`` pass a 1-per-10-s limiter at once."""
    passed: list[int] = []

    async def call(*_: object, **__: object) -> bool:
        passed.append(1)
        return True

    async def send() -> None:
        if answering is None:
            await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": chat_id}, None)
        else:
            with replying_to(answering):
                await limiter.process_request(
                    call, (), {}, "sendMessage", {"chat_id": chat_id}, None
                )

    tasks = [asyncio.create_task(send()) for _ in range(5)]
    await asyncio.sleep(0.3)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return len(passed)


async def test_answers_skip_the_bulk_pacing_but_the_rest_keeps_it() -> None:
    limiter = MessageRateLimiter(overall_max_rate=1, overall_time_period=10)
    await limiter.initialize()
    # An answer to the person whose message we handle: all five at once.
    assert await _paced_calls(limiter, 42, answering=42) == 5
    # The outbox (no answer in progress) and a message to another chat: paced, one passes.
    assert await _paced_calls(limiter, 43, answering=None) <= 1
    limiter2 = MessageRateLimiter(overall_max_rate=1, overall_time_period=10)
    await limiter2.initialize()
    assert await _paced_calls(limiter2, 44, answering=42) <= 1
    # A group chat (negative id) is always paced, even while answering it.
    limiter3 = MessageRateLimiter(overall_max_rate=1, overall_time_period=10)
    await limiter3.initialize()
    assert await _paced_calls(limiter3, -100, answering=-100) <= 1
    for each in (limiter, limiter2, limiter3):
        await each.shutdown()


async def test_an_answer_still_obeys_retry_after() -> None:
    limiter = MessageRateLimiter(max_retries=1)
    await limiter.initialize()
    attempts: list[int] = []

    async def flooded(*_: object, **__: object) -> bool:
        attempts.append(1)
        if len(attempts) == 1:
            raise RetryAfter(0)
        return True

    with replying_to(7):
        assert await limiter.process_request(flooded, (), {}, "sendMessage", {"chat_id": 7}, None)
    assert len(attempts) == 2
    await limiter.shutdown()
