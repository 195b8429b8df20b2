"""`make run`: start Rasa, the action server and the bot; wait until healthy; stop all together.

Rasa (Python 3.10 venv) and the action server are children of this process. With a Telegram
token the bot is a third child; without one the terminal chat runs here in the foreground.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO
from urllib.parse import urlsplit

from bot.settings import PROJECT_ROOT, Settings

RASA_BIN = PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"
MODEL_DIR = PROJECT_ROOT / "models"
STARTUP_TIMEOUT = 240.0  # Rasa imports TensorFlow and loads the model: ~20-60 s on 2 cores


def _http_ok(url: str, predicate: Callable[[bytes], bool] = lambda _: True) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200 and predicate(response.read()))
    except (urllib.error.URLError, OSError, ValueError):
        return False


def child_environment(settings: Settings) -> dict[str, str]:
    """What the engine processes need: endpoints.yml reads these via ${...} substitution."""
    env = dict(os.environ)
    env.update(
        ACTION_SERVER_URL=settings.action_server_url,
        TRACKER_STORE_URL=settings.tracker_store_url,
        JOINUS_DATA_DIR=str(settings.data_dir),
        DATABASE_URL=settings.database_url,
        RASA_TELEMETRY_ENABLED="false",
        SANIC_HOST="127.0.0.1",  # rasa-sdk binds 0.0.0.0 unless told otherwise
        PYTHONPATH=str(PROJECT_ROOT),
        PYTHONUNBUFFERED="1",
        TF_CPP_MIN_LOG_LEVEL="2",
    )
    return env


@dataclass
class Service:
    name: str
    argv: list[str]
    health_url: str
    health_check: Callable[[bytes], bool] = lambda _: True
    process: subprocess.Popen[bytes] | None = None
    pump: threading.Thread | None = None
    tail: deque[str] = field(default_factory=lambda: deque(maxlen=40))

    def healthy(self) -> bool:
        return _http_ok(self.health_url, self.health_check)


def engine_services(settings: Settings) -> list[Service]:
    rasa = urlsplit(settings.rasa_url)
    return [
        Service(
            "actions",
            [
                sys.executable,
                "-m",
                "bot.action_server",  # rasa-sdk's server plus /healthz, /readyz, /metrics
                "--actions",
                "actions",
                "--port",
                str(settings.action_server_port),
            ],
            f"http://127.0.0.1:{settings.action_server_port}/health",
        ),
        Service(
            "rasa",
            [
                str(RASA_BIN),
                "run",
                "--enable-api",
                "--interface",
                rasa.hostname or "127.0.0.1",
                "--port",
                str(rasa.port or 5005),
                "--model",
                str(MODEL_DIR),
                "--endpoints",
                "endpoints.yml",
                "--credentials",
                "credentials.yml",
            ],
            f"{settings.rasa_url}/status",
            lambda body: (
                b'"model_file"' in body and b'"model_file":null' not in body.replace(b" ", b"")
            ),
        ),
    ]


class Supervisor:
    """Owns the child processes; if one dies, all stop."""

    def __init__(self, settings: Settings, *, echo_logs: bool) -> None:
        self.settings = settings
        self.echo_logs = echo_logs
        self.services: list[Service] = []
        self._stopping = threading.Event()
        settings.log_dir.mkdir(parents=True, exist_ok=True)

    def _pump(self, service: Service, stream: IO[bytes]) -> None:
        from bot.logging_setup import RotatingWriter

        ops = self.settings.ops
        log_path = self.settings.log_dir / f"{service.name}.log"
        with RotatingWriter(log_path, ops.log_max_bytes, ops.log_backups) as log_file:
            for raw in iter(stream.readline, b""):
                log_file.write(raw)
                line = raw.decode(errors="replace").rstrip()
                service.tail.append(line)
                if self.echo_logs:
                    print(f"[{service.name}] {line}", flush=True)

    def start(self, service: Service, env: dict[str, str]) -> None:
        service.process = subprocess.Popen(
            service.argv,
            cwd=PROJECT_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us only; we stop children in order
        )
        assert service.process.stdout is not None
        threading.Thread(
            target=self._pump, args=(service, service.process.stdout), daemon=True
        ).start()
        self.services.append(service)

    def dead(self) -> Service | None:
        return next((s for s in self.services if s.process and s.process.poll() is not None), None)

    def wait_healthy(
        self, timeout: float = STARTUP_TIMEOUT, progress: Callable[[str], None] = print
    ) -> None:
        deadline = time.monotonic() + timeout
        pending = list(self.services)
        while pending:
            if (dead := self.dead()) is not None:
                if dead.pump is not None:
                    dead.pump.join(timeout=2)  # so its last words are in the message
                raise RuntimeError(f"{dead.name} stopped during start-up:\n" + "\n".join(dead.tail))
            for service in list(pending):
                if service.healthy():
                    progress(f"  ✓ {service.name} is klaar")
                    pending.remove(service)
            if time.monotonic() > deadline:
                names = ", ".join(s.name for s in pending)
                raise RuntimeError(
                    f"not healthy after {timeout:.0f} s: {names} (see {self.settings.log_dir})"
                )
            time.sleep(0.5)

    def stop_all(self) -> None:
        self._stopping.set()
        for service in reversed(self.services):
            if service.process and service.process.poll() is None:
                service.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for service in self.services:
            if service.process is None:
                continue
            try:
                service.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                service.process.kill()
                service.process.wait()


def check_model() -> None:
    if not RASA_BIN.exists():
        sys.exit("The Rasa environment is missing: run `make setup` (or simply `make run`).")
    if not any(MODEL_DIR.glob("*.tar.gz")):
        sys.exit("No trained model in models/: run `make train` (or simply `make run`).")


def main() -> int:
    from bot.logging_setup import configure_logging
    from bot.settings import load_settings

    settings = load_settings()
    terminal_mode = not settings.telegram_token
    configure_logging(
        settings.log_level,
        file=settings.log_dir / "bot.log" if terminal_mode else None,
        fmt=settings.ops.log_format,
        max_bytes=settings.ops.log_max_bytes,
        backups=settings.ops.log_backups,
    )
    check_model()
    supervisor = Supervisor(settings, echo_logs=not terminal_mode)
    env = child_environment(settings)

    # Migrate before anyone touches the database (the action server writes too).
    from bot.storage.db import migrate

    migrate(settings.database_url)

    def _terminate(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        print("De Join us-assistent start op (Rasa laadt het model, dat duurt even)…", flush=True)
        for service in engine_services(settings):
            supervisor.start(service, env)
        supervisor.wait_healthy()
        if terminal_mode:
            from bot.terminal import run_terminal

            return run_terminal(settings, supervisor)
        supervisor.start(Service("bot", [sys.executable, "-m", "bot.telegram"], ""), env)
        print("Telegram-bot draait. Stoppen: Ctrl-C.", flush=True)
        while (dead := supervisor.dead()) is None:
            time.sleep(0.5)
        print(
            f"{dead.name} stopped (exit {dead.process.returncode if dead.process else '?'}); stopping all."
        )
        return 1
    except KeyboardInterrupt:
        print("\nStoppen…", flush=True)
        return 0
    except RuntimeError as exc:
        print(f"Start-up failed: {exc}", file=sys.stderr)
        return 1
    finally:
        supervisor.stop_all()


if __name__ == "__main__":
    sys.exit(main())
