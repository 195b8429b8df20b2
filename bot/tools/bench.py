"""`make bench`: figures for the README — safety-net speed and end-to-end turn latency.

Starts the real Rasa server and action server on free ports (like `make run`), then plays
N turns from M concurrent pseudo-users through the same Conversation pipeline the bot uses.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import tempfile
import time
from pathlib import Path

from bot.answers.facts import Facts
from bot.core.pseudonym import Pseudonymiser
from bot.core.settings import PROJECT_ROOT, load_settings
from bot.ops.supervisor import Supervisor, child_environment, engine_services
from bot.pipeline.conversation import ChannelUser, Conversation
from bot.pipeline.engine import RasaClient
from bot.safety import assess, assess_rules, warm_up

MESSAGES = [
    "hoi",
    "wat is join us",
    "voor wie is het",
    "wanneer zijn de avonden",
    "hoe laat is da",
    "wat kost t",
    "ben je een bot",
    "ik ben best verlegen mag ik toch komen",
    "dankje",
    "doei",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def bench_safety() -> None:
    """Both layers of the safety net: start-up (model from the on-disk cache) and per message."""
    started = time.perf_counter()
    warm_up()
    print(
        f"safety net layer 2 ready after {time.perf_counter() - started:.2f} s "
        "(model loaded from the cache in var/safety/, or fitted when the data changed)"
    )
    lines: list[str] = []
    for name in ("crisis_messages.txt", "everyday_messages.txt"):
        path = PROJECT_ROOT / "tests" / "safety" / name
        if path.exists():
            lines += [line for line in path.read_text().splitlines() if line.strip()]
    lines += ["a" * 10_000]
    for label, judge in (("layers 1+2", assess), ("layer 1 alone", assess_rules)):
        timings, cpu = [], []
        for _ in range(5):
            for line in lines:
                start, start_cpu = time.perf_counter(), time.thread_time()
                judge(line)
                cpu.append((time.thread_time() - start_cpu) * 1e6)
                timings.append((time.perf_counter() - start) * 1e6)
        # Wall time includes waiting for a core on a busy machine; CPU time does not.
        print(
            f"safety net ({label}): {len(lines)} messages x5, wall median "
            f"{statistics.median(timings):.0f} µs, p95 {_percentile(timings, 0.95):.0f} µs, "
            f"max {max(timings):.0f} µs; CPU median {statistics.median(cpu):.0f} µs, "
            f"p95 {_percentile(cpu, 0.95):.0f} µs per message"
        )


async def _play(conversation: Conversation, users: int, turns: int) -> list[float]:
    latencies: list[float] = []

    async def one_user(index: int) -> None:
        user = ChannelUser("bench", f"user-{index}", index)
        for turn in range(turns):
            start = time.perf_counter()
            replies = await conversation.text(user, MESSAGES[(index + turn) % len(MESSAGES)])
            latencies.append(time.perf_counter() - start)
            assert replies, "no reply"

    await asyncio.gather(*(one_user(i) for i in range(users)))
    return latencies


def bench_pipeline(users: int, turns: int) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="joinus-bench-"))
    env = {
        **os.environ,
        "JOINUS_DATA_DIR": str(data_dir),
        "RASA_URL": f"http://127.0.0.1:{_free_port()}",
        "ACTION_SERVER_PORT": str(_free_port()),
        # One engine: this is the latency of one turn through the pipeline (load_bench measures
        # throughput with the default number of engines).
        "RASA_INSTANCES": "1",
    }
    settings = load_settings(env)
    supervisor = Supervisor(settings, echo_logs=False)
    started = time.perf_counter()
    try:
        for service in engine_services(settings):
            supervisor.start(service, child_environment(settings, service.role))
        supervisor.wait_healthy(progress=lambda _: None)
        print(f"start-up: Rasa + action server healthy after {time.perf_counter() - started:.1f} s")
        engine = RasaClient(settings.rasa_url, 30)
        conversation = Conversation(engine, Pseudonymiser(b"b" * 32), Facts(settings.facts_file))

        async def run() -> tuple[list[float], float]:
            await _play(conversation, 1, 3)  # warm-up
            start = time.perf_counter()
            latencies = await _play(conversation, users, turns)
            elapsed = time.perf_counter() - start
            await engine.aclose()
            return latencies, elapsed

        latencies, elapsed = asyncio.run(run())
        ms = [x * 1000 for x in latencies]
        print(
            f"turns: {len(ms)} ({users} concurrent users x {turns}), {len(ms) / elapsed:.1f} turns/s"
        )
        print(
            f"turn latency (bot -> Rasa -> actions -> bot): median {statistics.median(ms):.0f} ms, "
            f"p95 {_percentile(ms, 0.95):.0f} ms, max {max(ms):.0f} ms"
        )
    finally:
        supervisor.stop_all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=10)
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--safety-only", action="store_true", help="only the safety-net figures")
    args = parser.parse_args()
    bench_safety()
    if args.safety_only:
        return
    bench_pipeline(args.users, args.turns)


if __name__ == "__main__":
    main()
