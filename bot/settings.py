"""Settings: read from the environment once, typed, with defaults; secrets are never printed.

Every variable is documented in the README's settings table; keep the two in step.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


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

    @property
    def secrets_dir(self) -> Path:
        return self.data_dir / "secrets"

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "log"

    @property
    def uses_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


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
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        tracker_store_url=env.get("TRACKER_STORE_URL", "").strip()
        or _tracker_url_from(database_url, data_dir),
        rasa_url=(env.get("RASA_URL", "").strip() or "http://127.0.0.1:5005").rstrip("/"),
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
    )
