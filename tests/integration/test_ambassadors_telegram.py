"""The ambassador and coach journeys through the real Application and a fake Bot API."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.core.settings import load_settings
from tests import running_app
from tests.fakes.bot_api import FakeBotApi

COACH, SAM, STRANGER = 900, 1001, 1003
FACTS = str(Path(__file__).resolve().parents[2] / "content" / "facts.yml")


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[tuple[FakeBotApi, Any]]:
    with FakeBotApi() as api:
        settings = load_settings(
            {
                "JOINUS_DATA_DIR": str(tmp_path),
                "TELEGRAM_BOT_TOKEN": "123:ABC",
                "TELEGRAM_BASE_URL": api.base_url,
                "RASA_URL": "http://127.0.0.1:9",  # never reached by these flows
                "ADMIN_TELEGRAM_IDS": str(COACH),
                "FACTS_FILE": FACTS,
            }
        )
        app = await running_app.start_polling(settings)
        try:
            yield api, app
        finally:
            await running_app.stop(app)


async def _wait(api: FakeBotApi, chat: int, count: int) -> list[dict[str, Any]]:
    return await asyncio.to_thread(api.wait_for_messages, chat, count, 10)


async def test_coach_invites_student_enrols_and_ticks_off_a_task(
    running: tuple[FakeBotApi, Any],
) -> None:
    api, _app = running
    api.push_command(STRANGER, "/ambteams")
    assert "alleen voor medewerkers" in (await _wait(api, STRANGER, 1))[0]["text"]

    api.push_command(COACH, "/ambnodig", "Het Lyceum 2025", first_name="Coach")
    invite_text = (await _wait(api, COACH, 1))[0]["text"]
    token = re.search(r"start=amb_([A-Za-z0-9_-]+)", invite_text)
    assert token, invite_text

    api.push_command(SAM, "/start", f"amb_{token.group(1)}", first_name="Sam")
    welcome = (await _wait(api, SAM, 1))[0]
    assert "ambassadeur van Join us" in welcome["text"] and "voornaam" in welcome["text"]
    data = [b["callback_data"] for row in welcome["reply_markup"]["inline_keyboard"] for b in row]
    assert data[0].startswith("amb|ok|")
    api.push_callback(SAM, data[0], welcome["message_id"], first_name="Sam")
    assert "Welkom als ambassadeur" in (await _wait(api, SAM, 2))[1]["text"]
    coach_msgs = await _wait(api, COACH, 2)  # outbox: "Nieuwe ambassadeur: Sam"
    assert any("Nieuwe ambassadeur: Sam" in m["text"] for m in coach_msgs)

    api.push_text(SAM, "Wat moet ik doen?", first_name="Sam")
    tasks = (await _wait(api, SAM, 3))[2]
    assert "Jouw planning" in tasks["text"] and "avondgroep" in tasks["text"]
    done = tasks["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    api.push_callback(SAM, done, tasks["message_id"], first_name="Sam")
    assert "afgevinkt" in (await _wait(api, SAM, 4))[3]["text"]

    api.push_command(SAM, "/uren", "2 meegelopen avondgroep", first_name="Sam")
    assert "2 van de 30" not in (await _wait(api, SAM, 5))[4]["text"]  # pending, not confirmed
    hours = [m for m in await _wait(api, COACH, 4) if "schreef" in m["text"]]
    assert hours, "coach gets the hours to confirm"
    confirm = hours[0]["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    api.push_callback(STRANGER, confirm, hours[0]["message_id"])  # forged press by a non-staff user
    api.push_callback(COACH, confirm, hours[0]["message_id"], first_name="Coach")
    sam_texts = [m["text"] for m in await _wait(api, SAM, 6)]
    assert any("2 uur bevestigd" in t for t in sam_texts)
    assert not any("bevestigd" in m.get("text", "") for m in api.sent_messages(STRANGER)[1:])

    api.push_command(COACH, "/ambteams", "2025", first_name="Coach")
    await asyncio.to_thread(
        api.wait_for, lambda: any("Team " in t for t in api.sent_texts(COACH)), 10
    )
    overview = next(t for t in api.sent_texts(COACH) if "Team " in t)
    assert "Sam" in overview and "2 uur bevestigd" in overview
