"""Outbox + delivery loop against SQLite and PostgreSQL and a fake Telegram that goes down."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, select
from telegram import Bot

from bot.core.clock import FakeClock
from bot.core.crypto import Cipher
from bot.pipeline.outbox import MAX_ATTEMPTS, OutButton, cancel, enqueue
from bot.storage.db import Database, migrate
from bot.storage.models_outbox import OutboxMessage
from bot.telegram.delivery import OutboxDelivery
from tests.fakes.bot_api import FakeBotApi

CHAT = 31337
CIPHER = Cipher(b"test-key")


@pytest.fixture
def database(database_url: str) -> Database:
    migrate(database_url)
    db = Database(database_url)
    yield db  # type: ignore[misc]
    db.dispose()


def test_migrations_create_foundation_tables(database: Database) -> None:
    tables = set(inspect(database.engine).get_table_names())
    assert {"button_payloads", "outbox", "alembic_version"} <= tables
    migrate(database.url)  # idempotent on an up-to-date schema


def test_enqueue_is_idempotent_and_encrypted(database: Database) -> None:
    with database.session() as s:
        first = enqueue(s, CIPHER, chat_id=CHAT, text="Geheime tekst", kind="test", dedupe_key="k1")
        again = enqueue(s, CIPHER, chat_id=CHAT, text="Geheime tekst", kind="test", dedupe_key="k1")
        assert first.id == again.id
    with database.session() as s:
        rows = list(s.scalars(select(OutboxMessage)))
        assert len(rows) == 1
        assert "Geheime" not in rows[0].text_enc and str(CHAT) not in rows[0].chat_id_enc


def test_oversized_callback_data_is_refused(database: Database) -> None:
    with database.session() as s, pytest.raises(ValueError):
        enqueue(
            s,
            CIPHER,
            chat_id=CHAT,
            text="x",
            kind="t",
            dedupe_key="k",
            buttons=[[OutButton("te lang", "s|" + "x" * 70)]],
        )


async def test_outage_then_recovery_delivers_exactly_once_across_restart(
    database: Database,
) -> None:
    clock = FakeClock(datetime.now(UTC))
    with FakeBotApi() as api:
        bot = Bot("123:OUT", base_url=api.base_url)
        await bot.initialize()
        with database.session() as s:
            enqueue(
                s,
                CIPHER,
                chat_id=CHAT,
                text="Nieuwe aanmelding",
                kind="lead_card",
                dedupe_key="lead:1",
                not_before=clock.now(),
                buttons=[[OutButton("Oppakken", "s|claim|1")]],
            )
        api.set_down(True)
        delivery = OutboxDelivery(database, CIPHER, bot, clock=clock)
        assert await delivery.deliver_due() == 0
        assert await delivery.deliver_due() == 0  # backing off: not yet due again
        with database.session() as s:
            row = s.scalars(select(OutboxMessage)).one()
            assert row.status == "pending" and row.attempts == 1 and row.not_before > clock.now()

        # "Restart": a new delivery loop, Telegram back, time moves past the backoff.
        api.set_down(False)
        clock.advance(timedelta(minutes=1))
        restarted = OutboxDelivery(database, CIPHER, bot, clock=clock)
        assert await restarted.deliver_due() == 1
        assert await restarted.deliver_due() == 0
        clock.advance(timedelta(hours=1))
        assert await restarted.deliver_due() == 0
        texts = api.sent_texts(CHAT)
        assert texts == ["Nieuwe aanmelding"]
        assert (
            api.sent_messages(CHAT)[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
            == "s|claim|1"
        )
        await bot.shutdown()


async def test_crash_mid_send_is_retried_after_lease(database: Database) -> None:
    clock = FakeClock(datetime.now(UTC))
    with FakeBotApi() as api:
        bot = Bot("123:OUT", base_url=api.base_url)
        await bot.initialize()
        with database.session() as s:
            enqueue(
                s,
                CIPHER,
                chat_id=CHAT,
                text="Herinnering",
                kind="reminder",
                dedupe_key="r:1",
                not_before=clock.now(),
            )
        crashed = OutboxDelivery(database, CIPHER, bot, clock=clock)
        assert len(crashed._claim()) == 1  # claimed, then the process "dies" before sending
        fresh = OutboxDelivery(database, CIPHER, bot, clock=clock)
        assert await fresh.deliver_due() == 0  # still leased
        clock.advance(timedelta(minutes=2))
        assert await fresh.deliver_due() == 1
        assert api.sent_texts(CHAT) == ["Herinnering"]
        await bot.shutdown()


async def test_blocked_chat_stops_retrying_and_runs_hook(database: Database) -> None:
    clock = FakeClock(datetime.now(UTC))
    seen: list[str] = []
    with FakeBotApi() as api:
        bot = Bot("123:OUT", base_url=api.base_url)
        await bot.initialize()
        api.block_chat(CHAT)
        with database.session() as s:
            enqueue(
                s,
                CIPHER,
                chat_id=CHAT,
                text="Hoi",
                kind="reminder",
                subject="ambassador:1",
                dedupe_key="r:2",
                not_before=clock.now(),
            )
        delivery = OutboxDelivery(
            database,
            CIPHER,
            bot,
            clock=clock,
            blocked_hooks={"reminder": lambda s, m: seen.append(m.subject or "")},
        )
        await delivery.deliver_due()
        clock.advance(timedelta(hours=1))
        await delivery.deliver_due()
        assert seen == ["ambassador:1"]
        assert len(api.calls_to("sendMessage")) == 1
        await bot.shutdown()


def test_cancel_pending(database: Database) -> None:
    with database.session() as s:
        enqueue(s, CIPHER, chat_id=CHAT, text="a", kind="reminder", dedupe_key="reminder:7:before")
        enqueue(s, CIPHER, chat_id=CHAT, text="b", kind="reminder", dedupe_key="reminder:7:due")
        enqueue(s, CIPHER, chat_id=CHAT, text="c", kind="reminder", dedupe_key="reminder:8:due")
        assert cancel(s, dedupe_prefix="reminder:7:") == 2


ADMIN = 99
GROUP = -100500


def _admin_texts(api: FakeBotApi) -> list[str]:
    return api.sent_texts(ADMIN)


def _put(
    database: Database, key: str, text: str, chat: int = CHAT, kind: str = "lead_card"
) -> None:
    with database.session() as s:
        enqueue(s, CIPHER, chat_id=chat, text=text, kind=kind, dedupe_key=key)


async def test_one_unreadable_row_does_not_stop_the_others(database: Database) -> None:
    with FakeBotApi() as api:
        bot = Bot("123:OUT", base_url=api.base_url)
        await bot.initialize()
        _put(database, "a", "eerste")
        with database.session() as s:  # written with another key: cannot be decrypted
            enqueue(s, Cipher(b"other-key"), chat_id=CHAT, text="x", kind="t", dedupe_key="b")
        _put(database, "c", "derde")
        delivery = OutboxDelivery(database, CIPHER, bot, admin_ids=[ADMIN])
        await delivery.deliver_due()
        await delivery.deliver_due()  # the admin alert queued by the first pass
        assert api.sent_texts(CHAT) == ["eerste", "derde"]
        with database.session() as s:
            bad = s.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == "b")).one()
            assert bad.status == "failed" and "unreadable" in (bad.last_error or "")
        assert len(_admin_texts(api)) == 1 and "ENCRYPTION_KEY" in _admin_texts(api)[0]
        await bot.shutdown()


async def test_staff_group_upgraded_to_supergroup_is_followed(database: Database) -> None:
    supergroup = -1001234567890
    with FakeBotApi() as api:
        bot = Bot("123:OUT", base_url=api.base_url)
        await bot.initialize()
        api.migrate_chat(GROUP, supergroup)
        _put(database, "card:1", "Nieuwe aanmelding 1", chat=GROUP)
        delivery = OutboxDelivery(database, CIPHER, bot, admin_ids=[ADMIN])
        for _ in range(3):
            await delivery.deliver_due()
        assert api.sent_texts(supergroup) == ["Nieuwe aanmelding 1"]
        # Later rows still addressed to the old id (STAFF_CHAT_ID not yet changed) follow too,
        # without another failed call to the old id.
        calls_before = len(api.calls_to("sendMessage"))
        _put(database, "card:2", "Nieuwe aanmelding 2", chat=GROUP)
        await OutboxDelivery(database, CIPHER, bot, admin_ids=[ADMIN]).deliver_due()
        assert api.sent_texts(supergroup)[-1] == "Nieuwe aanmelding 2"
        assert len(api.calls_to("sendMessage")) == calls_before + 1
        admin = _admin_texts(api)
        assert len(admin) == 1 and f"STAFF_CHAT_ID={supergroup}" in admin[0]
        await bot.shutdown()


async def test_bot_removed_from_staff_group_keeps_cards_and_tells_admins(
    database: Database,
) -> None:
    clock = FakeClock(datetime.now(UTC))
    with FakeBotApi() as api:
        bot = Bot("123:OUT", base_url=api.base_url)
        await bot.initialize()
        api.block_chat(GROUP)
        with database.session() as s:
            for n in (1, 2):
                enqueue(
                    s,
                    CIPHER,
                    chat_id=GROUP,
                    text=f"kaart {n}",
                    kind="lead_card",
                    dedupe_key=f"k{n}",
                    not_before=clock.now(),
                )
        delivery = OutboxDelivery(database, CIPHER, bot, clock=clock, admin_ids=[ADMIN])
        await delivery.deliver_due()
        await delivery.deliver_due()
        assert len(_admin_texts(api)) == 1 and "groep" in _admin_texts(api)[0]  # rate-limited
        with database.session() as s:
            assert {
                r.status
                for r in s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "lead_card"))
            } == {"pending"}
        api.unblock_chat(GROUP)  # an admin adds the bot again
        clock.advance(timedelta(minutes=5))
        await delivery.deliver_due()
        assert api.sent_texts(GROUP) == ["kaart 1", "kaart 2"]
        await bot.shutdown()


async def test_rows_that_end_up_failed_are_reported_once_per_hour(database: Database) -> None:
    clock = FakeClock(datetime.now(UTC))
    with FakeBotApi() as api:
        bot = Bot("123:OUT", base_url=api.base_url)
        await bot.initialize()
        api.fail_next("sendMessage", count=2 * MAX_ATTEMPTS, error_code=400)
        with database.session() as s:
            for n in (1, 2):
                enqueue(
                    s,
                    CIPHER,
                    chat_id=CHAT,
                    text=f"x{n}",
                    kind="reminder",
                    dedupe_key=f"f{n}",
                    not_before=clock.now(),
                )
        delivery = OutboxDelivery(database, CIPHER, bot, clock=clock, admin_ids=[ADMIN])
        for _ in range(MAX_ATTEMPTS + 2):
            await delivery.deliver_due()
            clock.advance(timedelta(minutes=11))
        with database.session() as s:
            statuses = {
                r.dedupe_key: r.status
                for r in s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "reminder"))
            }
        assert statuses == {"f1": "failed", "f2": "failed"}
        assert len(_admin_texts(api)) == 1 and "failed" in _admin_texts(api)[0]
        await bot.shutdown()
