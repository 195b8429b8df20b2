"""Settings: one typed model of the environment (pydantic-settings), read once; secrets never printed.

:class:`Environment` names every variable, its type, default and check. It reads the process
environment and the project's ``.env`` file (the environment wins; an empty value means "use the
default"); ``JOINUS_ENV_FILE`` names another file, or ``off`` for none. A bad value stops the
start with one line per variable ("RASA_TIMEOUT must be a number, got 'soon'"), never with
the value of a secret. :func:`load_settings` turns it into :class:`Settings`, the grouped,
derived view the code uses (the database URL from the data directory, and so on).

Every variable is documented in .env.example and the README's settings table; keep the three
in step (tests/unit/test_deploy.py checks it).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from datetime import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, TypeVar
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    SecretStr,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, PydanticUseDefault
from pydantic_settings import (
    BaseSettings,
    DotEnvSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

from bot.core.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Read from the process environment only (it says which file to read): a path, or "off".
ENV_FILE_VARIABLE = "JOINUS_ENV_FILE"
OFF = frozenset({"off", "none", "-", "geen"})

Window = tuple[time, time]

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    _Group = TypeVar("_Group", bound=DataclassInstance)
else:
    _Group = TypeVar("_Group")


# ------------------------------------------------------------------ the values' own checks
# A ValueError's text follows the variable's name in the error ("X must be ...").


def _blank_is_default(value: Any) -> Any:
    """An empty (or blank) value means the default, as "VAR=" in .env.example says."""
    if isinstance(value, str) and not value.strip():
        raise PydanticUseDefault
    return value.strip() if isinstance(value, str) else value


def _at_least(low: int) -> Callable[[int], int]:
    """Too small is taken as the smallest sensible value (as before: no error)."""
    return lambda value: max(low, value)


def _between(low: int, high: int, message: str) -> Callable[[int], int]:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise ValueError(message.format(value=value))
        return value

    return check


def _choice(*allowed: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        value = value.lower()
        if value not in allowed:
            raise ValueError("must be " + " or ".join(repr(a) for a in allowed))
        return value

    return check


def _clock_time(value: Any) -> time:
    if isinstance(value, time):
        return value
    try:
        hour, minute = str(value).split(":")
        return time(int(hour), int(minute))
    except ValueError:
        raise ValueError(f"must be a time like 08:00, got {value!r}") from None


def _window(value: Any) -> Window | None:
    """A daily window "HH:MM-HH:MM" (may cross midnight); "off" or "-" disables it."""
    if value is None or isinstance(value, tuple):
        return value
    raw = str(value)
    if raw.lower() in OFF:
        return None
    start, sep, end = raw.partition("-")
    if not sep:
        raise ValueError(f"must look like 22:00-08:00 or 'off', got {raw!r}")
    return (_clock_time(start), _clock_time(end))


def _day_list(value: Any) -> tuple[int, ...]:
    if isinstance(value, tuple):
        return value
    try:
        days = {int(d) for d in str(value).split(",") if d.strip()}
    except ValueError:
        raise ValueError("must be a list like 3,0") from None
    if any(d < 0 for d in days):
        raise ValueError("must be days of 0 or more, like 3,0")
    return tuple(sorted(days, reverse=True))


def _telegram_ids(value: Any) -> frozenset[int]:
    if isinstance(value, frozenset):
        return value
    try:
        return frozenset(int(p) for p in str(value).replace(";", ",").split(",") if p.strip())
    except ValueError:
        raise ValueError("must be a comma-separated list of Telegram user ids") from None


def _on_off(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raw = str(value).lower()
    if raw == "auto":
        return None
    if raw in {"on", "1", "true", "yes"}:
        return True
    if raw in {"off", "0", "false", "no"}:
        return False
    raise ValueError(f"must be on, off or auto, got {raw!r}")


def _yes(value: Any) -> bool:
    """ENGINE_ALLOW_PUBLIC: only an explicit yes opens the engine; anything else keeps it closed."""
    return value is True or str(value).lower() in {"1", "true", "yes", "ja"}


def _database_url(url: str) -> str:
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if not url.startswith(("sqlite", "postgresql")):
        raise ValueError("must be a sqlite:/// or postgresql:// URL")
    return url


def _redis_url(url: SecretStr | None) -> SecretStr | None:
    if url is not None and not url.get_secret_value().startswith(("redis://", "rediss://")):
        raise ValueError("must be a redis:// or rediss:// URL")
    return url


def _console_url(url: str) -> str:
    if not url.startswith(("https://", "http://")):
        raise ValueError("must start with https:// (or http:// for a local test)")
    return url.rstrip("/")


def _time_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"must be a time zone like Europe/Amsterdam, got {name!r}") from None
    return name


# What one engine instance (Rasa server with the model loaded, plus its action server) needs,
# and what the bot, the console and the operating system keep besides: measured RSS, rounded up.
ENGINE_MEMORY = 2.0 * 2**30
BASE_MEMORY = 1.5 * 2**30


def _memory_total(meminfo: Path = Path("/proc/meminfo")) -> float | None:
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                return float(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def default_engine_instances(
    cores: int | None = None, memory: float | None = None, limit: int = 4
) -> int:
    """RASA_INSTANCES when unset (or ``auto``): one engine per core, as far as memory allows.

    One Rasa server handles one turn at a time, so on 2 cores a second server is what takes
    the whole path past ~38 turns/s; each costs ~1.8 GB, so a 4 GB machine keeps one.
    """
    cores = cores if cores is not None else os.cpu_count() or 1
    memory = memory if memory is not None else _memory_total()
    by_memory = limit if memory is None else int((memory - BASE_MEMORY) // ENGINE_MEMORY)
    return max(1, min(cores, by_memory, limit))


def _engine_instances(value: Any) -> Any:
    """RASA_INSTANCES: "auto" (or empty) = :func:`default_engine_instances`, else a number."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        return default_engine_instances()
    return value


