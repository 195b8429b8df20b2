"""Settings: read from the environment once, typed, with defaults; secrets are never printed.

Every variable is documented in the README's settings table; keep the two in step.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bot.core.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _on_off(env: Mapping[str, str], name: str) -> bool | None:
    raw = env.get(name, "").strip().lower()
    if raw in {"", "auto"}:
        return None
    if raw in {"on", "1", "true", "yes"}:
        return True
    if raw in {"off", "0", "false", "no"}:
        return False
    raise ConfigError(f"{name} must be on, off or auto, got {raw!r}")


def _int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None


def _float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        return float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None


def _int_set(env: Mapping[str, str], name: str) -> frozenset[int]:
    raw = env.get(name, "").strip()
    if not raw:
        return frozenset()
    try:
        return frozenset(int(part) for part in raw.replace(";", ",").split(",") if part.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a comma-separated list of Telegram user ids") from None


def _optional_int(env: Mapping[str, str], name: str) -> int | None:
    raw = env.get(name, "").strip()
    return _int(env, name, 0) if raw else None


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _clock_time(env: Mapping[str, str], name: str, default: str) -> time:
    raw = env.get(name, "").strip() or default
    try:
        hour, minute = raw.split(":")
        return time(int(hour), int(minute))
    except ValueError:
        raise ConfigError(f"{name} must be a time like 08:00, got {raw!r}") from None


def _window(env: Mapping[str, str], name: str, default: str) -> tuple[time, time] | None:
    """A daily window "HH:MM-HH:MM" (may cross midnight); "off" or "-" disables it."""
    raw = env.get(name, "").strip() or default
    if raw.lower() in {"off", "-", "none", "geen"}:
        return None
    start, sep, end = raw.partition("-")
    if not sep:
        raise ConfigError(f"{name} must look like 22:00-08:00 or 'off', got {raw!r}")
    return (_clock_time({name: start}, name, start), _clock_time({name: end}, name, end))


@dataclass(frozen=True)
class AmbassadorSettings:
    """Reminders for ambassadors and the weekly coach summary (all times are local, TIMEZONE)."""

    reminder_days: tuple[int, ...] = (3, 0)
    reminder_time: time = time(8, 0)
    overdue_days: int = 1
    quiet_hours: tuple[time, time] | None = (time(22, 0), time(8, 0))
    school_hours: tuple[time, time] | None = (time(8, 30), time(15, 30))
    grace_hours: int = 24
    invite_days: int = 30
    summary_weekday: int = 1
    summary_time: time = time(9, 0)
    scan_seconds: int = 60


def _ambassador_settings(env: Mapping[str, str]) -> AmbassadorSettings:
    raw_days = env.get("AMBASSADOR_REMINDER_DAYS", "").strip() or "3,0"
    try:
        days = tuple(sorted({int(d) for d in raw_days.split(",") if d.strip()}, reverse=True))
    except ValueError:
        raise ConfigError("AMBASSADOR_REMINDER_DAYS must be a list like 3,0") from None
    weekday = _int(env, "COACH_SUMMARY_WEEKDAY", 1)
    if not 1 <= weekday <= 7 or any(d < 0 for d in days):
        raise ConfigError("COACH_SUMMARY_WEEKDAY must be 1-7, AMBASSADOR_REMINDER_DAYS >= 0")
    return AmbassadorSettings(
        reminder_days=days,
        reminder_time=_clock_time(env, "AMBASSADOR_REMINDER_TIME", "08:00"),
        overdue_days=_int(env, "AMBASSADOR_OVERDUE_DAYS", 1),
        quiet_hours=_window(env, "AMBASSADOR_QUIET_HOURS", "22:00-08:00"),
        school_hours=_window(env, "AMBASSADOR_SCHOOL_HOURS", "08:30-15:30"),
        grace_hours=_int(env, "AMBASSADOR_GRACE_HOURS", 24),
        invite_days=_int(env, "AMBASSADOR_INVITE_DAYS", 30),
        summary_weekday=weekday,
        summary_time=_clock_time(env, "COACH_SUMMARY_TIME", "09:00"),
        scan_seconds=max(5, _int(env, "AMBASSADOR_SCAN_SECONDS", 60)),
    )


LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


@dataclass(frozen=True)
class SecuritySettings:
    """Issue 11: where keys live, old keys for rotation, engine exposure, code guessing limits."""

    secrets_dir: Path | None = None  # None: <data dir>/secrets
    old_encryption_keys: tuple[str, ...] = field(default=(), repr=False)
    engine_allow_public: bool = False
    action_server_host: str = "127.0.0.1"
    referral_code_days: int = 30
    code_failures_per_person: int = 5  # wrong parent/referral codes per person per hour
    code_failures_global: int = 200  # wrong codes per hour from everyone together
    rasa_auth_token: str | None = field(default=None, repr=False)  # Rasa HTTP API token


def _security_settings(env: Mapping[str, str], rasa_url: str) -> SecuritySettings:
    raw_dir = env.get("SECRETS_DIR", "").strip()
    allow_public = env.get("ENGINE_ALLOW_PUBLIC", "").strip().lower() in {"1", "true", "yes", "ja"}
    action_host = env.get("ACTION_SERVER_HOST", "").strip() or "127.0.0.1"
    rasa_host = (urlsplit(rasa_url).hostname or "").lower()
    if not allow_public:
        # The engine has no authentication on its REST channel and the action server none at
        # all: they listen on loopback only, unless an operator explicitly says otherwise.
        if rasa_host not in LOOPBACK_HOSTS:
            raise ConfigError("RASA_URL must be a loopback address (or set ENGINE_ALLOW_PUBLIC=1)")
        if action_host not in LOOPBACK_HOSTS:
            raise ConfigError(
                "ACTION_SERVER_HOST must be a loopback address (or set ENGINE_ALLOW_PUBLIC=1)"
            )
    old_keys = tuple(
        k.strip() for k in env.get("OLD_ENCRYPTION_KEYS", "").split(",") if k.strip()
    )
    return SecuritySettings(
        secrets_dir=Path(raw_dir).resolve() if raw_dir else None,
        old_encryption_keys=old_keys,
        engine_allow_public=allow_public,
        action_server_host=action_host,
        referral_code_days=max(1, _int(env, "REFERRAL_CODE_DAYS", 30)),
        code_failures_per_person=max(1, _int(env, "CODE_FAILURES_PER_PERSON", 5)),
        code_failures_global=max(1, _int(env, "CODE_FAILURES_GLOBAL", 200)),
        rasa_auth_token=env.get("RASA_AUTH_TOKEN", "").strip() or None,
    )


@dataclass(frozen=True)
class ConsoleSettings:
    """The staff console (bot/console): where it listens, its public address, session limits."""

    listen: str = "127.0.0.1"
    port: int = 8090
    # Public https address behind a reverse proxy; enables Telegram's "Console openen" button
    # and Secure cookies. Without it login links point at http://listen:port.
    url: str | None = None
    session_hours: int = 12
    login_minutes: int = 10
    initdata_max_age: int = 3600

    @property
    def base_url(self) -> str:
        return (self.url or f"http://{self.listen}:{self.port}").rstrip("/")

    @property
    def secure(self) -> bool:
        return self.base_url.startswith("https://")


def _console_settings(env: Mapping[str, str]) -> ConsoleSettings:
    url = env.get("CONSOLE_URL", "").strip().rstrip("/") or None
    if url and not url.startswith(("https://", "http://")):
        raise ConfigError("CONSOLE_URL must start with https:// (or http:// for a local test)")
    return ConsoleSettings(
        listen=env.get("CONSOLE_LISTEN", "").strip() or "127.0.0.1",
        port=_int(env, "CONSOLE_PORT", 8090),
        url=url,
        session_hours=max(1, _int(env, "CONSOLE_SESSION_HOURS", 12)),
        login_minutes=max(1, _int(env, "CONSOLE_LOGIN_MINUTES", 10)),
        initdata_max_age=max(60, _int(env, "CONSOLE_INITDATA_MAX_AGE", 3600)),
    )


@dataclass(frozen=True)
class OpsSettings:
    """Health and metrics endpoints, admin alerts, log files and backups."""

    metrics_listen: str = "127.0.0.1"
    metrics_port: int = 9464  # 0 = no health/metrics server in the bot process
    ready_outbox_max_age: int = 900
    db_alert_minutes: int = 30
    log_format: str = "text"
    log_max_bytes: int = 10 * 1024 * 1024
    log_backups: int = 5
    backup_passphrase: str | None = field(default=None, repr=False)


def _ops_settings(env: Mapping[str, str]) -> OpsSettings:
    log_format = (env.get("LOG_FORMAT", "").strip() or "text").lower()
    if log_format not in {"text", "json"}:
        raise ConfigError("LOG_FORMAT must be 'text' or 'json'")
    port = _int(env, "METRICS_PORT", 9464)
    if not 0 <= port <= 65535:
        raise ConfigError("METRICS_PORT must be 0 (off) or a port number")
    return OpsSettings(
        metrics_listen=env.get("METRICS_LISTEN", "").strip() or "127.0.0.1",
        metrics_port=port,
        ready_outbox_max_age=max(1, _int(env, "READY_OUTBOX_MAX_AGE", 900)),
        db_alert_minutes=max(1, _int(env, "DB_ALERT_MINUTES", 30)),
        log_format=log_format,
        log_max_bytes=max(0, _int(env, "LOG_MAX_BYTES", 10 * 1024 * 1024)),
        log_backups=max(0, _int(env, "LOG_BACKUPS", 5)),
        backup_passphrase=env.get("BACKUP_PASSPHRASE", "") or None,
    )


@dataclass(frozen=True)
class Settings:
    """All configuration of the assistant; build it with :func:`load_settings`."""

    data_dir: Path
    database_url: str
    tracker_store_url: str
    rasa_url: str
    rasa_timeout: float
    action_server_port: int
    action_server_url: str
    telegram_token: str | None = field(repr=False)
    telegram_base_url: str
    telegram_mode: str
    webhook_url: str | None
    webhook_listen: str
    webhook_port: int
    webhook_secret: str | None = field(repr=False)
    pseudonym_secret: str | None = field(repr=False)
    encryption_key: str | None = field(repr=False)
    facts_file: Path
    log_level: str
    admin_ids: frozenset[int]
    staff_chat_id: int | None
    conversation_retention_days: int
    lead_retention_days: int
    timezone: str
    ambassadors: AmbassadorSettings = field(default_factory=AmbassadorSettings)
    # Leads: an unclaimed lead is re-announced after this many weekday hours (24 = one working
    # day); a parent code of an under-16 lead and a staff invite link expire after these times.
    lead_reannounce_hours: int = 24
    parent_code_days: int = 7
    staff_invite_hours: int = 48
    console: ConsoleSettings = field(default_factory=ConsoleSettings)
    # The bot's @username for t.me links from the console; else asked from Telegram (getMe).
    bot_username: str | None = None
    # Scale-out (issue 12): N engine servers with N action servers on consecutive ports; with
    # REDIS_URL, Rasa's Redis lock store keeps one conversation's turns in order across them.
    rasa_instances: int = 1
    redis_url: str | None = field(default=None, repr=False)

    @property
    def rasa_urls(self) -> list[str]:
        """RASA_URL, then the next ports: one URL per engine instance."""
        parts = urlsplit(self.rasa_url)
        port = parts.port or 5005
        return [
            urlunsplit(parts._replace(netloc=f"{parts.hostname}:{port + i}"))
            for i in range(self.rasa_instances)
        ]

    @property
    def action_server_ports(self) -> list[int]:
        return [self.action_server_port + i for i in range(self.rasa_instances)]
    # Supervisor: restart a dead child with backoff (True), or stop everything (False); None
    # means "on for the Telegram bot, off for the terminal chat" (SUPERVISOR_RESTART).
    supervisor_restart: bool | None = None
    # Operations (issue 15): health/metrics server, readiness, admin alerts, logs, backups.
    ops: OpsSettings = field(default_factory=OpsSettings)
    security: SecuritySettings = field(default_factory=lambda: SecuritySettings())

    @property
    def secrets_dir(self) -> Path:
        return self.security.secrets_dir or self.data_dir / "secrets"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "log"

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def staff_recipients(self) -> list[int]:
        """Where messages for Join us staff go: the staff group, else each admin privately,
        so that nothing waits unseen when no group is configured."""
        if self.staff_chat_id is not None:
            return [self.staff_chat_id]
        return sorted(self.admin_ids)


def _tracker_url_from(database_url: str, data_dir: Path) -> str:
    """Rasa (SQLAlchemy 1.4, psycopg2) gets its own SQLite file, or the same PostgreSQL database."""
    if database_url.startswith("sqlite"):
        return _sqlite_url(data_dir / "rasa_tracker.db")
    scheme, rest = database_url.split("://", 1)
    return "postgresql://" + rest if scheme.startswith("postgres") else database_url


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read every setting from ``environ`` (default: the process environment)."""
    env = os.environ if environ is None else environ
    data_dir = Path(env.get("JOINUS_DATA_DIR", "") or PROJECT_ROOT / "var").resolve()
    database_url = env.get("DATABASE_URL", "").strip() or _sqlite_url(data_dir / "joinus.db")
    if database_url.startswith("postgres://"):
        database_url = "postgresql://" + database_url.removeprefix("postgres://")
    if not (database_url.startswith("sqlite") or database_url.startswith("postgresql")):
        raise ConfigError("DATABASE_URL must be a sqlite:/// or postgresql:// URL")
    mode = env.get("TELEGRAM_MODE", "polling").strip().lower() or "polling"
    if mode not in {"polling", "webhook"}:
        raise ConfigError("TELEGRAM_MODE must be 'polling' or 'webhook'")
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip() or None
    webhook_url = env.get("WEBHOOK_URL", "").strip() or None
    webhook_secret = env.get("WEBHOOK_SECRET", "").strip() or None
    if token and mode == "webhook" and not (webhook_url and webhook_secret):
        raise ConfigError("TELEGRAM_MODE=webhook needs WEBHOOK_URL and WEBHOOK_SECRET")
    action_port = _int(env, "ACTION_SERVER_PORT", 5055)
    instances = _int(env, "RASA_INSTANCES", 1)
    if not 1 <= instances <= 16:
        raise ConfigError(f"RASA_INSTANCES must be 1-16, got {instances}")
    redis_url = env.get("REDIS_URL", "").strip() or None
    if redis_url and not redis_url.startswith(("redis://", "rediss://")):
        raise ConfigError("REDIS_URL must be a redis:// or rediss:// URL")
    rasa_url = (env.get("RASA_URL", "").strip() or "http://127.0.0.1:5005").rstrip("/")
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        tracker_store_url=env.get("TRACKER_STORE_URL", "").strip()
        or _tracker_url_from(database_url, data_dir),
        rasa_url=rasa_url,
        rasa_timeout=_float(env, "RASA_TIMEOUT", 6.0),
        action_server_port=action_port,
        action_server_url=env.get("ACTION_SERVER_URL", "").strip()
        or f"http://127.0.0.1:{action_port}/webhook",
        telegram_token=token,
        telegram_base_url=env.get("TELEGRAM_BASE_URL", "").strip()
        or "https://api.telegram.org/bot",
        telegram_mode=mode,
        webhook_url=webhook_url,
        webhook_listen=env.get("WEBHOOK_LISTEN", "").strip() or "127.0.0.1",
        webhook_port=_int(env, "WEBHOOK_PORT", 8443),
        webhook_secret=webhook_secret,
        pseudonym_secret=env.get("PSEUDONYM_SECRET", "").strip() or None,
        encryption_key=env.get("ENCRYPTION_KEY", "").strip() or None,
        facts_file=Path(env.get("FACTS_FILE", "") or PROJECT_ROOT / "content" / "facts.yml"),
        log_level=(env.get("LOG_LEVEL", "").strip() or "INFO").upper(),
        admin_ids=_int_set(env, "ADMIN_TELEGRAM_IDS"),
        staff_chat_id=_optional_int(env, "STAFF_CHAT_ID"),
        conversation_retention_days=_int(env, "CONVERSATION_RETENTION_DAYS", 30),
        lead_retention_days=_int(env, "LEAD_RETENTION_DAYS", 90),
        timezone=env.get("TIMEZONE", "").strip() or "Europe/Amsterdam",
        ambassadors=_ambassador_settings(env),
        lead_reannounce_hours=max(1, _int(env, "LEAD_REANNOUNCE_HOURS", 24)),
        parent_code_days=max(1, _int(env, "PARENT_CODE_DAYS", 7)),
        staff_invite_hours=max(1, _int(env, "STAFF_INVITE_HOURS", 48)),
        console=_console_settings(env),
        bot_username=env.get("TELEGRAM_BOT_USERNAME", "").strip().lstrip("@") or None,
        rasa_instances=instances,
        redis_url=redis_url,
        supervisor_restart=_on_off(env, "SUPERVISOR_RESTART"),
        ops=_ops_settings(env),
        security=_security_settings(env, rasa_url),
    )
