"""`make run`: start Rasa, the action server and the bot; wait until healthy; keep them up.

Rasa (Python 3.10 venv) and the action server are children of this process. With a Telegram
token the bot is a third child; without one the terminal chat runs here in the foreground.

In production mode (``SUPERVISOR_RESTART``, on by default for the Telegram bot) a child that
dies is restarted with exponential backoff; when it keeps dying, admins are told in Telegram
(through the outbox), and after too many deaths in a window the supervisor gives up with a
clear message. Otherwise (the terminal chat, or ``SUPERVISOR_RESTART=off``) one dead child
stops everything.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO
from urllib.parse import unquote, urlsplit

from bot.core.settings import (
    ENV_FILE_VARIABLE,
    PROJECT_ROOT,
    Settings,
    environment_source,
    setting_names,
)
from bot.ops import texts

RASA_BIN = PROJECT_ROOT / ".venv-rasa" / "bin" / "rasa"
RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"
MODEL_DIR = PROJECT_ROOT / "models"
STARTUP_TIMEOUT = 240.0  # Rasa imports TensorFlow and loads the model: ~20-60 s on 2 cores


@dataclass(frozen=True)
class RestartPolicy:
    """Backoff 1, 2, 4 ... seconds (capped) per death within ``window``; give up at ``max_deaths``."""

    base: float = 1.0
    cap: float = 60.0
    window: float = 600.0
    max_deaths: int = 5
    # Admins are told from this many deaths within the window (one death is routine).
    alert_from: int = 2
    # A child with a health URL that was healthy and then stops answering for this long is
    # hung (e.g. Rasa stuck): it is killed and so restarted. 0 switches the watchdog off.
    hang_after: float = 120.0
    health_every: float = 10.0

    def delay(self, deaths: int) -> float:
        return float(min(self.cap, self.base * (2 ** max(0, deaths - 1))))


def _http_ok(url: str, predicate: Callable[[bytes], bool] = lambda _: True) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200 and predicate(response.read()))
    except (urllib.error.URLError, OSError, ValueError):
        return False


# What every child may see of our own environment: the OS basics, never our secrets.
_BASE_ENV = ("PATH", "HOME", "LANG", "LANGUAGE", "TZ", "TMPDIR", "USER", "LOGNAME", "SHELL")
_BASE_PREFIXES = ("LC_",)
# Rasa and the action server never see the bot's Telegram token, webhook secret or pseudonym key.
_BOT_ONLY = frozenset(
    {
        "TELEGRAM_BOT_TOKEN",
        "TELEGRAM_BASE_URL",
        "TELEGRAM_MODE",
        "WEBHOOK_URL",
        "WEBHOOK_SECRET",
        "WEBHOOK_LISTEN",
        "WEBHOOK_PORT",
        "PSEUDONYM_SECRET",
        "RASA_AUTH_TOKEN",
    }
)
# Backups run as their own command (make backup, a systemd timer), never as a child.
_NO_CHILD = frozenset({"BACKUP_PASSPHRASE"})
_PROXY = ("HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy")
# Per start a random token for Rasa's HTTP API (/status for our health check); the REST
# channel the bot posts to is not part of that API. An operator may fix it with RASA_AUTH_TOKEN.
RASA_API_TOKEN = environment_source().get("RASA_AUTH_TOKEN", "").strip() or secrets.token_urlsafe(
    32
)
# Rasa reads --auth-token only from its command line, where every local user could read it in
# /proc; this launcher takes it from the environment instead (and removes it from there).
# It also applies engine/rasa_server.py's speed fix (Rasa's action-response check, built once).
_RASA_LAUNCHER = (
    "import os, sys; sys.path.insert(0, os.path.join(os.getcwd(), 'engine')); "
    "import rasa_server; rasa_server.install(); from rasa.__main__ import main; "
    "sys.argv = ['rasa', *sys.argv[1:], '--auth-token', os.environ.pop('RASA_AUTH_TOKEN')]; "
    "main()"
)


def child_environment(settings: Settings, role: str = "bot") -> dict[str, str]:
    """The environment of one child, built from an allow-list (``role``: rasa, actions, bot).

    rasa: only what endpoints.yml substitutes (action server URL, tracker store URL) and the
    API token; actions: our settings minus the bot's secrets (it needs the database, the
    encryption key and where staff messages go); bot: our settings.
    """
    # The process environment over the .env file; the children read no file themselves
    # (JOINUS_ENV_FILE=off below), so each gets only its allow-listed share of it.
    source = environment_source()
    env = {k: v for k, v in source.items() if k in _BASE_ENV or k.startswith(_BASE_PREFIXES)}
    env[ENV_FILE_VARIABLE] = "off"
    env.update(
        ACTION_SERVER_URL=settings.action_server_url,
        TRACKER_STORE_URL=settings.tracker_store_url,
        RASA_TELEMETRY_ENABLED="false",
        PYTHONUNBUFFERED="1",
        TF_CPP_MIN_LOG_LEVEL="2",
        PYTHONWARNINGS=source.get("PYTHONWARNINGS", "ignore"),
        LOG_LEVEL=settings.log_level,
    )
    if role == "rasa":
        env["RASA_AUTH_TOKEN"] = RASA_API_TOKEN
        if settings.redis_url:  # the lock store's credentials, read by the generated endpoints
            redis = urlsplit(settings.redis_url)
            env.update(
                JOINUS_REDIS_USERNAME=unquote(redis.username or ""),
                JOINUS_REDIS_PASSWORD=unquote(redis.password or ""),
            )
        return env
    ours = setting_names() - _NO_CHILD - (_BOT_ONLY if role == "actions" else frozenset())
    env.update({k: v for k, v in source.items() if k in ours})
    env.update(
        JOINUS_DATA_DIR=str(settings.data_dir),
        DATABASE_URL=settings.database_url,
        SECRETS_DIR=str(settings.secrets_dir),
        SANIC_HOST=settings.security.action_server_host,  # rasa-sdk binds 0.0.0.0 otherwise
        PYTHONPATH=str(PROJECT_ROOT),
    )
    if role == "bot":
        env.update({k: v for k, v in source.items() if k in _PROXY})
        env["RASA_AUTH_TOKEN"] = RASA_API_TOKEN  # its readiness check asks Rasa's /status
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
    # Per-instance additions when built (engine pairs: their own ACTION_SERVER_URL); start()
    # merges them over the shared environment and keeps the result for restarts.
    env: dict[str, str] = field(default_factory=dict, repr=False)
    # Asked once when healthy, before the service counts as ready (see warm_up()).
    warm_up_url: str | None = None
    deaths: deque[float] = field(default_factory=deque)  # monotonic times within the window
    restart_at: float | None = None
    restarts: int = 0
    # Watchdog state: healthy at least once since the last (re)start, and since when not.
    seen_healthy: bool = False
    unhealthy_since: float | None = None
    checked_at: float = 0.0

    @property
    def role(self) -> str:
        """rasa, actions or bot: what child_environment() gives it ("rasa-2" is a rasa)."""
        return self.name.split("-", 1)[0]

    def healthy(self) -> bool:
        return _http_ok(self.health_url, self.health_check)

    def warm_up(self) -> None:
        """Rasa builds its TensorFlow graphs on the first message (seconds on 2 busy cores, more
        than RASA_TIMEOUT): parse one message here so the first person gets a real answer.
        ``/model/parse`` runs NLU only and stores no conversation."""
        if self.warm_up_url is None:
            return
        body = json.dumps({"text": "hoi, wanneer zijn de avonden?"}).encode()
        request = urllib.request.Request(
            self.warm_up_url, data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=120):
                pass
        except (urllib.error.URLError, OSError):
            pass  # the first real turn simply pays for it


def endpoints_file(settings: Settings) -> Path:
    """endpoints.yml, plus Rasa's Redis lock store when REDIS_URL is set.

    Rasa cannot leave a lock store out through ${...} substitution (an empty type is read as a
    module path), so with Redis the supervisor writes a copy with the lock store into the data
    dir; without it the project's file is used unchanged (in-memory locks, one engine).
    """
    base = PROJECT_ROOT / "endpoints.yml"
    if not settings.redis_url:
        return base
    redis = urlsplit(settings.redis_url)
    db = (redis.path or "/").lstrip("/") or "1"
    lines = [
        "",
        "# Added by the supervisor because REDIS_URL is set: one conversation's turns are",
        "# processed one at a time across every engine instance.",
        "lock_store:",
        "  type: redis",
        f"  url: {redis.hostname or '127.0.0.1'}",
        f"  port: {redis.port or 6379}",
        f"  db: {db}",
        "  key_prefix: joinus",
    ]
    if redis.username:
        lines.append("  username: ${JOINUS_REDIS_USERNAME}")
    if redis.password:
        lines.append("  password: ${JOINUS_REDIS_PASSWORD}")  # from the child's env, not on disk
    if redis.scheme == "rediss":
        lines.append("  use_ssl: true")
    path = settings.data_dir / "endpoints.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(base.read_text() + "\n".join(lines) + "\n")
    return path


def engine_services(settings: Settings) -> list[Service]:
    """One action server and one Rasa server per instance (RASA_INSTANCES), on consecutive ports."""
    endpoints = endpoints_file(settings)
    services: list[Service] = []
    for index, (rasa_url, action_port) in enumerate(
        zip(settings.rasa_urls, settings.action_server_ports, strict=True)
    ):
        suffix = "" if settings.rasa_instances == 1 else f"-{index + 1}"
        rasa = urlsplit(rasa_url)
        action_url = (
            settings.action_server_url if index == 0 else f"http://127.0.0.1:{action_port}/webhook"
        )
        services.append(
            Service(
                f"actions{suffix}",
                [
                    sys.executable,
                    "-m",
                    "bot.ops.action_server",  # rasa-sdk's server plus /healthz, /readyz, /metrics
                    "--actions",
                    "actions",
                    "--port",
                    str(action_port),
                ],
                f"http://127.0.0.1:{action_port}/health",
            )
        )
        services.append(
            Service(
                f"rasa{suffix}",
                [
                    str(RASA_PYTHON),
                    "-c",
                    _RASA_LAUNCHER,
                    "run",
                    "--enable-api",
                    "--interface",
                    rasa.hostname or "127.0.0.1",
                    "--port",
                    str(rasa.port or 5005),
                    "--model",
                    str(MODEL_DIR),
                    "--endpoints",
                    str(endpoints),
                    "--credentials",
                    "credentials.yml",
                ],
                f"{rasa_url}/status?token={RASA_API_TOKEN}",
                lambda body: (
                    b'"model_file"' in body and b'"model_file":null' not in body.replace(b" ", b"")
                ),
                env={"ACTION_SERVER_URL": action_url},
                warm_up_url=f"{rasa_url}/model/parse?token={RASA_API_TOKEN}",
            )
        )
    return services


def prepare_tracker_store(settings: Settings) -> None:
    """Put Rasa's SQLite tracker file in WAL mode before Rasa opens it (the mode is stored in the
    file). Rasa commits every turn; in the default rollback-journal mode each commit costs
    several fsyncs on the engine's event loop, in WAL one. PostgreSQL needs nothing here."""
    url = settings.tracker_store_url
    if not url.startswith("sqlite:///"):
        return
    path = Path(url.removeprefix("sqlite:///"))
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path, timeout=30)) as connection:
        connection.execute("PRAGMA journal_mode=WAL")


