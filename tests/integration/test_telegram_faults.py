"""Telegram answering 429, 500 or not at all: replies wait in the outbox, nothing is lost."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.core.settings import load_settings
from tests import running_app
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.rasa import FakeRasa

FACTS_FILE = str(Path(__file__).resolve().parents[2] / "content" / "facts.yml")


@pytest.mark.parametrize("fault", ["429", "500", "timeout"])
async def test_replies_survive_a_telegram_fault(tmp_path: Path, fault: str) -> None:
    with FakeBotApi() as api, FakeRasa() as rasa:
        settings = load_settings(
            {
                "JOINUS_DATA_DIR": str(tmp_path),
                "TELEGRAM_BOT_TOKEN": "123:ABC",
                "TELEGRAM_BASE_URL": api.base_url,
                "RASA_URL": rasa.url,
                "FACTS_FILE": FACTS_FILE,
            }
        )
        app = await running_app.start_polling(settings)
        try:
            api.set_fault(fault, retry_after=1, delay=8)
            api.push_text(5001, "hallo")
            api.push_text(5002, "ik wil dood")
            api.push_text(5003, "knoppen")
            await asyncio.sleep(8)
            api.set_fault(None)
            for user, expected in ((5001, "echo: hallo"), (5002, "113"), (5003, "Kies:")):
                messages = await asyncio.to_thread(api.wait_for_messages, user, 1, 30)
                assert expected in messages[0]["text"]
            assert api.sent_messages(5003)[0]["reply_markup"]["inline_keyboard"]
            await asyncio.sleep(3)
            assert all(len(api.sent_messages(u)) == 1 for u in (5001, 5002, 5003))  # once each
        finally:
            await running_app.stop(app)
