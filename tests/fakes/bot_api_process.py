"""The Bot API emulator in a process of its own, for the load benchmark (bot/tools/load_bench.py).

Real Telegram runs on other machines; in the benchmark its stand-in (:class:`FakeBotApi`, one
thread per connection of the bot) shared the benchmark's process, and so one GIL, with the load
generator's event loop, which starts every turn's clock and stops it. Here it runs as
``python -m tests.fakes.bot_api_process`` (HTTP/1.1 keep-alive, as the real Bot API) and talks
with the benchmark over its stdin and stdout, one line each:

- out, once: ``url <base url>``;
- in: ``push <user id> <text as JSON>``: a private text message from that person;
- out: ``sent <method> <chat id> <time>`` for every sendMessage and sendChatAction answered
  200, ``time`` being ``time.perf_counter()`` in this process when the call was handled
  (CLOCK_MONOTONIC on Linux: the same clock in every process);
- in: ``stop``, or the end of stdin: the emulator stops.

It still costs CPU on the same machine: the benchmark reports it on a line of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from tests.fakes.bot_api import FakeBotApi

ROOT = Path(__file__).resolve().parents[2]
# What the benchmark hears about: an answer (sendMessage) and "typing…" (sendChatAction).
REPORTED = frozenset({"sendMessage", "sendChatAction"})
Listener = Callable[[str, int, float], None]  # (method, chat id, perf_counter time)


class _ReportingBotApi(FakeBotApi):
    """FakeBotApi with persistent connections, writing a ``sent`` line per reported call."""

    def __init__(self, out: IO[str]) -> None:
        super().__init__(keep_alive=True)
        self._out = out
        self._out_lock = threading.Lock()

    def _dispatch(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, Any] | None:
        result = super()._dispatch(token, method, params)
        if result is not None and result[0] == 200 and method in REPORTED:
            line = f"sent {method} {int(params.get('chat_id') or 0)} {time.perf_counter()!r}\n"
            with self._out_lock:
                self._out.write(line)
                self._out.flush()
        return result


def serve(stdin: IO[str], stdout: IO[str]) -> None:
    """The emulator's side: serve until ``stop`` or the end of ``stdin``."""
    api = _ReportingBotApi(stdout)
    api.start()
    try:
        with api._out_lock:
            stdout.write(f"url {api.base_url}\n")
            stdout.flush()
        for line in stdin:
            command, _, rest = line.rstrip("\n").partition(" ")
            if command == "stop":
                break
            if command == "push":
                user, _, text = rest.partition(" ")
                api.push_text(int(user), json.loads(text))
    finally:
        api.stop()


class BotApiProcess:
    """The benchmark's side: start, push messages, hear what the bot sent (``listener``).

    The same surface as the in-process emulator the benchmark can still use
    (``start``, ``stop``, ``base_url``, ``push_text``, ``listener``, ``messages_sent``), plus
    ``pid`` for its CPU time."""

    def __init__(self) -> None:
        self.listener: Listener | None = None
        self.messages_sent = 0  # sendMessage calls answered 200
        self.base_url = ""
        self._process: subprocess.Popen[str] | None = None
        self._reader: threading.Thread | None = None
        self._write_lock = threading.Lock()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> BotApiProcess:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.fakes.bot_api_process"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        assert self._process.stdout is not None
        first = self._process.stdout.readline()
        if not first.startswith("url "):
            self.stop()
            raise RuntimeError(f"the Bot API emulator did not start: {first!r}")
        self.base_url = first[4:].strip()
        self._reader = threading.Thread(target=self._read, name="bot-api-events", daemon=True)
        self._reader.start()
        return self

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        for line in self._process.stdout:
            kind, method, chat, at = line.split()
            if kind != "sent":
                continue
            if method == "sendMessage":
                self.messages_sent += 1
            listener = self.listener
            if listener is not None:
                listener(method, int(chat), float(at))

    def push_text(self, user_id: int, text: str) -> None:
        """A private text message from ``user_id`` (the emulator assigns the update id)."""
        self._send(f"push {int(user_id)} {json.dumps(text)}\n")

    def _send(self, line: str) -> None:
        process = self._process
        if process is None or process.stdin is None:
            raise RuntimeError("the Bot API emulator is not running")
        with self._write_lock:
            process.stdin.write(line)
            process.stdin.flush()

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.write("stop\n")
                process.stdin.close()
            process.wait(timeout=10)
        except (OSError, ValueError, subprocess.TimeoutExpired):
            process.kill()
            process.wait()
        if self._reader is not None:
            self._reader.join(timeout=5)


if __name__ == "__main__":
    serve(sys.stdin, sys.stdout)
