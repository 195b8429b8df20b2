"""The real three processes under `python -m bot` (production mode: restarts on), a fake Bot
API, and the handles a fault test needs: kill -9 a child, pause one, lock the database,
play users, count what the database holds."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.fakes.bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
ADMIN = 9_100_001
STAFF_GROUP = -100_900_001
STARTUP = 300.0
RASA_TOKEN = "fault-suite-rasa-token"
# Friendly answers a person may get while a part is down: both count as "answered".
UNAVAILABLE = "even niet bereikbaar"
ERROR_REPLY = "Er ging iets mis aan mijn kant"

# How each child shows up in its command line.
CHILDREN = {
    "bot": "bot.telegram",
    "actions": "--actions actions",  # rasa_sdk, or a wrapper around it
    "rasa": "--enable-api",  # the rasa CLI or the supervisor's launcher for it
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Stack:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.api = FakeBotApi().start()
        self.rasa_port = _free_port()
        self.env = {
            k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_URL"))
        }
        self.env.update(
            JOINUS_DATA_DIR=str(data_dir),
            RASA_URL=f"http://127.0.0.1:{self.rasa_port}",
            ACTION_SERVER_PORT=str(_free_port()),
            METRICS_PORT=str(_free_port()),  # the bot's health/metrics server
            RASA_AUTH_TOKEN=RASA_TOKEN,  # Rasa's HTTP API asks for it
            RASA_TIMEOUT="10",
            TELEGRAM_BOT_TOKEN="123:FAULTS",
            TELEGRAM_BASE_URL=self.api.base_url,
            SUPERVISOR_RESTART="on",
            ADMIN_TELEGRAM_IDS=str(ADMIN),
            STAFF_CHAT_ID=str(STAFF_GROUP),
            ENCRYPTION_KEY="fault-suite-key",
            AMBASSADOR_SCAN_SECONDS="5",
            AMBASSADOR_QUIET_HOURS="off",
            AMBASSADOR_SCHOOL_HOURS="off",
            PYTHONUNBUFFERED="1",
        )
        self.log_path = data_dir / "supervisor.out"
        self.process: subprocess.Popen[str] | None = None
        # What the suite went through, for its report and the final checks.
        self.outages: list[tuple[int, str]] = []  # (user, step) answered "even niet bereikbaar"
        self.faults: list[str] = []
        self.leads_done = 0

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> None:
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
            )
        self._wait(lambda: "Telegram-bot draait" in self.log(), STARTUP, "start-up")
        self.api.wait_for(lambda: bool(self.api.calls_to("getUpdates")), timeout=60)

    def stop(self) -> None:
        groups = [pid for child in CHILDREN if (pid := self.pid(child)) is not None]
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        for group in groups:  # whatever the supervisor could not stop (it leads each group)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(group, signal.SIGKILL)
        self.api.stop()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _wait(self, predicate: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            assert self.process is not None and self.process.poll() is None, (
                "supervisor died:\n" + self.log()[-3000:]
            )
            assert time.monotonic() < deadline, f"{what} timed out:\n" + self.log()[-3000:]
            time.sleep(0.2)

    # ---------------------------------------------------------------- children

    def pid(self, child: str) -> int | None:
        assert self.process is not None
        marker = CHILDREN[child]
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == self.process.pid and marker in cmdline:
                return int(entry.name)
        return None

    def rasa_ready(self) -> bool:
        try:
            url = f"http://127.0.0.1:{self.rasa_port}/status?token={RASA_TOKEN}"
            with urllib.request.urlopen(url, timeout=2) as r:
                body = r.read().replace(b" ", b"")
                return b'"model_file"' in body and b'"model_file":null' not in body
        except OSError:
            return False

    def kill9(self, child: str) -> int:
        """kill -9 the child; returns its old pid (the supervisor restarts it)."""
        pid = self.pid(child)
        assert pid is not None, f"{child} is not running:\n" + self.log()[-2000:]
        os.kill(pid, signal.SIGKILL)
        return pid

    def wait_restarted(self, child: str, old_pid: int, timeout: float = 180) -> None:
        self._wait(lambda: (p := self.pid(child)) is not None and p != old_pid, 30, "restart")
        if child == "rasa":
            self._wait(self.rasa_ready, timeout, "Rasa reload")
        elif child == "bot":
            polls = len(self.api.calls_to("getUpdates"))
            self._wait(lambda: len(self.api.calls_to("getUpdates")) > polls, timeout, "bot")
        else:
            port = self.env["ACTION_SERVER_PORT"]

            def healthy() -> bool:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                        return True
                except OSError:
                    return False

            self._wait(healthy, timeout, "action server")

    @contextmanager
    def paused(self, child: str) -> Iterator[None]:
        """SIGSTOP: the child hangs (accepts connections, answers nothing) until the block ends."""
        pid = self.pid(child)
        assert pid is not None
        os.kill(pid, signal.SIGSTOP)
        try:
            yield
        finally:
            os.kill(pid, signal.SIGCONT)

    @contextmanager
    def database_locked(self) -> Iterator[None]:
        lock = sqlite3.connect(self.data_dir / "joinus.db", timeout=5)
        lock.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            lock.rollback()
            lock.close()

    # ---------------------------------------------------------------- users

    def say(self, user: int, text: str, wait: float = 60) -> list[dict[str, Any]]:
        before = len(self.api.sent_messages(user))
        self.api.push_text(user, text)
        return self.replies(user, before, wait)

    def press(self, user: int, title: str, wait: float = 60) -> list[dict[str, Any]]:
        """Press the newest button whose title contains ``title`` (case-insensitive)."""
        message, data = self.button(user, title)
        before = len(self.api.sent_messages(user))
        self.api.push_callback(user, data, int(message["message_id"]))
        return self.replies(user, before, wait)

    def button(self, user: int, title: str) -> tuple[dict[str, Any], str]:
        for message in reversed(self.api.sent_messages(user)):
            rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
            for row in rows:
                for button in row:
                    if title.lower() in str(button.get("text", "")).lower():
                        return message, str(button["callback_data"])
        raise AssertionError(f"no button {title!r} for {user}: {self.texts(user)[-3:]}")

    def buttons(self, user: int) -> list[str]:
        messages = self.api.sent_messages(user)
        if not messages:
            return []
        rows = (messages[-1].get("reply_markup") or {}).get("inline_keyboard") or []
        return [str(b.get("text", "")) for row in rows for b in row]

    def replies(self, user: int, before: int, wait: float = 60) -> list[dict[str, Any]]:
        """Wait for at least one new message, then until none arrives for a moment."""
        self.api.wait_for_messages(user, before + 1, wait)
        count = -1
        while count != len(self.api.sent_messages(user)):
            count = len(self.api.sent_messages(user))
            time.sleep(0.7)
        return self.api.sent_messages(user)[before:]

    def texts(self, user: int) -> list[str]:
        return [str(m.get("text", "")) for m in self.api.sent_messages(user)]

    # ---------------------------------------------------------------- database

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.data_dir / "joinus.db", timeout=30) as db:
            return list(db.execute(sql))

    def count(self, table: str, where: str = "1=1") -> int:
        return int(self.rows(f"SELECT COUNT(*) FROM {table} WHERE {where}")[0][0])


def code_in(text: str) -> str | None:
    match = re.search(r"ouder_([A-Za-z0-9_-]+)", text)
    return match.group(1) if match else None
