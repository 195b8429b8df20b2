"""The supervisor stops every process when one dies, and reports start-up failures clearly."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from bot.settings import load_settings
from bot.supervisor import Service, Supervisor, child_environment


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
