"""The crisis path never waits and sees every text: captions, edits, command arguments,
/antwoord; a locked SQLite file or an unreachable PostgreSQL never delays the reply; staff
alerts are limited per person."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.settings import load_settings
from bot.pipeline.conversation import EDITED, ONLY_TEXT
from bot.storage.models_outbox import OutboxMessage
from tests import running_app
from tests.conftest import PG_ADMIN_URL
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.tcp_proxy import TcpProxy

FACTS_FILE = str(Path(__file__).resolve().parents[2] / "content" / "facts.yml")
YOUNG = 4242
STAFF_GROUP = -100777
CRISIS = "ik wil niet meer leven"
# The crisis reply names 113; no other answer in these tests does.
MARK = "113"
# Generous for a loaded 2-core machine; the faults below last 8 s or forever.
PROMPT = 2.5


async def _app(tmp_path: Path, api: FakeBotApi, **extra: str) -> Any:
    settings = load_settings(
        {
            "JOINUS_DATA_DIR": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": "123:ABC",
            "TELEGRAM_BASE_URL": api.base_url,
            "RASA_URL": "http://127.0.0.1:9",  # the engine is down: the safety net needs none
            "RASA_TIMEOUT": "1",
            "ENCRYPTION_KEY": "test-encryption-key",
            "STAFF_CHAT_ID": str(STAFF_GROUP),
            "FACTS_FILE": FACTS_FILE,
            **extra,
        }
    )
    return await running_app.start_polling(settings)


async def _next_text(api: FakeBotApi, chat: int, count: int, wait: float = 10) -> str:
    messages = await asyncio.to_thread(api.wait_for_messages, chat, count, wait)
    return str(messages[count - 1]["text"])


async def _timed_crisis(api: FakeBotApi, already: int, user: int = YOUNG) -> float:
    begin = time.perf_counter()
    api.push_text(user, CRISIS)
    assert MARK in await _next_text(api, user, already + 1, wait=PROMPT + 5)
    return time.perf_counter() - begin


async def test_every_text_a_person_sends_is_checked(tmp_path: Path) -> None:
    with FakeBotApi() as api:
        app = await _app(tmp_path, api)
        try:
            api.push_photo(YOUNG, caption="ik wil dood")
            assert MARK in await _next_text(api, YOUNG, 1)
            api.push_voice(YOUNG, caption="ik snij mezelf elke avond")
            assert MARK in await _next_text(api, YOUNG, 2)
            api.push_photo(YOUNG, caption="leuke foto van mijn kat")
            assert await _next_text(api, YOUNG, 3) == ONLY_TEXT.text
            api.push_text(YOUNG, "hoi")
            await _next_text(api, YOUNG, 4)  # the engine is down: "even niet bereikbaar"
            api.push_edited_text(YOUNG, "ik wil zelfmoord plegen")
            assert MARK in await _next_text(api, YOUNG, 5)
            api.push_edited_text(YOUNG, "hoi allemaal")
            assert await _next_text(api, YOUNG, 6) == EDITED.text
            api.push_text(YOUNG, "/start ik wil dood")
            assert MARK in await _next_text(api, YOUNG, 7)
            # A feature's own command: the crisis reply first, and the command still runs
            # (here an ambassador command from a non-ambassador: its own polite refusal).
            api.push_text(YOUNG, "/uren ik wil er niet meer zijn")
            assert MARK in await _next_text(api, YOUNG, 8)
            await _next_text(api, YOUNG, 9)
            # /antwoord: the crisis reply, and the message still goes on to staff (here: no
            # staff member is in contact yet, which the young person is told).
            api.push_text(YOUNG, "/antwoord ik wil niet meer leven")
            assert MARK in await _next_text(api, YOUNG, 10)
            assert "niemand van Join us" in await _next_text(api, YOUNG, 11)
            await asyncio.sleep(1)
            assert len(api.sent_messages(YOUNG)) == 11  # one crisis reply each, no doubles
        finally:
            await running_app.stop(app)


async def test_repeated_crises_give_one_alert_and_one_summary(tmp_path: Path) -> None:
    with FakeBotApi() as api:
        app = await _app(tmp_path, api)
        try:
            for n in range(6):
                api.push_text(YOUNG, CRISIS)
                assert MARK in await _next_text(api, YOUNG, n + 1)
            await asyncio.wait_for(app.bot_data["conversation"].drain(), 10)
            alert = await _next_text(api, STAFF_GROUP, 1)
            assert "crisisantwoord" in alert
            await asyncio.sleep(1)
            assert len(api.sent_messages(STAFF_GROUP)) == 1  # not six
            runtime = app.bot_data["runtime"]
            with runtime.database.session() as session:
                waiting = [
                    runtime.cipher.decrypt(row.text_enc)
                    for row in session.scalars(
                        select(OutboxMessage).where(OutboxMessage.status == "pending")
                    )
                ]
            assert len(waiting) == 1 and "nog 5 keer" in waiting[0]
        finally:
            await running_app.stop(app)


async def test_locked_sqlite_does_not_delay_the_crisis_reply(tmp_path: Path) -> None:
    with FakeBotApi() as api:
        app = await _app(tmp_path, api)
        try:
            baseline = await _timed_crisis(api, 0)
            lock = sqlite3.connect(tmp_path / "joinus.db", timeout=1)
            lock.execute("BEGIN EXCLUSIVE")  # nobody else can read or write now
            try:
                # A different person each time: a new alert (a database write) every time.
                locked = [await _timed_crisis(api, 0, YOUNG + n) for n in range(1, 4)]
                await asyncio.sleep(5)
            finally:
                lock.rollback()
                lock.close()
            print(
                f"\ncrisis reply: {baseline * 1000:.0f} ms normally, "
                f"{max(locked) * 1000:.0f} ms at most with the database locked"
            )
            assert max(locked) < PROMPT
            # Once the lock is gone, the alerts are queued and delivered after all.
            await asyncio.to_thread(
                api.wait_for, lambda: len(api.sent_messages(STAFF_GROUP)) >= 4, 40
            )
        finally:
            await running_app.stop(app)


@pytest.mark.postgres
async def test_unreachable_postgresql_does_not_delay_the_crisis_reply(
    tmp_path: Path, postgres_url: str
) -> None:
    with TcpProxy("127.0.0.1", 5432) as proxy, FakeBotApi() as api:
        url = postgres_url.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
        assert url != postgres_url and PG_ADMIN_URL in postgres_url
        app = await _app(
            tmp_path, api, DATABASE_URL=url, TRACKER_STORE_URL=f"sqlite:///{tmp_path}/t.db"
        )
        try:
            await _timed_crisis(api, 0)
            proxy.unplug()  # the network to the database drops: connections hang
            slowest = max([await _timed_crisis(api, n + 1) for n in range(3)])
            print(f"\ncrisis reply with PostgreSQL unreachable: {slowest * 1000:.0f} ms at most")
            assert slowest < PROMPT
            proxy.plug()
        finally:
            await running_app.stop(app)


def test_alert_window_per_person(tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    from bot.core.clock import FakeClock
    from bot.core.crypto import Cipher
    from bot.safety import assess
    from bot.staff.crisis_alerts import ALERT_WINDOW, CrisisAlerts
    from bot.storage.db import Database, migrate

    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path), "STAFF_CHAT_ID": "-1"})
    migrate(settings.database_url)
    database, cipher = Database(settings.database_url), Cipher(b"k")
    clock = FakeClock(datetime(2026, 3, 2, 12, tzinfo=UTC))
    alerts = CrisisAlerts(database, cipher, settings, clock)
    crisis = assess(CRISIS)
    for _ in range(3):
        alerts.notify(crisis, "person-a")
    alerts.notify(crisis, "person-b")  # someone else: an alert of their own
    clock.advance(ALERT_WINDOW + timedelta(seconds=1))
    alerts.notify(crisis, "person-a")  # a new window: a new immediate alert
    with database.session() as session:
        rows = list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
        texts = [(cipher.decrypt(r.text_enc), r.not_before) for r in rows]
    database.dispose()
    immediate = [t for t, _ in texts if "nog" not in t]
    summaries = [(t, nb) for t, nb in texts if "nog" in t]
    assert len(immediate) == 3
    assert len(summaries) == 1 and "nog 2 keer" in summaries[0][0]
    assert summaries[0][1].replace(tzinfo=None) == datetime(2026, 3, 2, 12, 30)  # window end


def test_many_people_at_once_fold_into_one_summary(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from bot.core.clock import FakeClock
    from bot.core.crypto import Cipher
    from bot.safety import assess
    from bot.staff.crisis_alerts import CrisisAlerts
    from bot.storage.db import Database, migrate

    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path), "STAFF_CHAT_ID": "-1"})
    migrate(settings.database_url)
    database, cipher = Database(settings.database_url), Cipher(b"k")
    alerts = CrisisAlerts(
        database, cipher, settings, FakeClock(datetime(2026, 3, 2, 12, tzinfo=UTC)), global_max=3
    )
    for n in range(7):  # seven different accounts within minutes
        alerts.notify(assess(CRISIS), f"person-{n}")
    with database.session() as session:
        texts = [cipher.decrypt(r.text_enc) for r in session.scalars(select(OutboxMessage))]
    database.dispose()
    assert len(texts) == 4  # three alerts and one summary, not seven alerts
    assert sum("nog 4 andere jongeren" in t for t in texts) == 1


async def test_a_restart_does_not_forget_that_a_conversation_showed_distress(
    tmp_path: Path,
) -> None:
    # A veiled plan alone gets the direct question; after "ik wil niet meer leven" in the same
    # conversation, the crisis reply - also when the bot restarted in between (the safety net's
    # memory is kept in the database).
    veiled = "ik heb alles klaargelegd"
    question = "bedoel je dat je jezelf iets wilt aandoen"
    with FakeBotApi() as api:
        app = await _app(tmp_path, api)
        try:
            api.push_text(YOUNG + 1, veiled)
            assert question in await _next_text(api, YOUNG + 1, 1)
            api.push_text(YOUNG, CRISIS)
            assert MARK in await _next_text(api, YOUNG, 1)
        finally:
            await running_app.stop(app)
        app = await _app(tmp_path, api)
        try:
            api.push_text(YOUNG, veiled)
            after = await _next_text(api, YOUNG, 2)
            assert MARK in after and question not in after
        finally:
            await running_app.stop(app)
