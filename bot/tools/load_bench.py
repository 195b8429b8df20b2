"""`make bench`, part 2: the engine under load, bare and through the whole path, and a burst.

Starts the real thing, ``python -m bot`` (supervisor, Rasa and action server(s), Telegram bot
process), against a Bot API emulator with long polling on 127.0.0.1 (tests/fakes/bot_api.py).
In the same run and against the same engine it plays:

- the **bare engine**: simulated people posting straight to Rasa's REST channel;
- the **whole path**: the same people and turns as Telegram updates, answered by the bot
  process (safety net, pseudonym, Rasa client, rendering, rate limiter, Bot API calls);

at 1, 10 and 50 people at once (each person reads the answer, 0.3 s, before the next message),
then a **classroom burst**: 200 new people each sending /start and a question, arriving at
random within a window (60 s). CPU time of every process per turn shows where a turn's time
goes, a figure that stays meaningful when other work shares the machine.

The Bot API emulator stands in for Telegram's servers, which run on other machines: it runs in a
process of its own (tests/fakes/bot_api_process.py), so its threads do not share the load
generator's GIL, which times every turn; its CPU is reported on its own. ``--emulator-in-process``
runs it in the benchmark's process, as before 30 Nov (second round).

    python -m bot.tools.load_bench [--instances 2] [--levels 1,10,50] [--burst 200]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from telegram.constants import FloodLimit

from bot.core.http_pool import lean_transport
from bot.core.imports import remember_missing
from bot.core.settings import PROJECT_ROOT, default_engine_instances
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_process import BotApiProcess

QUESTIONS = [
    "wat is join us",
    "voor wie is het",
    "wanneer zijn de avonden",
    "hoe laat is da",
    "wat kost t",
    "ben je een bot",
    "ik ben best verlegen mag ik toch komen",
    "waar is het",
    "moet ik iemand meenemen",
    "dankje",
]
STARTUP_TIMEOUT = 300.0
TURN_TIMEOUT = 60.0
# A person reads the answer before sending the next message (both paths alike); it also lets
# the rest of a multi-message answer arrive before the next turn is timed.
THINK_TIME = 0.3
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Telegram's flood limit for one bot (python-telegram-bot's AIORateLimiter, bot/telegram/app.py):
# every answer is at least one message, so the whole path cannot exceed this many turns/s
# for long (the limiter's bucket lets a first second's burst through).
TELEGRAM_MESSAGES_PER_SECOND = FloodLimit.MESSAGES_PER_SECOND


def free_port(count: int = 1) -> int:
    """A free port p such that p .. p+count-1 are free too (for consecutive instances)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port + count > 65535:
            continue
        try:
            for extra in range(1, count):
                with socket.socket() as s:
                    s.bind(("127.0.0.1", port + extra))
        except OSError:
            continue
        return port
    raise RuntimeError("no run of free ports")


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class RecordingBotApi(FakeBotApi):
    """The emulator in the benchmark's own process (``--emulator-in-process``), telling the
    load generator when the bot sends a message or chat action."""

    pid: int | None = None  # its CPU time is the load generator's

    def __init__(self) -> None:
        # Persistent connections, as the real Bot API serves them: the bot's CPU per turn is
        # then what it costs against Telegram, not a TCP set-up per Bot API call.
        super().__init__(keep_alive=True)
        self.listener: Callable[[str, int, float], None] | None = None
        self.messages_sent = 0  # sendMessage calls answered 200

    def _dispatch(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, Any] | None:
        result = super()._dispatch(token, method, params)
        listener = self.listener
        ok = result is not None and result[0] == 200
        if ok and method == "sendMessage":
            self.messages_sent += 1
        if listener is not None and ok and method in ("sendMessage", "sendChatAction"):
            listener(method, int(params.get("chat_id") or 0), time.perf_counter())
        return result


