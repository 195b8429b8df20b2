"""The supervisor: restarts dead children with backoff (production) or stops all (terminal),
gives up clearly, tells admins, and reports start-up failures with the child's log."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bot.core.errors import ConfigError
from bot.core.settings import load_settings
from bot.ops.supervisor import RestartPolicy, Service, Supervisor, child_environment


def _sleeper(name: str, seconds: float) -> Service:
    return Service(
        name,
        [
            sys.executable,
            "-c",
            f"import time; print('{name} up', flush=True); time.sleep({seconds})",
        ],
        "http://127.0.0.1:9/",
    )


def test_one_dead_child_is_detected_and_all_are_stopped(tmp_path: Path) -> None:
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path)})
    supervisor = Supervisor(settings, echo_logs=False)
    env = child_environment(settings)
    supervisor.start(_sleeper("long", 60), env)
    supervisor.start(_sleeper("short", 0.2), env)
    deadline = time.monotonic() + 10
    while (dead := supervisor.dead()) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert dead is not None and dead.name == "short"
    supervisor.stop_all()
    assert all(s.process is not None and s.process.poll() is not None for s in supervisor.services)
    assert "long up" in (tmp_path / "log" / "long.log").read_text()


def test_child_dying_during_startup_is_reported_with_its_log(tmp_path: Path) -> None:
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path)})
    supervisor = Supervisor(settings, echo_logs=False)
    crash = Service(
        "rasa",
        [sys.executable, "-c", "print('model missing'); raise SystemExit(3)"],
        "http://127.0.0.1:9/",
    )
    supervisor.start(crash, child_environment(settings))
    with pytest.raises(RuntimeError, match="rasa stopped during start-up") as info:
        supervisor.wait_healthy(timeout=10, progress=lambda _: None)
    assert "model missing" in str(info.value)
    supervisor.stop_all()


def test_engine_children_bind_to_loopback(tmp_path: Path) -> None:
    env = child_environment(load_settings({"JOINUS_DATA_DIR": str(tmp_path)}))
    assert env["SANIC_HOST"] == "127.0.0.1"
    assert env["RASA_TELEMETRY_ENABLED"] == "false"


def _flaky(name: str, state: Path, deaths: int) -> Service:
    """A child that exits at once on its first ``deaths`` starts, then stays up."""
    code = (
        "import pathlib, sys, time\n"
        f"p = pathlib.Path({str(state)!r})\n"
        "n = int(p.read_text()) if p.exists() else 0\n"
        "p.write_text(str(n + 1))\n"
        f"print('{name} start', n + 1, flush=True)\n"
        f"sys.exit(7) if n < {deaths} else time.sleep(60)\n"
    )
    return Service(name, [sys.executable, "-c", code], "http://127.0.0.1:9/")


def _run_in_thread(supervisor: Supervisor, policy: RestartPolicy | None, **kw: Any) -> Any:
    result: dict[str, Any] = {}

    def target() -> None:
        result["service"] = supervisor.keep_running(policy, poll=0.02, **kw)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread, result


def test_dead_child_is_restarted_with_growing_backoff(tmp_path: Path) -> None:
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path)})
    supervisor = Supervisor(settings, echo_logs=False)
    env = child_environment(settings)
    supervisor.start(_sleeper("steady", 60), env)
    supervisor.start(_flaky("flaky", tmp_path / "count", deaths=3), env)
    said: list[tuple[float, str]] = []
    alerts: list[tuple[str, str, bool]] = []
    policy = RestartPolicy(base=0.2, cap=5, window=60, max_deaths=5, alert_from=2)
    thread, result = _run_in_thread(
        supervisor,
        policy,
        say=lambda line: said.append((time.monotonic(), line)),
        notify=lambda s, text, final: alerts.append((s.name, text, final)),
    )
    try:
        deadline = time.monotonic() + 20
        count = tmp_path / "count"
        while not (count.exists() and count.read_text() == "4") and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        flaky = supervisor.services[1]
        assert flaky.restarts == 3 and flaky.process is not None and flaky.process.poll() is None
        assert thread.is_alive() and "service" not in result  # still supervising
        # Backoff 0.2, 0.4, 0.8 s: the gaps between "stopped" and "restarted" grow.
        stops = [t for t, line in said if "flaky stopped" in line]
        starts = [t for t, line in said if "flaky wordt opnieuw gestart" in line]
        gaps = [b - a for a, b in zip(stops, starts, strict=True)]
        assert len(gaps) == 3 and gaps[0] >= 0.19 and gaps[1] >= 0.39 and gaps[2] >= 0.79
        assert [a[0] for a in alerts] == ["flaky", "flaky"] and not any(a[2] for a in alerts)
        assert supervisor.services[0].restarts == 0  # the healthy child was left alone
    finally:
        supervisor.stop_all()
        thread.join(timeout=5)
    assert all(s.process is not None and s.process.poll() is not None for s in supervisor.services)


def test_supervisor_gives_up_on_a_child_that_keeps_dying(tmp_path: Path) -> None:
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path)})
    supervisor = Supervisor(settings, echo_logs=False)
    supervisor.start(_flaky("broken", tmp_path / "count", deaths=99), child_environment(settings))
    said: list[str] = []
    alerts: list[tuple[str, bool]] = []
    policy = RestartPolicy(base=0.05, cap=0.1, window=60, max_deaths=4)
    gave_up = supervisor.keep_running(
        policy,
        poll=0.02,
        say=said.append,
        notify=lambda s, text, final: alerts.append((text, final)),
    )
    supervisor.stop_all()
    assert gave_up.name == "broken" and gave_up.restarts == 3
    assert "4 keer gestopt" in said[-1] and "geef het op" in said[-1]
    assert alerts[-1][1] is True and "broken.log" in alerts[-1][0]


def test_without_restart_policy_one_death_stops_all(tmp_path: Path) -> None:
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path)})
    supervisor = Supervisor(settings, echo_logs=False)
    env = child_environment(settings)
    supervisor.start(_sleeper("long", 60), env)
    supervisor.start(_sleeper("short", 0.2), env)
    said: list[str] = []
    assert supervisor.keep_running(None, poll=0.02, say=said.append).name == "short"
    supervisor.stop_all()
    assert said == ["short stopped (exit 0); stopping all."]


def test_restart_setting(tmp_path: Path) -> None:
    base = {"JOINUS_DATA_DIR": str(tmp_path)}
    assert load_settings(base).supervisor_restart is None  # auto: on for Telegram
    assert load_settings({**base, "SUPERVISOR_RESTART": "off"}).supervisor_restart is False
    assert load_settings({**base, "SUPERVISOR_RESTART": "on"}).supervisor_restart is True
    with pytest.raises(ConfigError, match="SUPERVISOR_RESTART"):
        load_settings({**base, "SUPERVISOR_RESTART": "sometimes"})


def test_admin_notifier_queues_one_alert_per_topic_and_hour(tmp_path: Path) -> None:
    from sqlalchemy import select

    from bot.core.crypto import Cipher
    from bot.ops.supervisor import admin_notifier
    from bot.storage.db import Database, migrate
    from bot.storage.models_outbox import OutboxMessage

    settings = load_settings(
        {"JOINUS_DATA_DIR": str(tmp_path), "ADMIN_TELEGRAM_IDS": "11,12", "ENCRYPTION_KEY": "k"}
    )
    migrate(settings.database_url)
    notify = admin_notifier(settings)
    service = _sleeper("rasa", 0)
    notify(service, "rasa 2 keer gestopt", False)
    notify(service, "rasa 3 keer gestopt", False)  # same hour: folded into the first
    notify(service, "rasa: ik geef het op", True)
    database = Database(settings.database_url)
    with database.session() as session:
        rows = list(session.scalars(select(OutboxMessage)))
        texts = sorted(Cipher.from_settings(settings).decrypt(r.text_enc) for r in rows)
    database.dispose()
    assert len(rows) == 4 and {r.kind for r in rows} == {"admin_alert"}
    assert texts.count("rasa 2 keer gestopt") == 2 and texts.count("rasa: ik geef het op") == 2


def test_hung_child_is_killed_and_restarted(tmp_path: Path) -> None:
    """A child that answered its health check and then hangs (SIGSTOP) is restarted."""
    import os
    import signal
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = Service(
        "engine",
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        f"http://127.0.0.1:{port}/",
    )
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path), "ADMIN_TELEGRAM_IDS": ""})
    supervisor = Supervisor(settings, echo_logs=False)
    supervisor.start(server, child_environment(settings))
    said: list[str] = []
    policy = RestartPolicy(base=0.1, hang_after=1.0, health_every=0.2)
    thread, _ = _run_in_thread(supervisor, policy, say=said.append)
    try:
        deadline = time.monotonic() + 20
        while not server.seen_healthy and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.seen_healthy
        assert server.process is not None
        os.kill(server.process.pid, signal.SIGSTOP)  # hangs: accepts, never answers
        while server.restarts == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.restarts == 1, said
        assert any("antwoordt al 1 s niet" in line for line in said)
        while not server.seen_healthy and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.seen_healthy  # the new process answers again
    finally:
        supervisor.stop_all()
        thread.join(timeout=5)