def _key_list(value: Any) -> tuple[SecretStr, ...]:
    if isinstance(value, tuple):
        return value
    text = value.get_secret_value() if isinstance(value, SecretStr) else str(value)
    return tuple(SecretStr(k.strip()) for k in text.split(",") if k.strip())


# Before validators run right to left: _Blank always comes last among them, so it runs first.
_Blank = BeforeValidator(_blank_is_default)
Text = Annotated[str, _Blank]
Int = Annotated[int, _Blank]
Count = Annotated[int, _Blank, AfterValidator(_at_least(1))]
ClockTime = Annotated[time, BeforeValidator(_clock_time), _Blank]
DailyWindow = Annotated[Window | None, BeforeValidator(_window), _Blank]


# ------------------------------------------------------------------ what the code uses


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


@dataclass(frozen=True)
class Settings:
    """All configuration of the assistant; build it with :func:`load_settings`."""

    data_dir: Path
    database_url: str = field(repr=False)  # a PostgreSQL URL holds a password
    tracker_store_url: str = field(repr=False)
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


# ------------------------------------------------------------------ what is read


class Environment(BaseSettings):
    """Every variable the assistant reads, with its default and its check."""

    model_config = SettingsConfigDict(
        case_sensitive=True,
        extra="ignore",  # the environment holds much else
        frozen=True,
        hide_input_in_errors=True,  # a secret never reaches a log through an error
        validate_default=False,  # the defaults below are final values, not text to parse
        enable_decoding=False,  # lists are "1,2" as before, not JSON: the validators read them
        env_file_encoding="utf-8",
    )

    # Data, keys and our database
    data_dir: Annotated[Path | None, _Blank] = Field(default=None, alias="JOINUS_DATA_DIR")
    database_url: Annotated[str | None, _Blank, AfterValidator(_database_url)] = Field(
        default=None, alias="DATABASE_URL"
    )
    tracker_store_url: Annotated[str | None, _Blank] = Field(
        default=None, alias="TRACKER_STORE_URL"
    )
    pseudonym_secret: Annotated[SecretStr | None, _Blank] = Field(
        default=None, alias="PSEUDONYM_SECRET"
    )
    encryption_key: Annotated[SecretStr | None, _Blank] = Field(
        default=None, alias="ENCRYPTION_KEY"
    )
    old_encryption_keys: Annotated[tuple[SecretStr, ...], BeforeValidator(_key_list), _Blank] = (
        Field(default=(), alias="OLD_ENCRYPTION_KEYS")
    )
    secrets_dir: Annotated[Path | None, _Blank] = Field(default=None, alias="SECRETS_DIR")
    facts_file: Annotated[Path | None, _Blank] = Field(default=None, alias="FACTS_FILE")
    conversation_retention_days: Int = Field(default=30, alias="CONVERSATION_RETENTION_DAYS")
    lead_retention_days: Int = Field(default=90, alias="LEAD_RETENTION_DAYS")
    timezone: Annotated[str, _Blank, AfterValidator(_time_zone)] = Field(
        default="Europe/Amsterdam", alias="TIMEZONE"
    )

    # Telegram
    telegram_token: Annotated[SecretStr | None, _Blank] = Field(
        default=None, alias="TELEGRAM_BOT_TOKEN"
    )
    telegram_base_url: Text = Field(
        default="https://api.telegram.org/bot", alias="TELEGRAM_BASE_URL"
    )
    telegram_mode: Annotated[str, _Blank, AfterValidator(_choice("polling", "webhook"))] = Field(
        default="polling", alias="TELEGRAM_MODE"
    )
    webhook_url: Annotated[str | None, _Blank] = Field(default=None, alias="WEBHOOK_URL")
    webhook_secret: Annotated[SecretStr | None, _Blank] = Field(
        default=None, alias="WEBHOOK_SECRET"
    )
    webhook_listen: Text = Field(default="127.0.0.1", alias="WEBHOOK_LISTEN")
    webhook_port: Int = Field(default=8443, alias="WEBHOOK_PORT")
    admin_ids: Annotated[frozenset[int], BeforeValidator(_telegram_ids), _Blank] = Field(
        default=frozenset(), alias="ADMIN_TELEGRAM_IDS"
    )
    staff_chat_id: Annotated[int | None, _Blank] = Field(default=None, alias="STAFF_CHAT_ID")
    bot_username: Annotated[str | None, _Blank] = Field(default=None, alias="TELEGRAM_BOT_USERNAME")

    # Engine
    rasa_url: Text = Field(default="http://127.0.0.1:5005", alias="RASA_URL")
    rasa_timeout: Annotated[float, _Blank] = Field(default=6.0, alias="RASA_TIMEOUT")
    action_server_port: Int = Field(default=5055, alias="ACTION_SERVER_PORT")
    action_server_url: Annotated[str | None, _Blank] = Field(
        default=None, alias="ACTION_SERVER_URL"
    )
    action_server_host: Text = Field(default="127.0.0.1", alias="ACTION_SERVER_HOST")
    engine_allow_public: Annotated[bool, BeforeValidator(_yes), _Blank] = Field(
        default=False, alias="ENGINE_ALLOW_PUBLIC"
    )
    rasa_auth_token: Annotated[SecretStr | None, _Blank] = Field(
        default=None, alias="RASA_AUTH_TOKEN"
    )
    rasa_instances: Annotated[
        int,
        BeforeValidator(_engine_instances),
        _Blank,
        AfterValidator(_between(1, 16, "must be 1-16, got {value}")),
    ] = Field(default_factory=default_engine_instances, alias="RASA_INSTANCES")
    redis_url: Annotated[SecretStr | None, _Blank, AfterValidator(_redis_url)] = Field(
        default=None, alias="REDIS_URL"
    )
    supervisor_restart: Annotated[bool | None, BeforeValidator(_on_off), _Blank] = Field(
        default=None, alias="SUPERVISOR_RESTART"
    )

    # Codes
    referral_code_days: Count = Field(default=30, alias="REFERRAL_CODE_DAYS")
    code_failures_per_person: Count = Field(default=5, alias="CODE_FAILURES_PER_PERSON")
    code_failures_global: Count = Field(default=200, alias="CODE_FAILURES_GLOBAL")

    # Leads
    lead_reannounce_hours: Count = Field(default=24, alias="LEAD_REANNOUNCE_HOURS")
    parent_code_days: Count = Field(default=7, alias="PARENT_CODE_DAYS")
    staff_invite_hours: Count = Field(default=48, alias="STAFF_INVITE_HOURS")

    # Ambassadors
    reminder_days: Annotated[tuple[int, ...], BeforeValidator(_day_list), _Blank] = Field(
        default=(3, 0), alias="AMBASSADOR_REMINDER_DAYS"
    )
    reminder_time: ClockTime = Field(default=time(8, 0), alias="AMBASSADOR_REMINDER_TIME")
    overdue_days: Int = Field(default=1, alias="AMBASSADOR_OVERDUE_DAYS")
    quiet_hours: DailyWindow = Field(
        default=(time(22, 0), time(8, 0)), alias="AMBASSADOR_QUIET_HOURS"
    )
    school_hours: DailyWindow = Field(
        default=(time(8, 30), time(15, 30)), alias="AMBASSADOR_SCHOOL_HOURS"
    )
    grace_hours: Int = Field(default=24, alias="AMBASSADOR_GRACE_HOURS")
    invite_days: Int = Field(default=30, alias="AMBASSADOR_INVITE_DAYS")
    summary_weekday: Annotated[
        int, _Blank, AfterValidator(_between(1, 7, "must be 1-7 (1 = Monday)"))
    ] = Field(default=1, alias="COACH_SUMMARY_WEEKDAY")
    summary_time: ClockTime = Field(default=time(9, 0), alias="COACH_SUMMARY_TIME")
    scan_seconds: Annotated[int, _Blank, AfterValidator(_at_least(5))] = Field(
        default=60, alias="AMBASSADOR_SCAN_SECONDS"
    )

    # Staff console
    console_listen: Text = Field(default="127.0.0.1", alias="CONSOLE_LISTEN")
    console_port: Int = Field(default=8090, alias="CONSOLE_PORT")
    console_url: Annotated[str | None, _Blank, AfterValidator(_console_url)] = Field(
        default=None, alias="CONSOLE_URL"
    )
    console_session_hours: Count = Field(default=12, alias="CONSOLE_SESSION_HOURS")
    console_login_minutes: Count = Field(default=10, alias="CONSOLE_LOGIN_MINUTES")
    console_initdata_max_age: Annotated[int, _Blank, AfterValidator(_at_least(60))] = Field(
        default=3600, alias="CONSOLE_INITDATA_MAX_AGE"
    )

    # Operations
    metrics_listen: Text = Field(default="127.0.0.1", alias="METRICS_LISTEN")
    metrics_port: Annotated[
        int, _Blank, AfterValidator(_between(0, 65535, "must be 0 (off) or a port number"))
    ] = Field(default=9464, alias="METRICS_PORT")
    ready_outbox_max_age: Count = Field(default=900, alias="READY_OUTBOX_MAX_AGE")
    db_alert_minutes: Count = Field(default=30, alias="DB_ALERT_MINUTES")
    log_level: Annotated[str, _Blank, AfterValidator(str.upper)] = Field(
        default="INFO", alias="LOG_LEVEL"
    )
    log_format: Annotated[str, _Blank, AfterValidator(_choice("text", "json"))] = Field(
        default="text", alias="LOG_FORMAT"
    )
    log_max_bytes: Annotated[int, _Blank, AfterValidator(_at_least(0))] = Field(
        default=10 * 1024 * 1024, alias="LOG_MAX_BYTES"
    )
    log_backups: Annotated[int, _Blank, AfterValidator(_at_least(0))] = Field(
        default=5, alias="LOG_BACKUPS"
    )
    # Not stripped: a passphrase is used exactly as typed (old backups must stay readable).
    backup_passphrase: SecretStr | None = Field(default=None, alias="BACKUP_PASSPHRASE")

    # Read the process environment and the .env file (False: only the mapping given).
    _from_process: ClassVar[bool] = True

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The process environment first, then the .env file named when reading (env_file())."""
        if not cls._from_process:
            return (init_settings,)
        return (
            init_settings,
            env_settings,
            DotEnvSettingsSource(settings_cls, env_file=env_file()),
        )

    @model_validator(mode="after")
    def _combinations(self) -> Environment:
        webhook = self.telegram_token and self.telegram_mode == "webhook"
        if webhook and not (self.webhook_url and self.webhook_secret):
            raise ValueError("TELEGRAM_MODE=webhook needs WEBHOOK_URL and WEBHOOK_SECRET")
        if not self.engine_allow_public:
            # The engine has no authentication on its REST channel and the action server none
            # at all: they listen on loopback only, unless an operator explicitly says otherwise.
            if (urlsplit(self.rasa_url).hostname or "").lower() not in LOOPBACK_HOSTS:
                raise ValueError(
                    "RASA_URL must be a loopback address (or set ENGINE_ALLOW_PUBLIC=1)"
                )
            if self.action_server_host not in LOOPBACK_HOSTS:
                raise ValueError(
                    "ACTION_SERVER_HOST must be a loopback address (or set ENGINE_ALLOW_PUBLIC=1)"
                )
        return self


class _Given(Environment):
    """An explicit mapping only (tests, benchmarks): no process environment, no .env file."""

    _from_process = False


def setting_names() -> frozenset[str]:
    """Every variable name (for .env.example, the README table and the supervisor's allow-lists)."""
    return frozenset(str(f.alias) for f in Environment.model_fields.values())


def env_file() -> Path | None:
    """The .env file to read: JOINUS_ENV_FILE, else .env in the project; None for "off"."""
    raw = os.environ.get(ENV_FILE_VARIABLE, "").strip()
    if raw.lower() in OFF:
        return None
    return Path(raw) if raw else PROJECT_ROOT / ".env"


def environment_source() -> dict[str, str]:
    """What the settings are read from: the .env file's values, the process environment over
    them (the supervisor hands its children their share of this; they read no file)."""
    path = env_file()
    values = dotenv_values(path) if path is not None and path.is_file() else {}
    return {**{k: v for k, v in values.items() if v is not None}, **os.environ}


def _problem(error: ErrorDetails) -> str:
    """One line per bad variable, in the words the old checks used; never the value of a secret."""
    name = str(error["loc"][0]) if error["loc"] else ""
    kind = error["type"]
    shown = "" if name in _SECRET_NAMES else f", got {error.get('input')!r}"
    if kind in {"int_parsing", "int_from_float", "int_type"}:
        return f"{name} must be a whole number{shown}"
    if kind in {"float_parsing", "float_type"}:
        return f"{name} must be a number{shown}"
    if kind == "value_error":
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        return f"{name} {message}".strip()
    return f"{name}: {error['msg']}".strip(": ")


_SECRET_NAMES = frozenset(
    str(f.alias)
    for f in Environment.model_fields.values()
    if "SecretStr" in str(f.annotation) or str(f.alias) in {"DATABASE_URL", "TRACKER_STORE_URL"}
)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Read every setting: from ``environ`` alone when given (tests, tools that build their own),
    else from the process environment over the .env file (:func:`env_file`)."""
    try:
        env = Environment() if environ is None else _Given.model_validate(dict(environ))
    except ValidationError as exc:
        # Our own lines only: the ValidationError itself is not chained (it would hold values).
        raise ConfigError("\n".join(_problem(error) for error in exc.errors())) from None
    except SettingsError as exc:  # e.g. an unreadable .env file; its message names no value
        raise ConfigError(f"the settings could not be read: {exc}") from None
    return _grouped(env)


def _sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def _grouped(env: Environment) -> Settings:
    """The settings as the code uses them, with the defaults that depend on other settings."""
    data_dir = (env.data_dir or PROJECT_ROOT / "var").resolve()
    database_url = env.database_url or _sqlite_url(data_dir / "joinus.db")
    return _from_env(
        Settings,
        env,
        data_dir=data_dir,
        database_url=database_url,
        tracker_store_url=env.tracker_store_url or _tracker_url_from(database_url, data_dir),
        rasa_url=env.rasa_url.rstrip("/"),
        action_server_url=env.action_server_url
        or f"http://127.0.0.1:{env.action_server_port}/webhook",
        facts_file=env.facts_file or PROJECT_ROOT / "content" / "facts.yml",
        bot_username=(env.bot_username or "").lstrip("@") or None,
        ambassadors=_from_env(AmbassadorSettings, env),
        console=_from_env(ConsoleSettings, env, prefix="console_"),
        ops=_from_env(OpsSettings, env),
        security=_from_env(
            SecuritySettings,
            env,
            secrets_dir=env.secrets_dir.resolve() if env.secrets_dir else None,
        ),
    )


def _from_env(group: type[_Group], env: Environment, prefix: str = "", **given: Any) -> _Group:
    """A settings group from the model's fields of the same name (after ``prefix``); secrets
    revealed only here, into fields the dataclasses keep out of their repr."""
    values = {
        f.name: given[f.name] if f.name in given else _plain(getattr(env, prefix + f.name))
        for f in fields(group)
    }
    return group(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, SecretStr):
        return value.get_secret_value() or None
    if isinstance(value, tuple) and value and isinstance(value[0], SecretStr):
        return tuple(v.get_secret_value() for v in value)
    return value
