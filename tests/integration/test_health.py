"""Health, readiness and metrics: the bot process's server (started by the real Application
with fakes around it), the checks one by one, and the action server's routes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.answers.facts import Facts
from bot.core.crypto import Cipher
from bot.core.pseudonym import Pseudonymiser
from bot.core.settings import load_settings
from bot.ops import health, metrics
from bot.ops.health import CheckResult, HealthServer, database_check, outbox_check, run_checks
from bot.pipeline.conversation import ChannelUser, Conversation
from bot.pipeline.engine import RasaClient
from bot.pipeline.outbox import enqueue
from bot.storage.base import utcnow
from bot.storage.db import Database, migrate
from tests.fakes.bot_api import FakeBotApi
from tests.running_app import start_polling, stop

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class EngineStub:
    """Answers Rasa's /status (with a model) and the action server's /health; can go down."""

    def __init__(self) -> None:
        self.up = True
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_: Any) -> None:
                pass

            def do_GET(self) -> None:
                body = (
                    b'{"model_file": "joinus.tar.gz"}'
                    if self.path == "/status"
                    else b'{"status":"ok"}'
                )
                self.send_response(200 if stub.up else 500)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def engine_stub() -> Iterator[EngineStub]:
    stub = EngineStub()
    yield stub
    stub.close()


async def _get(url: str) -> httpx.Response:
    async with httpx.AsyncClient(timeout=10) as client:
        return await client.get(url)


async def test_bot_process_serves_healthz_readyz_and_metrics(
    tmp_path: Path, engine_stub: EngineStub
) -> None:
    port = _free_port()
    with FakeBotApi() as api:
        settings = load_settings(
            {
                "JOINUS_DATA_DIR": str(tmp_path),
                "TELEGRAM_BOT_TOKEN": "123:HEALTH",
                "TELEGRAM_BASE_URL": api.base_url,
                "RASA_URL": engine_stub.url,
                "ACTION_SERVER_URL": f"{engine_stub.url}/webhook",
                "METRICS_PORT": str(port),
                "READY_OUTBOX_MAX_AGE": "60",
            }
        )
        app = await start_polling(settings)
        base = f"http://127.0.0.1:{port}"
        try:
            live = await _get(f"{base}/healthz")
            assert live.status_code == 200 and live.json()["status"] == "ok"
            ready = await _get(f"{base}/readyz")
            assert ready.status_code == 200, ready.text
            assert set(ready.json()["checks"]) == {"rasa", "action_server", "database", "outbox"}

            # A due message waiting longer than READY_OUTBOX_MAX_AGE: delivery is stuck.
            runtime = app.bot_data["runtime"]
            with runtime.database.session() as session:
                enqueue(
                    session,
                    runtime.cipher,
                    chat_id=1,
                    text="x",
                    kind="test",
                    dedupe_key="old",
                    not_before=utcnow() - timedelta(hours=1),
                )
            api.set_down()  # so the delivery loop cannot send it meanwhile
            engine_stub.up = False
            ready = await _get(f"{base}/readyz")
            assert ready.status_code == 503
            checks = ready.json()["checks"]
            assert not checks["rasa"]["ok"] and not checks["action_server"]["ok"]
            assert checks["database"]["ok"] and not checks["outbox"]["ok"]
            assert "pending" in checks["outbox"]["detail"]

            scraped = (await _get(f"{base}/metrics")).text
            assert "# TYPE joinus_turn_seconds histogram" in scraped
            assert 'joinus_outbox_messages{status="pending"}' in scraped
            assert "joinus_outbox_oldest_due_seconds" in scraped
            assert "joinus_crisis_replies_total" in scraped
            assert (await _get(f"{base}/nothing")).status_code == 404
            async with httpx.AsyncClient() as client:
                assert (await client.post(f"{base}/healthz")).status_code == 405
        finally:
            api.set_down(False)
            await stop(app)
        with pytest.raises(httpx.ConnectError):
            await _get(f"{base}/healthz")  # stopped with the application


async def test_crisis_reply_and_turn_latency_are_counted() -> None:
    conversation = Conversation(
        RasaClient("http://127.0.0.1:9", 0.5),
        Pseudonymiser(b"k" * 32),
        Facts(ROOT / "content" / "facts.yml"),
    )
    user = ChannelUser("telegram", 4242, 4242)
    before = _value(metrics.CRISIS_REPLIES)
    await conversation.text(user, "ik wil dood")
    assert _value(metrics.CRISIS_REPLIES) == before + 1
    unavailable = _value(metrics.ENGINE_UNAVAILABLE)
    samples = _histogram_count("text")
    await conversation.text(user, "hoe laat is het?")  # Rasa is not there: timed, still answered
    assert _value(metrics.ENGINE_UNAVAILABLE) == unavailable + 1
    assert _histogram_count("text") == samples + 1


def _value(counter: Any) -> float:
    return float(next(s.value for s in counter.collect()[0].samples if s.name.endswith("_total")))


def _histogram_count(kind: str) -> float:
    for family in metrics.TURN_SECONDS.collect():
        for sample in family.samples:
            if sample.name.endswith("_count") and sample.labels.get("kind") == kind:
                return sample.value
    return 0.0


async def test_checks_report_failures_without_details_of_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(health, "CHECK_TIMEOUT", 0.3)  # each check's bound (+1 s)
    url = f"sqlite:///{tmp_path / 'joinus.db'}"
    migrate(url)
    database = Database(url)
    down = Database("postgresql+psycopg2://nobody@127.0.0.1:1/none")

    async def slow() -> CheckResult:
        import asyncio

        await asyncio.sleep(30)
        return CheckResult(True)

    try:
        ok, report = await run_checks(
            {"db": database_check(database), "outbox": outbox_check(database, 60)}
        )
        assert ok and report["outbox"] == {"ok": True, "detail": "0 pending, oldest due 0 s"}
        started = time.monotonic()
        ok, report = await run_checks({"down": database_check(down), "slow": slow})
        assert not ok and report["down"]["detail"] == "OperationalError"
        assert report["slow"] == {"ok": False, "detail": "timeout"}
        assert time.monotonic() - started < 3
    finally:
        database.dispose()
        down.dispose()


async def test_health_server_answers_garbage_with_400() -> None:
    server = HealthServer("127.0.0.1", 0, {})
    await server.start()
    try:
        import asyncio

        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"hello\r\n\r\n")
        await writer.drain()
        answer = await reader.read()
        writer.close()
        assert answer.startswith(b"HTTP/1.1 400")
        ready = await _get(f"http://127.0.0.1:{server.port}/readyz")
        assert ready.status_code == 200 and ready.json() == {"checks": {}, "status": "ready"}
    finally:
        await server.stop()


def test_action_server_has_health_readiness_and_metrics(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "JOINUS_DATA_DIR": str(tmp_path),
        "SANIC_HOST": "127.0.0.1",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("DATABASE_URL", None)
    migrate(f"sqlite:///{tmp_path / 'joinus.db'}")
    log = (tmp_path / "actions.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.ops.action_server",
            "--actions",
            "actions",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (tmp_path / "actions.log").read_text()[-2000:]
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "action server did not start"
            time.sleep(0.2)
        assert httpx.get(f"{base}/health").status_code == 200  # rasa-sdk's own route still there
        ready = httpx.get(f"{base}/readyz")
        assert ready.status_code == 200 and ready.json()["checks"]["database"]["ok"]
        # A fallback turn through the real executor: counted once, by intent group and stage.
        call = {
            "next_action": "action_default_fallback",
            "sender_id": "p1",
            "tracker": {
                "sender_id": "p1",
                "latest_message": {"intent": {"name": "nlu_fallback"}, "text": "blub"},
                "events": [{"event": "user", "timestamp": 1.0, "text": "blub"}],
                "slots": {},
            },
            "domain": {},
            "version": "3.6.21",
        }
        assert httpx.post(f"{base}/webhook", json=call, timeout=10).status_code == 200
        assert httpx.post(f"{base}/webhook", json=call, timeout=10).status_code == 200
        scraped = httpx.get(f"{base}/metrics").text
        assert 'joinus_turns_total{intent_group="fallback"} 1.0' in scraped
        assert 'joinus_fallbacks_total{stage="give_up"} 2.0' in scraped
        listed = json.loads(httpx.get(f"{base}/actions").text)
        assert any(a["name"] == "action_default_fallback" for a in listed)
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_intent_groups_stay_few() -> None:
    assert metrics.intent_group("faq/kosten") == "question"
    assert metrics.intent_group("school_refer") == "school"
    assert metrics.intent_group("express_interest") == "lead"
    assert metrics.intent_group("something_new") == "other"
    assert metrics.intent_group(None) == "other"


async def test_lead_funnel_and_reminder_lag_are_counted(tmp_path: Path) -> None:
    from telegram import Bot

    from bot.ambassadors.notices import KIND_REMINDER
    from bot.leads.service import LeadService
    from bot.telegram.delivery import OutboxDelivery
    from tests.leads_support import draft

    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path), "ENCRYPTION_KEY": "k" * 20})
    migrate(settings.database_url)
    database = Database(settings.database_url)
    cipher = Cipher.from_settings(settings)
    consented = _labelled(metrics.LEAD_FUNNEL, "stage", "consented")
    lags = _labelled(metrics.REMINDER_LAG, None, None, suffix="_count")
    try:
        LeadService(database, cipher, settings).submit("a" * 64, draft("16-17"))
        assert _labelled(metrics.LEAD_FUNNEL, "stage", "consented") == consented + 1
        with database.session() as session:
            enqueue(
                session,
                cipher,
                chat_id=7,
                text="Herinnering",
                kind=KIND_REMINDER,
                dedupe_key="r1",
                not_before=utcnow() - timedelta(minutes=2),
            )
        with FakeBotApi() as api:
            bot = Bot("123:LAG", base_url=api.base_url)
            await bot.initialize()
            try:
                assert await OutboxDelivery(database, cipher, bot).deliver_due() >= 1
            finally:
                await bot.shutdown()
        assert _labelled(metrics.REMINDER_LAG, None, None, suffix="_count") == lags + 1
        lag_sum = _labelled(metrics.REMINDER_LAG, None, None, suffix="_sum")
        assert lag_sum >= 120
    finally:
        database.dispose()


def _labelled(metric: Any, label: str | None, value: str | None, suffix: str = "_total") -> float:
    for family in metric.collect():
        for sample in family.samples:
            if sample.name.endswith(suffix) and (
                label is None or sample.labels.get(label) == value
            ):
                return float(sample.value)
    return 0.0
