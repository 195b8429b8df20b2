from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.core.settings import load_settings


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