def console_service(settings: Settings) -> Service:
    """The staff console (bot/console): a fourth process, on CONSOLE_LISTEN:CONSOLE_PORT."""
    host = (
        settings.console.listen if settings.console.listen not in ("0.0.0.0", "::") else "127.0.0.1"
    )
    return Service(
        "console",
        [sys.executable, "-m", "bot.console"],
        f"http://{host}:{settings.console.port}/healthz",
    )


class Supervisor:
    """Owns the child processes; if one dies, all stop."""

    def __init__(self, settings: Settings, *, echo_logs: bool) -> None:
        self.settings = settings
        self.echo_logs = echo_logs
        self.services: list[Service] = []
        self._stopping = threading.Event()
        settings.log_dir.mkdir(parents=True, exist_ok=True)

    def _pump(self, service: Service, stream: IO[bytes]) -> None:
        from bot.core.logging_setup import RotatingWriter

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
        service.env = {**env, **service.env}
        self._spawn(service)
        self.services.append(service)

    def _spawn(self, service: Service) -> None:
        service.seen_healthy, service.unhealthy_since = False, None
        service.process = subprocess.Popen(
            service.argv,
            cwd=PROJECT_ROOT,
            env=service.env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches us only; we stop children in order
        )
        assert service.process.stdout is not None
        service.pump = threading.Thread(
            target=self._pump, args=(service, service.process.stdout), daemon=True
        )
        service.pump.start()

    def dead(self) -> Service | None:
        return next(
            (
                s
                for s in self.services
                if s.process and s.process.poll() is not None and s.restart_at is None
            ),
            None,
        )

    def keep_running(
        self,
        policy: RestartPolicy | None,
        *,
        notify: Callable[[Service, str, bool], None] = lambda _s, _t, _f: None,
        poll: float = 0.5,
        say: Callable[[str], None] = print,
    ) -> Service:
        """Watch the children until one dies for good; returns it (then stop_all()).

        Without a policy the first death is final. With one, a dead child is restarted after
        ``policy.delay(deaths)``; ``notify(service, text, final)`` is called (for admins) from
        ``policy.alert_from`` deaths within the window, and the child is given up on at
        ``policy.max_deaths``.
        """
        while not self._stopping.is_set():
            now = time.monotonic()
            for service in self.services:
                if service.restart_at is not None:
                    if now >= service.restart_at and not self._stopping.is_set():
                        service.restart_at = None
                        service.restarts += 1
                        say(f"{service.name} wordt opnieuw gestart (poging {service.restarts}).")
                        self._spawn(service)
                    continue
                if service.process is None:
                    continue
                if service.process.poll() is None:
                    if policy is not None and policy.hang_after > 0:
                        self._watch(service, policy, now, say)
                    continue
                code = service.process.returncode
                _kill_group(service)  # orphans (Sanic's worker) would keep the port busy
                if policy is None:
                    say(f"{service.name} stopped (exit {code}); stopping all.")
                    return service
                while service.deaths and now - service.deaths[0] > policy.window:
                    service.deaths.popleft()
                service.deaths.append(now)
                deaths = len(service.deaths)
                minutes = policy.window / 60
                if deaths >= policy.max_deaths:
                    text = texts.CHILD_GIVE_UP.format(
                        name=service.name,
                        deaths=deaths,
                        minutes=f"{minutes:.0f}",
                        code=code,
                        log=self.settings.log_dir / (service.name + ".log"),
                    )
                    say(text)
                    notify(service, text, True)
                    return service
                delay = policy.delay(deaths)
                say(f"{service.name} stopped (exit {code}); restart in {delay:.0f} s.")
                if deaths >= policy.alert_from:
                    notify(
                        service,
                        texts.CHILD_KEEPS_DYING.format(
                            name=service.name,
                            deaths=deaths,
                            minutes=f"{minutes:.0f}",
                            code=code,
                            max=policy.max_deaths,
                        ),
                        False,
                    )
                service.restart_at = now + delay
            time.sleep(poll)
        return self.services[0]

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
                    service.warm_up()
                    progress(texts.CHILD_READY.format(name=service.name))
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
            _kill_group(service)

    def _watch(
        self, service: Service, policy: RestartPolicy, now: float, say: Callable[[str], None]
    ) -> None:
        """Kill a child that answered its health check before and has not for hang_after s."""
        if not service.health_url or now - service.checked_at < policy.health_every:
            return
        service.checked_at = now
        if service.healthy():
            service.seen_healthy, service.unhealthy_since = True, None
            return
        if not service.seen_healthy:
            return  # still starting (Rasa loads its model for a minute or two)
        if service.unhealthy_since is None:
            service.unhealthy_since = now
        elif now - service.unhealthy_since >= policy.hang_after:
            say(texts.CHILD_HANGS.format(name=service.name, seconds=f"{policy.hang_after:.0f}"))
            _kill_group(service)  # the next pass sees it dead and restarts it