class ReplyWatch:
    """Per chat: a future resolved by the bot's next message (thread-safe, fed by the emulator).

    A person reads an answer before typing the next message (THINK_TIME), so the remaining
    messages of one answer have arrived before the next turn starts: the first message after a
    push is that turn's answer.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._lock = threading.Lock()
        self._waiting: dict[int, asyncio.Future[float]] = {}

    def arm(self, chat_id: int) -> asyncio.Future[float]:
        future: asyncio.Future[float] = self._loop.create_future()
        with self._lock:
            self._waiting[chat_id] = future
        return future

    def on_call(self, method: str, chat_id: int, at: float | None = None) -> None:
        """The bot called ``method`` for ``chat_id`` at ``at`` (``time.perf_counter()``, taken
        where the call arrived; default: now)."""
        if method != "sendMessage":
            return
        now = time.perf_counter() if at is None else at
        with self._lock:
            future = self._waiting.pop(chat_id, None)
        if future is not None:
            self._loop.call_soon_threadsafe(_resolve, future, now)


def _resolve(future: asyncio.Future[float], value: float) -> None:
    if not future.done():
        future.set_result(value)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def children(pid: int) -> dict[int, str]:
    """Child processes of ``pid`` by a short name (rasa, actions, bot)."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) != pid:
            continue
        words = [w.decode(errors="replace") for w in cmdline]
        if "rasa_sdk" in words or any(w.endswith("action_server") for w in words):
            name = "actions"
        elif "bot.telegram" in words:
            name = "bot"
        elif "bot.console" in words:
            name = "console"
        elif any(
            w.endswith(("/rasa", "rasa_server.py")) or "rasa_server" in w or "/.venv-rasa/" in w
            for w in words
        ):
            name = "rasa"
        else:
            name = Path(words[0]).name if words and words[0] else "other"
        found[int(entry.name)] = name
    return found


@dataclass
class CpuMeter:
    """CPU seconds per process kind (summed over instances) between two readings."""

    supervisor_pid: int
    emulator_pid: int | None = None  # the Bot API emulator's own process, if it has one
    start: dict[str, float] = field(default_factory=dict)

    def _read(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for pid, name in children(self.supervisor_pid).items():
            out[name] = out.get(name, 0.0) + cpu_seconds(pid)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        if self.emulator_pid is None:
            out["load generator + emulator"] = usage.ru_utime + usage.ru_stime
        else:
            out["load generator"] = usage.ru_utime + usage.ru_stime
            out["Bot API emulator"] = cpu_seconds(self.emulator_pid)
        return out

    def begin(self) -> None:
        self.start = self._read()

    def end(self) -> dict[str, float]:
        now = self._read()
        return {name: now[name] - self.start.get(name, 0.0) for name in now}


@dataclass
class Result:
    label: str
    people: int
    latencies: list[float]
    elapsed: float
    failures: int = 0
    cpu: dict[str, float] = field(default_factory=dict)
    messages: int = 0  # Bot API messages the bot sent meanwhile (whole path)

    @property
    def turns(self) -> int:
        return len(self.latencies)

    def ms(self, q: float) -> float:
        return percentile(self.latencies, q) * 1000

    @property
    def rate(self) -> float:
        return self.turns / self.elapsed if self.elapsed else 0.0

    def cpu_line(self) -> str:
        parts = [
            f"{name} {seconds * 1000 / max(1, self.turns):.0f}"
            for name, seconds in sorted(self.cpu.items())
            if seconds > 0
        ]
        return "CPU ms per turn: " + ", ".join(parts)


class Stack:
    """``python -m bot`` with a Telegram token pointed at the emulator, in a fresh data dir."""

    def __init__(
        self,
        instances: int,
        extra_env: dict[str, str] | None = None,
        *,
        emulator_in_process: bool = False,
    ) -> None:
        self.instances = instances
        self.extra_env = extra_env or {}
        self.api: RecordingBotApi | BotApiProcess = (
            RecordingBotApi() if emulator_in_process else BotApiProcess()
        )
        self.data_dir = Path(tempfile.mkdtemp(prefix="joinus-load-"))
        self.rasa_port = free_port(instances)
        self.action_port = free_port(instances)
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0
        self.healthy_after = 0.0

    @property
    def rasa_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{self.rasa_port + i}" for i in range(self.instances)]

    def start(self) -> None:
        self.api.start()
        env = {k: v for k, v in os.environ.items() if not k.startswith("TELEGRAM_")}
        env.update(
            JOINUS_DATA_DIR=str(self.data_dir),
            RASA_URL=self.rasa_urls[0],
            ACTION_SERVER_PORT=str(self.action_port),
            RASA_INSTANCES=str(self.instances),
            RASA_TIMEOUT="30",
            # Its own ports for the staff console and the health/metrics server, so that the
            # benchmark runs beside a `make run` or another benchmark on the same machine.
            CONSOLE_PORT=str(free_port()),
            METRICS_PORT=str(free_port()),
            TELEGRAM_BOT_TOKEN="123:LOAD",
            TELEGRAM_BASE_URL=self.api.base_url,
            PYTHONUNBUFFERED="1",
            LOG_LEVEL="WARNING",
        )
        env.update(self.extra_env)
        if "DATABASE_URL" not in self.extra_env:
            env.pop("DATABASE_URL", None)  # a fresh SQLite database unless told otherwise
        log = (self.data_dir / "supervisor.out").open("wb")
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot"], cwd=PROJECT_ROOT, env=env, stdout=log, stderr=log
        )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        out = self.data_dir / "supervisor.out"
        while b"Telegram-bot draait" not in out.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the stack did not start:\n" + out.read_text()[-3000:])
            time.sleep(0.2)
        self.healthy_after = time.perf_counter() - self.started_at

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            # The supervisor's children lead their own sessions: if it has to be killed, they
            # would live on (a loaded machine can take longer than the wait to stop Rasa).
            engines = children(self.process.pid)
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            for pid in engines:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(pid, signal.SIGKILL)
        self.api.stop()

    def cpu(self) -> CpuMeter:
        assert self.process is not None
        return CpuMeter(self.process.pid, self.api.pid)


