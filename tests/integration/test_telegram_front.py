"""The Telegram front end against a fake Bot API server and a scripted fake Rasa."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.core.settings import load_settings
from bot.telegram.app import webhook_options
from tests import running_app
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.rasa import FakeRasa

# Ten-digit ids: a random hex pseudonym contains a short id like "1001" by chance now and then.
ALICE, BOB = 7_340_011_001, 7_340_011_002
FACTS_FILE = Path(__file__).resolve().parents[2] / "content" / "facts.yml"


@pytest.fixture
def fake_api() -> AsyncIterator[FakeBotApi]:  # type: ignore[misc]
    with FakeBotApi() as api:
        yield api


@pytest.fixture
def fake_rasa() -> AsyncIterator[FakeRasa]:  # type: ignore[misc]
    with FakeRasa(slow_seconds=2.0) as rasa:
        yield rasa


async def _running_app(
    tmp_path: Path, api: FakeBotApi, rasa_url: str, rasa_timeout: float = 5.0, **extra: str
) -> Any:
    settings = load_settings(
        {
            **extra,
            "JOINUS_DATA_DIR": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": "123:ABC",
            "TELEGRAM_BASE_URL": api.base_url,
            "RASA_URL": rasa_url,
            "RASA_TIMEOUT": str(rasa_timeout),
            "FACTS_FILE": str(FACTS_FILE),
        }
    )
    return await running_app.start_polling(settings)


async def _stop(app: Any) -> None:
    await running_app.stop(app)


async def wait_texts(api: FakeBotApi, chat: int, count: int, wait: float = 10) -> list[str]:
    messages = await asyncio.to_thread(api.wait_for_messages, chat, count, wait)
    return [m["text"] for m in messages]


async def test_text_non_text_edit_and_buttons(
    tmp_path: Path, fake_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    app = await _running_app(tmp_path, fake_api, fake_rasa.url)
    try:
        fake_api.push_text(ALICE, "hallo <b>")
        assert (await wait_texts(fake_api, ALICE, 1))[0] == "echo: hallo &lt;b&gt;"

        fake_api.push_sticker(ALICE)
        fake_api.push_photo(ALICE)
        fake_api.push_location(ALICE)
        texts = await wait_texts(fake_api, ALICE, 4)
        assert texts[1:4] == ["Ik kan alleen tekst lezen. Wil je je vraag typen? 🙂"] * 3

        fake_api.push_edited_text(ALICE, "aangepast")
        assert "aangepast" in (await wait_texts(fake_api, ALICE, 5))[4]

        fake_api.push_text(ALICE, "knoppen")
        sent = await asyncio.to_thread(fake_api.wait_for_messages, ALICE, 6)
        keyboard = sent[5]["reply_markup"]["inline_keyboard"]
        datas = [row[0]["callback_data"] for row in keyboard]
        assert datas[0].startswith("p|/affirm|") and datas[1].startswith("h|")
        assert all(len(d.encode()) <= 64 for d in datas)

        fake_api.push_callback(ALICE, datas[1], sent[5]["message_id"])
        await wait_texts(fake_api, ALICE, 7)
        assert fake_rasa.received[-1]["message"].startswith('/inform{"area"')
        assert fake_api.answered_callbacks, "the button press must be acknowledged"
        # Rasa never sees the Telegram id, only the pseudonym
        assert all(str(ALICE) not in r["sender"] for r in fake_rasa.received)
    finally:
        await _stop(app)


async def test_forged_or_expired_button_is_handled_kindly(
    tmp_path: Path, fake_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    app = await _running_app(tmp_path, fake_api, fake_rasa.url)
    try:
        fake_api.push_text(ALICE, "knoppen")
        first = (await asyncio.to_thread(fake_api.wait_for_messages, ALICE, 1))[0]
        fake_api.push_callback(ALICE, "h|" + "0" * 32, first["message_id"])
        assert "werkt niet meer" in (await wait_texts(fake_api, ALICE, 2))[1]
        turns = len(fake_rasa.received)
        # Callback data made up by a client: an unsigned or wrongly signed intent, a signature
        # copied onto another payload, and a real button of Alice pressed from Bob's chat.
        real = first["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        mac = real.rpartition("|")[2]
        forged = ["p|/affirm", "p|/greet|AAAAAAAAAAA", f"p|/stop|{mac}", 'p|/inform{"x":1}']
        for index, data in enumerate(forged):
            fake_api.push_callback(ALICE, data, first["message_id"])
            assert "werkt niet meer" in (await wait_texts(fake_api, ALICE, 3 + index))[-1]
        fake_api.push_text(BOB, "knoppen")
        bob = (await asyncio.to_thread(fake_api.wait_for_messages, BOB, 1))[0]
        turns = len(fake_rasa.received)
        fake_api.push_callback(BOB, real, bob["message_id"])
        assert "werkt niet meer" in (await wait_texts(fake_api, BOB, 2))[-1]
        assert len(fake_rasa.received) == turns, "no forged payload reached Rasa"
        fake_api.push_callback(ALICE, real, first["message_id"])  # the real one still works
        await wait_texts(fake_api, ALICE, 3 + len(forged))
        assert len(fake_rasa.received) == turns + 1
    finally:
        await _stop(app)


async def test_long_reply_is_split(
    tmp_path: Path, fake_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    app = await _running_app(tmp_path, fake_api, fake_rasa.url)
    try:
        fake_api.push_text(ALICE, "lang")
        texts = await wait_texts(fake_api, ALICE, 3)
        assert all(len(t) <= 4096 for t in texts)
        assert sum(len(t) for t in texts) > 8000
    finally:
        await _stop(app)


async def test_slow_turn_does_not_block_others_and_order_is_kept(
    tmp_path: Path, fake_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    app = await _running_app(tmp_path, fake_api, fake_rasa.url)
    try:
        start = time.monotonic()
        fake_api.push_text(ALICE, "traag")
        fake_api.push_text(ALICE, "daarna")
        await asyncio.sleep(0.2)
        fake_api.push_text(BOB, "snel")
        assert (await wait_texts(fake_api, BOB, 1)) == ["echo: snel"]
        assert time.monotonic() - start < 1.8, "Bob waited for Alice's slow turn"
        assert (await wait_texts(fake_api, ALICE, 2)) == ["eindelijk", "echo: daarna"]
    finally:
        await _stop(app)


async def test_rasa_down_then_back(tmp_path: Path, fake_api: FakeBotApi) -> None:
    rasa = FakeRasa()
    # Reserve Rasa's address but do not serve yet: the bot must cope and then recover.
    app = await _running_app(tmp_path, fake_api, rasa.url, rasa_timeout=1.0)
    try:
        start = time.monotonic()
        fake_api.push_text(ALICE, "hoi")
        texts = await wait_texts(fake_api, ALICE, 1)
        assert "even niet bereikbaar" in texts[0]
        assert time.monotonic() - start < 5
        rasa.start()
        fake_api.push_text(ALICE, "hoi")
        assert (await wait_texts(fake_api, ALICE, 2))[1] == "echo: hoi"
        fake_api.push_text(ALICE, "leeg")  # Rasa up, action server down: still an answer
        assert "even niet bereikbaar" in (await wait_texts(fake_api, ALICE, 3))[2]
    finally:
        await _stop(app)
        rasa.stop()


async def test_crisis_message_answered_even_with_rasa_down(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    app = await _running_app(tmp_path, fake_api, "http://127.0.0.1:9", rasa_timeout=1.0)
    try:
        fake_api.push_text(ALICE, "ik wil niet meer leven")
        texts = await wait_texts(fake_api, ALICE, 1)
        assert "113" in texts[0]
    finally:
        await _stop(app)


async def test_staff_told_time_and_category_only_of_a_crisis_reply(
    tmp_path: Path, fake_api: FakeBotApi
) -> None:
    staff_group = -100123
    app = await _running_app(
        tmp_path, fake_api, "http://127.0.0.1:9", rasa_timeout=1.0, STAFF_CHAT_ID=str(staff_group)
    )
    try:
        message = "mijn vader slaat me elke avond"
        fake_api.push_text(ALICE, message)
        assert "0800-2000" in (await wait_texts(fake_api, ALICE, 1))[0]
        alert = (await wait_texts(fake_api, staff_group, 1))[0]
        assert "crisisantwoord" in alert and "geweld thuis" in alert
        assert str(ALICE) not in alert and "vader" not in alert and "Test" not in alert
    finally:
        await _stop(app)


async def test_webhook_mode_checks_the_secret_token(
    tmp_path: Path, fake_api: FakeBotApi, fake_rasa: FakeRasa
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = load_settings(
        {
            "JOINUS_DATA_DIR": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": "123:ABC",
            "TELEGRAM_BASE_URL": fake_api.base_url,
            "RASA_URL": fake_rasa.url,
            "FACTS_FILE": str(FACTS_FILE),
            "TELEGRAM_MODE": "webhook",
            "WEBHOOK_URL": "https://bot.example.invalid/telegram/hook",
            "WEBHOOK_SECRET": "s3cret-token",
            "WEBHOOK_PORT": str(port),
        }
    )
    options = webhook_options(settings)
    assert options["url_path"] == "telegram/hook" and options["listen"] == "127.0.0.1"
    app = await running_app.initialise(settings)
    options.pop("allowed_updates")
    await app.updater.start_webhook(**options)
    await app.start()
    try:
        assert fake_api.webhook_url == "https://bot.example.invalid/telegram/hook"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "text": "hallo",
                "chat": {"id": ALICE, "type": "private"},
                "from": {"id": ALICE, "is_bot": False, "first_name": "A"},
            },
        }
        url = f"http://127.0.0.1:{port}/telegram/hook"
        async with httpx.AsyncClient() as client:
            forged = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}
            )
            assert forged.status_code == 403
            real = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret-token"}
            )
            assert real.status_code == 200
        assert await wait_texts(fake_api, ALICE, 1) == ["echo: hallo"]
    finally:
        await running_app.stop(app)
