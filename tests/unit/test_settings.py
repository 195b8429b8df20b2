from __future__ import annotations

import re
from datetime import time
from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.core.settings import load_settings, setting_names


def test_defaults(tmp_path: Path) -> None:
    s = load_settings({"JOINUS_DATA_DIR": str(tmp_path)})
    assert s.telegram_token is None
    assert s.telegram_base_url == "https://api.telegram.org/bot"
    assert s.database_url == f"sqlite:///{tmp_path / 'joinus.db'}"
    assert s.tracker_store_url == f"sqlite:///{tmp_path / 'rasa_tracker.db'}"
    assert s.rasa_url == "http://127.0.0.1:5005"
    assert s.action_server_url == "http://127.0.0.1:5055/webhook"
    assert s.conversation_retention_days == 30
    assert s.timezone == "Europe/Amsterdam"


def test_postgres_url_shared_with_rasa_tracker_store() -> None:
    s = load_settings({"DATABASE_URL": "postgresql+psycopg2://u@h:5432/db"})
    assert s.tracker_store_url == "postgresql://u@h:5432/db"
    assert (
        load_settings({"DATABASE_URL": "postgres://u@h/db"}).database_url == "postgresql://u@h/db"
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"RASA_TIMEOUT": "soon"}, "RASA_TIMEOUT"),
        ({"ADMIN_TELEGRAM_IDS": "1,abc"}, "ADMIN_TELEGRAM_IDS"),
        ({"TELEGRAM_MODE": "carrier-pigeon"}, "TELEGRAM_MODE"),
        ({"TELEGRAM_BOT_TOKEN": "1:x", "TELEGRAM_MODE": "webhook"}, "WEBHOOK_URL"),
    ],
)
def test_bad_values_fail_fast_with_the_variable_name(env: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_settings(env)


def test_secrets_never_in_repr() -> None:
    s = load_settings(
        {"TELEGRAM_BOT_TOKEN": "123:SECRET", "PSEUDONYM_SECRET": "pssst", "ENCRYPTION_KEY": "kkk"}
    )
    text = repr(s)
    assert "SECRET" not in text and "pssst" not in text and "kkk" not in text


def test_plain_postgresql_urls_use_the_shipped_driver() -> None:
    from bot.storage.db import driver_url, make_engine

    assert driver_url("postgresql://u:p@db:5432/x") == "postgresql+psycopg2://u:p@db:5432/x"
    assert driver_url("postgresql+psycopg2://u@db/x") == "postgresql+psycopg2://u@db/x"
    assert driver_url("sqlite:///x.db") == "sqlite:///x.db"
    engine = make_engine("postgresql://nobody@127.0.0.1:1/none")  # Rasa's form of the URL
    assert engine.dialect.driver == "psycopg2"
    engine.dispose()


def test_dotenv_file_is_read_and_the_environment_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env_file = tmp_path / "joinus.env"
    env_file.write_text(
        "# comment\nRASA_TIMEOUT=9\nADMIN_TELEGRAM_IDS=1, 2\nCOACH_SUMMARY_TIME=10:30\n"
        "LEAD_REANNOUNCE_HOURS=\nTELEGRAM_BOT_TOKEN=123:from-file\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("JOINUS_ENV_FILE", str(env_file))
    monkeypatch.setenv("JOINUS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RASA_TIMEOUT", "7")
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    s = load_settings()
    assert s.rasa_timeout == 7.0  # the environment over the file
    assert s.admin_ids == frozenset({1, 2}) and s.telegram_token == "123:from-file"
    assert s.ambassadors.summary_time == time(10, 30)
    assert s.lead_reannounce_hours == 24  # empty = the default
    monkeypatch.setenv("JOINUS_ENV_FILE", "off")
    assert load_settings().telegram_token is None


def test_env_example_lists_every_setting_with_its_default(tmp_path: Path) -> None:
    example = (Path(__file__).resolve().parents[2] / ".env.example").read_text(encoding="utf-8")
    listed = dict(re.findall(r"(?m)^([A-Z][A-Z0-9_]+)=(.*)$", example))
    assert setting_names() <= set(listed)
    ours = {k: v for k, v in listed.items() if k in setting_names()}
    base = {"JOINUS_DATA_DIR": str(tmp_path)}
    assert load_settings({**ours, **base}) == load_settings(base)


def test_blank_values_are_the_defaults() -> None:
    # Except a backup passphrase: used exactly as typed, spaces included (as before).
    blank = {name: "  " for name in setting_names() - {"BACKUP_PASSPHRASE"}}
    assert load_settings(blank) == load_settings({})


def test_every_bad_variable_is_named_once_and_secrets_are_never_shown() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(
            {
                "RASA_TIMEOUT": "soon",
                "WEBHOOK_PORT": "eighty",
                "COACH_SUMMARY_TIME": "9 uur",
                "REDIS_URL": "http://user:hunter2@cache:6379",
                "TIMEZONE": "Europe/Veghel",
                "TELEGRAM_BOT_TOKEN": "123:SECRET",
            }
        )
    lines = str(caught.value).splitlines()
    assert sorted(lines) == sorted(
        [
            "WEBHOOK_PORT must be a whole number, got 'eighty'",
            "TIMEZONE must be a time zone like Europe/Amsterdam, got 'Europe/Veghel'",
            "RASA_TIMEOUT must be a number, got 'soon'",
            "REDIS_URL must be a redis:// or rediss:// URL",
            "COACH_SUMMARY_TIME must be a time like 08:00, got '9 uur'",
        ]
    )
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert "hunter2" not in str(caught.value) and "SECRET" not in str(caught.value)


def test_settings_repr_hides_urls_with_passwords() -> None:
    s = load_settings({"DATABASE_URL": "postgresql://joinus:hunter2@db/joinus"})
    assert "hunter2" not in repr(s)