class Players:
    """Simulated people: the same scripts against the bare engine or the whole path."""

    def __init__(self, stack: Stack, watch: ReplyWatch, http: httpx.AsyncClient) -> None:
        self.stack = stack
        self.watch = watch
        self.http = http
        self._ids = iter(range(10_000_000, 99_000_000))
        self._rr = 0
        self.urls = stack.rasa_urls  # where bare turns go, spread as the bot spreads them
        # Without a shared (Redis) lock store the bot sends a turn to the engine with the fewest
        # turns in flight (ties: a hash of the person); with Redis, round robin.
        self.by_person = "REDIS_URL" not in stack.extra_env
        self._busy: dict[str, int] = {}

    def new_id(self) -> int:
        return next(self._ids)

    async def bare_turn(self, person: int, text: str) -> float:
        """One turn posted straight to Rasa's REST channel (what Conversation would send)."""
        message = "/greet" if text == "/start" else text
        sender = f"bare-{person}"
        if self.by_person:
            hashed = self.urls[zlib.crc32(sender.encode()) % len(self.urls)]
            url = min(self.urls, key=lambda u: (self._busy.get(u, 0), u != hashed))
        else:
            url = self.urls[self._rr % len(self.urls)]
            self._rr += 1
        start = time.perf_counter()
        self._busy[url] = self._busy.get(url, 0) + 1
        try:
            response = await self.http.post(
                url + "/webhooks/rest/webhook",
                json={"sender": sender, "message": message},
                timeout=TURN_TIMEOUT,
            )
        finally:
            self._busy[url] -= 1
        response.raise_for_status()
        if not response.json():
            raise RuntimeError("the engine gave no answer")
        elapsed = time.perf_counter() - start
        await asyncio.sleep(THINK_TIME)  # the same reading time as on the whole path
        return elapsed

    async def whole_turn(self, person: int, text: str) -> float:
        """One turn as a Telegram update; done when the bot's first reply reaches the emulator."""
        future = self.watch.arm(person)
        start = time.perf_counter()
        self.stack.api.push_text(person, text)
        try:
            answered = await asyncio.wait_for(future, TURN_TIMEOUT)
        finally:
            await asyncio.sleep(THINK_TIME)
        return answered - start

    async def person(
        self, turn: Callable[[int, str], Any], script: Sequence[str], out: list[float]
    ) -> int:
        person = self.new_id()
        failures = 0
        for text in script:
            try:
                out.append(await turn(person, text))
            except (TimeoutError, httpx.HTTPError, RuntimeError):
                failures += 1
        return failures


def script_for(index: int, turns: int) -> list[str]:
    return ["/start"] + [QUESTIONS[(index + k) % len(QUESTIONS)] for k in range(turns - 1)]


async def play_level(
    players: Players, label: str, turn: Callable[[int, str], Any], people: int, turns: int
) -> Result:
    meter = players.stack.cpu()
    latencies: list[float] = []
    sent = players.stack.api.messages_sent
    meter.begin()
    start = time.perf_counter()
    failures = await asyncio.gather(
        *(players.person(turn, script_for(i, turns), latencies) for i in range(people))
    )
    elapsed = time.perf_counter() - start
    result = Result(label, people, latencies, elapsed, sum(failures), meter.end())
    result.messages = players.stack.api.messages_sent - sent
    return result


