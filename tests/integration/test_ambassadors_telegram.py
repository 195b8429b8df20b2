"""The ambassador and coach journeys through the real Application and a fake Bot API."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.ambassadors.formats import format_day
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


async def test_coach_types_dates_in_dutch_words(running: tuple[FakeBotApi, Any]) -> None:
    api, _app = running
    api.push_command(COACH, "/ambnodig", "Het Lyceum", first_name="Coach")
    await _wait(api, COACH, 1)
    today = datetime.now(ZoneInfo("Europe/Amsterdam")).date()

    api.push_command(COACH, "/ambtaak", "1 team over twee weken Flyers uitdelen")
    added = (await _wait(api, COACH, 2))[1]["text"]
    assert f"Flyers uitdelen ({format_day(today + timedelta(days=14))})" in added, added
    task_id = re.search(r"Taak #(\d+)", added)
    assert task_id, added

    api.push_command(COACH, "/ambtaak", "1 team eind oktober Flyers uitdelen")
    refused = (await _wait(api, COACH, 3))[2]["text"]
    assert "‘eind oktober Flyers uitdelen’" in refused and "24 oktober" in refused

    api.push_command(COACH, "/ambdatum", f"{task_id.group(1)} overmorgen")
    moved = (await _wait(api, COACH, 4))[3]["text"]
    assert moved == f"Taak #{task_id.group(1)} staat nu op {format_day(today + timedelta(days=2))}."


def _buttons(message: dict[str, Any]) -> list[str]:
    return [b["callback_data"] for row in message["reply_markup"]["inline_keyboard"] for b in row]


async def test_every_button_pattern_reaches_its_handler(
    running: tuple[FakeBotApi, Any],
) -> None:
    """One handler per button pattern: enrolment, parent consent, more time, stop, coach hours,
    and old or altered buttons — each press gets its own answer, and a stranger none of staff's."""
    api, _app = running
    NOOR, PARENT = 1002, 2001

    async def invite() -> str:
        before = len(api.sent_texts(COACH))
        api.push_command(COACH, "/ambnodig", "Het Lyceum", first_name="Coach")
        texts = [m["text"] for m in await _wait(api, COACH, before + 1)]
        found = re.search(r"start=amb_([A-Za-z0-9_-]+)", texts[-1])
        assert found, texts[-1]
        return found.group(1)

    async def last(chat: int, after: int) -> dict[str, Any]:
        return (await _wait(api, chat, after + 1))[after]

    # A student says no first, then yes (16+).
    token = await invite()
    api.push_command(SAM, "/start", f"amb_{token}", first_name="Sam")
    welcome = await last(SAM, 0)
    assert _buttons(welcome) == [f"amb|ok|{token}", f"amb|u16|{token}", "amb|no"]
    api.push_callback(SAM, "amb|no", welcome["message_id"], first_name="Sam")
    assert "niets van je bewaard" in (await last(SAM, 1))["text"]
    api.push_callback(SAM, f"amb|ok|{token}", welcome["message_id"], first_name="Sam")
    assert "Welkom als ambassadeur" in (await last(SAM, 2))["text"]

    # More time: the choice of days, then one of them; a forged number of days is refused.
    api.push_command(SAM, "/taken", first_name="Sam")
    tasks = await last(SAM, 3)
    more = next(d for d in _buttons(tasks) if d.startswith("amb|more|"))
    api.push_callback(SAM, more, tasks["message_id"], first_name="Sam")
    choice = await last(SAM, 4)
    days = _buttons(choice)
    assert [d.rsplit("|", 1)[1] for d in days] == ["3", "7", "14"]
    api.push_callback(SAM, days[1], choice["message_id"], first_name="Sam")
    assert "Nieuwe datum" in (await last(SAM, 5))["text"]
    api.push_callback(SAM, days[1].rsplit("|", 1)[0] + "|5", choice["message_id"], first_name="Sam")
    assert "Deze knop werkt niet meer. Typ /taken." in (await last(SAM, 6))["text"]
    api.push_callback(SAM, "amb|bogus|1", choice["message_id"], first_name="Sam")
    assert "Deze knop werkt niet meer. Typ /taken." in (await last(SAM, 7))["text"]

    # Under 16: the parent's link, the parent's yes.
    token = await invite()
    api.push_command(NOOR, "/start", f"amb_{token}", first_name="Noor")
    welcome = await last(NOOR, 0)
    api.push_callback(NOOR, f"amb|u16|{token}", welcome["message_id"], first_name="Noor")
    code = re.search(r"start=ambp_([A-Za-z0-9_-]+)", (await last(NOOR, 1))["text"])
    assert code, "the student gets a link for the parent"
    api.push_command(PARENT, "/start", f"ambp_{code.group(1)}", first_name="Mam")
    question = await last(PARENT, 0)
    assert "Geeft u toestemming?" in question["text"]
    api.push_callback(PARENT, f"amb|pok|{code.group(1)}", question["message_id"], first_name="Mam")
    assert "Noor kan nu aan de slag" in (await last(PARENT, 1))["text"]
    await asyncio.to_thread(
        api.wait_for, lambda: any("Goed nieuws" in t for t in api.sent_texts(NOOR)), 10
    )

    # Coach buttons: a stranger gets an alert, the coach rejects, an unknown action is refused.
    api.push_command(SAM, "/uren", "1 posters", first_name="Sam")
    await asyncio.to_thread(
        api.wait_for, lambda: any("posters" in t for t in api.sent_texts(COACH)), 10
    )
    hours = next(m for m in api.sent_messages(COACH) if "posters" in m["text"])
    reject = _buttons(hours)[1]
    assert reject.startswith("ambs|hno|")
    strangers = len(api.sent_texts(STRANGER))
    api.push_callback(STRANGER, reject, hours["message_id"])
    await asyncio.to_thread(
        api.wait_for,
        lambda: any(
            a.get("show_alert") and "medewerkers" in a.get("text", "")
            for a in api.answered_callbacks
        ),
        10,
    )
    assert len(api.sent_texts(STRANGER)) == strangers
    coach_before = len(api.sent_texts(COACH))
    api.push_callback(COACH, reject, hours["message_id"], first_name="Coach")
    assert "afgewezen" in (await last(COACH, coach_before))["text"]
    api.push_callback(COACH, "ambs|zzz|1", hours["message_id"], first_name="Coach")
    assert (await last(COACH, coach_before + 1))["text"] == "Deze knop werkt niet meer."

    # Stopping: "no, I go on", then "yes, I stop".
    before = len(api.sent_texts(SAM))
    api.push_command(SAM, "/stopambassadeur", first_name="Sam")
    ask = await last(SAM, before)
    assert _buttons(ask) == ["amb|stop", "amb|stay"]
    api.push_callback(SAM, "amb|stay", ask["message_id"], first_name="Sam")
    assert "Fijn!" in (await last(SAM, before + 1))["text"]
    api.push_callback(SAM, "amb|stop", ask["message_id"], first_name="Sam")
    assert "uitgeschreven" in (await last(SAM, before + 2))["text"]