def _kill_group(service: Service) -> None:
    """SIGKILL what is left of a dead child's process group (each child leads its own)."""
    if service.process is None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(service.process.pid, signal.SIGKILL)


def admin_notifier(settings: Settings) -> Callable[[Service, str, bool], None]:
    """Tell admins through the outbox (the bot delivers it, also after its own restart)."""
    from bot.core.crypto import Cipher
    from bot.ops.admin_alerts import QueuedAdminAlerts
    from bot.storage.db import Database

    alerts = QueuedAdminAlerts(
        Database(settings.database_url), Cipher.from_settings(settings), settings.admin_ids
    )

    def notify(service: Service, text: str, final: bool) -> None:
        alerts.send(f"child-{service.name}" + ("-gave-up" if final else ""), text)

    return notify


def check_model() -> None:
    if not RASA_BIN.exists():
        sys.exit("The Rasa environment is missing: run `make setup` (or simply `make run`).")
    if not any(MODEL_DIR.glob("*.tar.gz")):
        sys.exit("No trained model in models/: run `make train` (or simply `make run`).")


def main() -> int:
    from bot.core.hardening import private_files, secure_data_dir
    from bot.core.logging_setup import configure_logging
    from bot.core.settings import load_settings

    private_files()  # before any file exists; the children inherit the umask
    settings = load_settings()
    secure_data_dir(settings)
    terminal_mode = not settings.telegram_token
    configure_logging(
        settings.log_level,
        file=settings.log_dir / "bot.log" if terminal_mode else None,
        fmt=settings.ops.log_format,
        max_bytes=settings.ops.log_max_bytes,
        backups=settings.ops.log_backups,
    )
    check_model()
    if terminal_mode:  # the chat runs in this process: its safety model loads while Rasa starts
        from bot.safety import warm_up_in_background

        warm_up_in_background()
    supervisor = Supervisor(settings, echo_logs=not terminal_mode)

    # Migrate before anyone touches the database (the action server writes too).
    from bot.storage.db import migrate

    migrate(settings.database_url)
    prepare_tracker_store(settings)

    def _terminate(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, _terminate)
    try:
        print(texts.STARTING, flush=True)
        for service in engine_services(settings):
            supervisor.start(service, child_environment(settings, service.role))
        supervisor.wait_healthy()
        if terminal_mode:
            from bot.ops.terminal import run_terminal

            return run_terminal(settings, supervisor)
        supervisor.start(
            Service("bot", [sys.executable, "-m", "bot.telegram"], ""),
            child_environment(settings, "bot"),
        )
        # The staff console (issue 14): our settings (it checks Mini App sign-ins with the bot
        # token), no Rasa token.
        supervisor.start(console_service(settings), child_environment(settings, "console"))
        print("Telegram-bot draait. Stoppen: Ctrl-C.", flush=True)
        restart = settings.supervisor_restart is not False  # default on for the Telegram bot
        supervisor.keep_running(
            RestartPolicy() if restart else None,
            notify=admin_notifier(settings),
            say=lambda line: print(line, flush=True),
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