async def play_burst(
    players: Players, people: int, window: float, seed: int = 12
) -> tuple[Result, list[float]]:
    """``people`` new people, arriving at random within ``window`` s: /start, then a question."""
    rng = random.Random(seed)
    arrivals = sorted(rng.uniform(0, window) for _ in range(people))
    firsts: list[float] = []
    seconds: list[float] = []
    failures = 0
    meter = players.stack.cpu()
    meter.begin()
    start = time.perf_counter()

    async def one(index: int, at: float) -> None:
        nonlocal failures
        await asyncio.sleep(at)
        person = players.new_id()
        try:
            firsts.append(await players.whole_turn(person, "/start"))
            seconds.append(await players.whole_turn(person, QUESTIONS[index % len(QUESTIONS)]))
        except TimeoutError:
            failures += 1

    await asyncio.gather(*(one(i, at) for i, at in enumerate(arrivals)))
    elapsed = time.perf_counter() - start
    return Result("burst", people, firsts + seconds, elapsed, failures, meter.end()), firsts


def table(rows: list[tuple[Result, Result]]) -> str:
    lines = [
        "| people at once | bare engine p50 / p95 | whole path p50 / p95 | our layers p50 / p95 "
        "| bare turns/s | whole path turns/s |",
        "|---|---|---|---|---|---|",
    ]
    for bare, whole in rows:
        lines.append(
            f"| {bare.people} | {bare.ms(0.5):,.0f} / {bare.ms(0.95):,.0f} ms "
            f"| {whole.ms(0.5):,.0f} / {whole.ms(0.95):,.0f} ms "
            f"| {whole.ms(0.5) - bare.ms(0.5):+,.0f} / {whole.ms(0.95) - bare.ms(0.95):+,.0f} ms "
            f"| {bare.rate:.1f} | {whole.rate:.1f} |"
        )
    return "\n".join(lines)


def _reachable(url: str) -> bool:
    parts = urlsplit(url)
    default_port = 5432 if parts.scheme.startswith("postgres") else 6379
    try:
        with socket.create_connection(
            (parts.hostname or "127.0.0.1", parts.port or default_port), 1
        ):
            return True
    except OSError:
        return False


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min) / {five:.1f} (5 min) on {os.cpu_count()} cores"


async def run_levels(
    stack: Stack, levels: Sequence[int], turns: dict[int, int], burst: int, window: float
) -> None:
    loop = asyncio.get_running_loop()
    watch = ReplyWatch(loop)
    stack.api.listener = watch.on_call
    limits = httpx.Limits(max_connections=500, max_keepalive_connections=200)
    # The bare engine's load generator on the bot's own lean pool: httpcore's pool costs CPU
    # per request for every open connection (bot/core/http_pool.py), CPU the engine then
    # lacks on a full machine; the turn is timed the same way.
    async with httpx.AsyncClient(limits=limits, transport=lean_transport(limits)) as http:
        players = Players(stack, watch, http)
        cold = await players.whole_turn(players.new_id(), "/start")
        print(
            f"cold start: supervisor start -> healthy {stack.healthy_after:.1f} s, "
            f"first reply {stack.healthy_after + cold:.1f} s after start "
            f"(first turn {cold * 1000:.0f} ms)"
        )
        # Warm-up: the first turns of a fresh engine are slower (lazy graph building).
        await play_level(players, "warm-up", players.bare_turn, 4, 3)
        await play_level(players, "warm-up", players.whole_turn, 4, 3)
        rows: list[tuple[Result, Result]] = []
        for people in levels:
            count = turns.get(people, 6)
            if stack.instances > 1 and people >= 50:
                # Scale-out figure: the same load on one of the servers, then spread over all.
                players.urls = stack.rasa_urls[:1]
                one = await play_level(players, "one server", players.bare_turn, people, count)
                players.urls = stack.rasa_urls
                print(
                    f"{people:>3} people, bare engine on one server: {one.rate:.1f} turns/s, "
                    f"p50 {one.ms(0.5):.0f} ms, p95 {one.ms(0.95):.0f} ms; {one.cpu_line()}"
                )
            bare = await play_level(players, "bare engine", players.bare_turn, people, count)
            whole = await play_level(players, "whole path", players.whole_turn, people, count)
            rows.append((bare, whole))
            for result in (bare, whole):
                print(
                    f"{people:>3} people, {result.label:<11}: {result.turns} turns in "
                    f"{result.elapsed:.1f} s, {result.rate:.1f} turns/s, p50 {result.ms(0.5):.0f} "
                    f"ms, p95 {result.ms(0.95):.0f} ms, max {result.ms(1.0):.0f} ms, "
                    f"{result.failures} failed; {result.cpu_line()}"
                )
            print(
                f"{people:>3} people, whole path sent {whole.messages} Bot API messages, "
                f"{whole.messages / whole.elapsed if whole.elapsed else 0:.1f}/s (answers are "
                f"not paced; Telegram's ~{TELEGRAM_MESSAGES_PER_SECOND}/s is for bulk messages)"
            )
        print(f"\n{load_average()}\n")
        print(table(rows))
        if burst:
            result, firsts = await play_burst(players, burst, window)
            print(
                f"\nclassroom burst: {burst} new people within {window:.0f} s, each /start and a "
                f"question: {len(firsts)}/{burst} greeted, {result.turns}/{2 * burst} turns "
                f"answered, {result.failures} unanswered; first reply p50 "
                f"{percentile(firsts, 0.5) * 1000:.0f} ms, p95 {percentile(firsts, 0.95) * 1000:.0f} "
                f"ms, max {max(firsts, default=0) * 1000:.0f} ms; all turns p95 "
                f"{result.ms(0.95):.0f} ms; {result.cpu_line()}"
            )
            print(load_average())


