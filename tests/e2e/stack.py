"""The real three processes for end-to-end tests: `python -m bot` against the fake Bot API.

Shared by the e2e modules so the start-up (free ports, environment, waiting for the supervisor
to report the Telegram bot running, stopping it) is written once.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.fakes.bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
STARTUP = 300
E2E_MARKS = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not (ROOT / ".venv-rasa" / "bin" / "rasa").exists()
        or not (ROOT / "models" / "joinus.tar.gz").exists(),
        reason="needs the Rasa environment and a trained model (run `make train`)",
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bot_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL"))}
    env.update(
        JOINUS_DATA_DIR=str(data_dir),
        RASA_URL=f"http://127.0.0.1:{free_port()}",
        ACTION_SERVER_PORT=str(free_port()),
        CONSOLE_PORT=str(free_port()),  # the staff console, the fourth process (Telegram mode)
        METRICS_PORT=str(free_port()),  # the bot's health/metrics server
        RASA_TIMEOUT="20",  # first turns on a cold model are slow on 2 cores
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def telegram_bot(api: FakeBotApi, data_dir: Path, **extra: str) -> Iterator[subprocess.Popen[str]]:
    """`python -m bot` in Telegram mode against ``api``, up and polling; stopped afterwards."""
    env = bot_env(data_dir, TELEGRAM_BOT_TOKEN="123:E2E", TELEGRAM_BASE_URL=api.base_url, **extra)
    log_path = data_dir / "supervisor.out"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
    try:
        deadline = time.monotonic() + STARTUP
        while "Telegram-bot draait" not in log_path.read_text():
            assert process.poll() is None, "supervisor died:\n" + log_path.read_text()[-3000:]
            assert time.monotonic() < deadline, (
                "start-up timed out:\n" + log_path.read_text()[-3000:]
            )
            time.sleep(0.5)
        api.wait_for(lambda: bool(api.calls_to("getUpdates")), timeout=60)
        yield process
    finally:
        stop(process)
