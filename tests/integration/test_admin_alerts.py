"""An unreachable database is told to the admins in Telegram: once per interval, and once more
when it is back; nobody else hears it, and without a token nothing is sent."""

from __future__ import annotations

from pathlib import Path

from bot.core.settings import load_settings
from bot.ops.admin_alerts import AdminAlerts, DatabaseWatch
from bot.storage.db import Database
from tests.fakes.bot_api import FakeBotApi

ADMINS = (1001, 1002)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_database_down_alerts_admins_rate_limited_and_recovery(tmp_path: Path) -> None:
    clock = Clock()
    with FakeBotApi() as api:
        settings = load_settings(
            {
                "JOINUS_DATA_DIR": str(tmp_path),
                "TELEGRAM_BOT_TOKEN": "123:ALERT",
                "TELEGRAM_BASE_URL": api.base_url,
                "ADMIN_TELEGRAM_IDS": ",".join(map(str, ADMINS)),
                "STAFF_CHAT_ID": "-100500",
                "DB_ALERT_MINUTES": "30",
            }
        )
        alerts = AdminAlerts(settings, monotonic=clock)
        down = Database("postgresql+psycopg2://nobody@127.0.0.1:1/none")
        up = Database(f"sqlite:///{tmp_path / 'joinus.db'}")
        watch = DatabaseWatch(down, alerts)
        try:
            await watch.run_once()  # one blip is not worth a message
            assert api.sent_texts() == []
            await watch.run_once()
            for admin in ADMINS:
                (text,) = api.sent_texts(admin)
                assert "database" in text and "niet bereikbaar" in text
                assert "OperationalError" in text and "nobody" not in text  # no URL, no password
            assert api.sent_texts(-100500) == []  # operational noise stays out of the staff group
            clock.now += 29 * 60
            await watch.run_once()
            assert len(api.sent_texts(ADMINS[0])) == 1  # rate-limited
            clock.now += 2 * 60
            await watch.run_once()
            assert len(api.sent_texts(ADMINS[0])) == 2  # still down after the interval: again

            watch._db = up  # the database is back
            await watch.run_once()
            assert "weer bereikbaar" in api.sent_texts(ADMINS[0])[-1]
            assert watch.failures == 0
            await watch.run_once()
            assert len(api.sent_texts(ADMINS[0])) == 3  # recovery is told once
        finally:
            down.dispose()
            up.dispose()


async def test_reusable_alert_function_limits_per_key(tmp_path: Path) -> None:
    clock = Clock()
    with FakeBotApi() as api:
        settings = load_settings(
            {
                "JOINUS_DATA_DIR": str(tmp_path),
                "TELEGRAM_BOT_TOKEN": "123:ALERT",
                "TELEGRAM_BASE_URL": api.base_url,
                "ADMIN_TELEGRAM_IDS": "1001",
            }
        )
        alerts = AdminAlerts(settings, interval_seconds=60, monotonic=clock)
        assert alerts.notify_blocking("child-rasa", "Rasa stopt steeds") == 1
        assert alerts.notify_blocking("child-rasa", "Rasa stopt steeds") == 0
        assert await alerts.notify("outbox-failed", "Berichten mislukken") == 1
        clock.now += 61
        assert alerts.notify_blocking("child-rasa", "Rasa stopt steeds") == 1
        assert api.sent_texts(1001) == [
            "Rasa stopt steeds",
            "Berichten mislukken",
            "Rasa stopt steeds",
        ]
        api.set_down()
        clock.now += 61
        assert await alerts.notify("child-rasa", "x") == 0  # Telegram down: logged, not raised

    no_token = AdminAlerts(
        load_settings({"JOINUS_DATA_DIR": str(tmp_path), "ADMIN_TELEGRAM_IDS": "1"})
    )
    assert no_token.notify_blocking("k", "x") == 0