def training_line(models: Path = PROJECT_ROOT / "models") -> str:
    """What scripts/train.sh recorded about the last training (wall and CPU seconds)."""
    try:
        stats = dict(
            item.split("=", 1)
            for item in (models / ".train-stats").read_text().split()
            if "=" in item
        )
        return (
            f"training (last `make train`, {stats['date']}): {stats['wall']} s wall, "
            f"{stats['cpu']} s CPU, load average {stats['load']} on {stats['cores']} cores"
        )
    except (OSError, KeyError, ValueError):
        return (
            "training: no figures recorded (the model predates scripts/train.sh recording them; "
            "`rm models/.fingerprint && make train` retrains and records them)"
        )


@contextlib.contextmanager
def fresh_postgres_schema(url: str) -> Iterator[str]:
    """A throw-away schema in the PostgreSQL database at ``url`` (dropped afterwards), so the
    benchmark's conversations never mix with real ones; yields a URL that uses it."""
    from sqlalchemy import create_engine, text

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        separator = "&" if "?" in url else "?"
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--instances",
        type=int,
        default=default_engine_instances(),
        help="RASA_INSTANCES of the stack (default: what `make run` starts on this machine)",
    )
    parser.add_argument("--levels", default="1,10,50", help="people at once, comma-separated")
    parser.add_argument("--burst", type=int, default=200, help="people in the burst (0: none)")
    parser.add_argument("--window", type=float, default=60.0, help="burst arrival window, s")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", ""),
        help="PostgreSQL for the tracker store and our tables (a throw-away schema in it)",
    )
    parser.add_argument(
        "--training", action="store_true", help="also print the last training's time"
    )
    parser.add_argument(
        "--emulator-in-process",
        action="store_true",
        help="run the Bot API emulator in this process (sharing the load generator's GIL)",
    )
    args = parser.parse_args(argv)
    remember_missing()  # the bare engine's load generator: httpcore's per-request "import sniffio"
    levels = [int(x) for x in args.levels.split(",") if x.strip()]
    if args.redis_url and not _reachable(args.redis_url):
        print(f"(Redis at {urlsplit(args.redis_url).netloc} is not reachable: in-memory locks)")
        args.redis_url = ""
    if args.database_url and not _reachable(args.database_url):
        print(f"(PostgreSQL at {urlsplit(args.database_url).hostname} is not reachable: SQLite)")
        args.database_url = ""
    if args.training:
        print(training_line())
    with contextlib.ExitStack() as cleanup:
        extra = {"REDIS_URL": args.redis_url} if args.redis_url else {}
        if args.database_url:
            extra["DATABASE_URL"] = cleanup.enter_context(fresh_postgres_schema(args.database_url))
        stack = Stack(args.instances, extra, emulator_in_process=args.emulator_in_process)
        stores = (
            f"lock store {'Redis' if args.redis_url else 'in memory'}, "
            f"tracker store {'PostgreSQL' if args.database_url else 'SQLite'}"
        )
        emulator = "in this process" if args.emulator_in_process else "in its own process"
        print(
            f"starting python -m bot: {args.instances} engine instance(s), {stores}, Bot API "
            f"emulator {emulator}; {load_average()}"
        )
        try:
            stack.start()
            asyncio.run(run_levels(stack, levels, {1: 20, 10: 8, 50: 6}, args.burst, args.window))
        finally:
            stack.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
