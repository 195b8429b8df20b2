"""School requests on Telegram through the real app: 'r|' buttons, /verzoeken, /verzoek.

Staff roles are checked on the server, forged callback data is refused, and the school
employee's chat gets the claim, the answer and "afgerond" through the outbox.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.core.settings import load_settings
from bot.school.requests import RequestDraft
from tests import running_app
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.rasa import FakeRasa
from tests.leads_support import ADMIN, OUTSIDER, STAFF_CHAT

TOKEN = "123:ABC"
FACTS_FILE = str(Path(__file__).resolve().parents[2] / "content" / "facts.yml")
MENTOR = "m" * 64
MENTOR_CHAT = 5550001


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture
def rasa() -> Iterator[FakeRasa]:
    with FakeRasa() as fake:
        yield fake


async def _app(tmp_path: Path, api: FakeBotApi, rasa: FakeRasa) -> Any:
    settings = load_settings(
        {
            "JOINUS_DATA_DIR": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": api.base_url,
            "RASA_URL": rasa.url,
            "ENCRYPTION_KEY": "test-encryption-key",
            "ADMIN_TELEGRAM_IDS": str(ADMIN),
            "STAFF_CHAT_ID": str(STAFF_CHAT),
            "FACTS_FILE": FACTS_FILE,
        }
    )
    return await running_app.start_polling(settings)


async def _stop(app: Any) -> None:
    await running_app.stop(app)


async def _texts(api: FakeBotApi, chat: int, count: int) -> list[str]:
    messages = await asyncio.to_thread(api.wait_for_messages, chat, count, 10.0)
    return [str(m["text"]) for m in messages]


async def _answer(api: FakeBotApi, count: int) -> str:
    await asyncio.to_thread(api.wait_for, lambda: len(api.answered_callbacks) >= count, 10.0)
    return str(api.answered_callbacks[count - 1].get("text", ""))


async def test_presentation_request_claimed_answered_and_done(
    tmp_path: Path, api: FakeBotApi, rasa: FakeRasa
) -> None:
    app = await _app(tmp_path, api, rasa)
    try:
        runtime = app.bot_data["runtime"]
        draft = RequestDraft(
            "presentation", "Fioretti College", "zorgcoordinator", "+31413123456", details="jan_mrt"
        )
        submitted = await asyncio.to_thread(runtime.referrals.submit, MENTOR, draft)
        assert await asyncio.to_thread(
            runtime.referrals.attach_chat, MENTOR, submitted.public_id, MENTOR_CHAT
        )
        app.bot_data["delivery"].wake()
        card = (await asyncio.to_thread(api.wait_for_messages, STAFF_CHAT, 1, 10.0))[0]
        assert "presentatie" in card["text"] and "+31413123456" not in card["text"]
        data = [b["callback_data"] for row in card["reply_markup"]["inline_keyboard"] for b in row]
        assert data[0] == f"r|claim|{submitted.public_id}"

        api.push_callback(OUTSIDER, data[0], card["message_id"])
        assert "alleen voor medewerkers" in await _answer(api, 1)
        api.push_command(OUTSIDER, "/verzoeken")
        assert "alleen voor medewerkers" in (await _texts(api, OUTSIDER, 1))[0]
        api.push_callback(ADMIN, "r|claim|ZZZZ99", card["message_id"])
        assert "bestaat niet" in await _answer(api, 2)
        api.push_callback(ADMIN, f"r|wipe|{submitted.public_id}", card["message_id"])
        assert "werkt niet" in await _answer(api, 3)

        api.push_callback(ADMIN, data[0], card["message_id"])
        assert "opgepakt" in await _answer(api, 4)
        details = (await _texts(api, ADMIN, 1))[0]
        assert "+31413123456" in details and "januari - maart" in details
        api.push_command(
            ADMIN, "/verzoek", f"{submitted.public_id} Wij komen graag op 12 februari."
        )
        assert "Verstuurd" in (await _texts(api, ADMIN, 2))[-1]
        api.push_callback(ADMIN, f"r|done|{submitted.public_id}", card["message_id"])
        assert "afgerond" in await _answer(api, 5)

        to_school = await _texts(api, MENTOR_CHAT, 3)
        assert "opgepakt" in to_school[0]
        assert "12 februari" in to_school[1]
        assert "afgerond" in to_school[2]
    finally:
        await _stop(app)
