"""End to end (issue 11): after every flow, the typed personal values are nowhere in plain text
(nor JSON-escaped or base64) in any row of any table of Rasa's tracker store or our database.

The real three processes run once for this module (`python -m bot` with the fake Bot API);
each test is one person's flow.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bot.core.keys import load_or_create_secret
from bot.core.pseudonym import Pseudonymiser
from bot.pipeline.tracker import TrackerStore
from tests.e2e.test_pipeline import ROOT, STARTUP, _env, _stop
from tests.e2e.test_pipeline import pytestmark as pipeline_marks
from tests.fakes.bot_api import FakeBotApi
from tests.privacy_scan import find_plaintext

pytestmark = pipeline_marks
ADMIN = 777_000_001
WAIT = 60.0


@dataclass
class Stack:
    api: FakeBotApi
    process: subprocess.Popen[str]
    data_dir: Path
    typed: list[str] = field(default_factory=list)

    def events_of(self, user_id: int) -> int:
        """Rasa events of this Telegram user (found through the same pseudonym the bot uses)."""
        secret = load_or_create_secret(
            self.data_dir / "secrets" / "pseudonym.key", os.environ.get("PSEUDONYM_SECRET")
        )
        pseudonym = Pseudonymiser(secret).for_user("telegram", user_id)
        tracker = TrackerStore(f"sqlite:///{self.data_dir / 'rasa_tracker.db'}")
        try:
            return tracker.count(pseudonym)
        finally:
            tracker.dispose()

    def leaks(self) -> list[str]:
        """Where any value typed so far still shows, in both databases."""
        found: list[str] = []
        for name in ("joinus.db", "rasa_tracker.db"):
            url = f"sqlite:///{self.data_dir / name}"
            found += [f"{name} {hit}" for hit in find_plaintext(url, self.typed)]
        return found


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    data_dir = tmp_path_factory.mktemp("privacy-e2e")
    with FakeBotApi() as api:
        env = _env(
            data_dir,
            TELEGRAM_BOT_TOKEN="123:E2E",
            TELEGRAM_BASE_URL=api.base_url,
            ADMIN_TELEGRAM_IDS=str(ADMIN),
            STAFF_CHAT_ID="-100777",
        )
        log_path = data_dir / "supervisor.out"
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "bot"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                text=True,
            )
        try:
            deadline = time.monotonic() + STARTUP
            while "Telegram-bot draait" not in log_path.read_text():
                assert process.poll() is None, "supervisor died:\n" + log_path.read_text()[-3000:]
                assert time.monotonic() < deadline, "start-up timed out"
                time.sleep(0.5)
            api.wait_for(lambda: bool(api.calls_to("getUpdates")), timeout=60)
            yield Stack(api, process, data_dir)
        finally:
            _stop(process)


class Person:
    """One Telegram user talking to the bot through the fake Bot API."""

    def __init__(self, stack: Stack, user_id: int, first_name: str = "Test") -> None:
        self.stack = stack
        self.api = stack.api
        self.id = user_id
        self.first_name = first_name
        self.seen = 0

    def _messages(self) -> list[dict[str, Any]]:
        return self.api.wait_for_messages(self.id, 0, 0.1)

    async def _expect(self, fragment: str) -> dict[str, Any]:
        """Wait for a new message containing ``fragment`` (case-insensitive); return it."""

        def found() -> dict[str, Any] | None:
            for message in self._messages()[self.seen :]:
                if fragment.lower() in str(message.get("text", "")).lower():
                    return message
            return None

        await asyncio.to_thread(self.api.wait_for, lambda: found() is not None, WAIT)
        message = found()
        assert message is not None, f"no {fragment!r} for {self.id}; got: " + repr(
            [m.get("text") for m in self._messages()[self.seen :]]
        )
        # Let the rest of this turn's messages arrive before the next step.
        await asyncio.sleep(0.3)
        self.seen = len(self._messages())
        return message

    async def say(self, text: str, expect: str, *, personal: bool = False) -> dict[str, Any]:
        if personal:
            self.stack.typed.append(text)
        self.api.push_text(self.id, text, first_name=self.first_name)
        return await self._expect(expect)

    async def command(self, command: str, payload: str | None, expect: str) -> dict[str, Any]:
        self.api.push_command(self.id, command, payload, first_name=self.first_name)
        return await self._expect(expect)

    async def press(self, title: str, expect: str) -> dict[str, Any]:
        for message in reversed(self._messages()):
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    if title.lower() in str(button.get("text", "")).lower():
                        self.api.push_callback(
                            self.id,
                            button["callback_data"],
                            int(message["message_id"]),
                            first_name=self.first_name,
                        )
                        return await self._expect(expect)
        raise AssertionError(f"no button {title!r} for {self.id}")


async def fill_interest_form(
    person: Person,
    age: str,
    route: str,
    *,
    contact: str | None,
    area: str,
    nickname: str,
    wishes: str,
) -> dict[str, Any]:
    await person.say("ik wil meedoen", "Hoe oud ben je")
    await person.press(age, "In welke gemeente")
    await person.say(area, "Hoe wil je", personal=True)
    if contact is not None:
        await person.press(route, "Op welk")
        await person.say("hallo", "")  # a wrong answer: a kind re-ask, nothing stored
        await person.say(contact, "Hoe mag Join us je noemen", personal=True)
    else:
        await person.press(route, "Hoe mag Join us je noemen")
    await person.say("waarom wil je dat weten?", "aanspreken")  # answered, the form goes on
    await person.say(nickname, "Laatste vraag", personal=True)
    return await person.say(wishes, "Dit stuur ik naar Join us", personal=True)


async def test_a_17_year_old_my_data_and_forget(stack: Stack) -> None:
    young = Person(stack, 610_000_017)
    await young.command("/start", "poster_veghel", "Join us")
    preview = await fill_interest_form(
        young,
        "16 of 17",
        "bellen",
        contact="06 4455 6677",
        area="Erpsestraat Veghel",
        nickname="Flamingo Kiki",
        wishes="schaken en pannenkoeken bakken",
    )
    # The preview (rendered by the bot process) shows exactly what was typed.
    assert "Flamingo Kiki" in preview["text"] and "+31644556677" in preview["text"]
    stack.typed.append("44556677")  # the normalised number as well
    assert stack.leaks() == []
    await young.press("Ja, dit mag", "Verstuurd")
    assert stack.leaks() == []

    shown = await young.command("/mijngegevens", None, "Flamingo Kiki")
    assert "Erpsestraat Veghel" in shown["text"]
    assert stack.leaks() == []
    # The scan does see what is there: ordinary turns and placeholders are in Rasa's store.
    tracker = f"sqlite:///{stack.data_dir / 'rasa_tracker.db'}"
    assert find_plaintext(tracker, ["ik wil meedoen", '/inform{"lead_area": "captured"}']) == [
        'events: \'/inform{"lead_area": "captured"}\'',
        "events: 'ik wil meedoen'",
    ]

    await young.command("/vergeet", None, "Weet je het zeker")
    await young.press("Ja, wis alles", "alles wat ik over je had is gewist")
    # Our earlier messages with the details (preview, /mijngegevens) are deleted in the chat.
    assert int(preview["message_id"]) in stack.api.deleted_messages
    assert int(shown["message_id"]) in stack.api.deleted_messages
    assert stack.leaks() == []
    assert find_plaintext(f"sqlite:///{stack.data_dir / 'joinus.db'}", ["poster_veghel"]) != []


async def test_an_under_16_with_a_parent_who_says_yes(stack: Stack) -> None:
    child = Person(stack, 610_000_014)
    await child.command("/start", None, "Join us")
    await fill_interest_form(
        child,
        "12 t/m 15",
        "deze chat",
        contact=None,
        area="Boerderijweg Zeeland",
        nickname="Otter Sem",
        wishes="bordspellen met anderen",
    )
    done = await child.press("Ja, dit mag", "ouder of verzorger aan de beurt")
    code = re.search(r"de code ([A-Z0-9]{6,10})", str(done["text"]))
    assert code is not None, done["text"]
    stack.typed.append(code.group(1))
    assert stack.leaks() == []

    parent = Person(stack, 610_000_099)
    await parent.say(code.group(1), "Otter Sem", personal=True)
    await parent.say("ouder.test@example.org", "ouder.test@example.org", personal=True)
    await parent.press("Ja, ik geef toestemming", "vastgelegd")
    assert stack.leaks() == []


async def test_a_parent_who_says_no_erases_the_childs_conversation(stack: Stack) -> None:
    child = Person(stack, 610_000_013)
    await child.command("/start", None, "Join us")
    await fill_interest_form(
        child,
        "12 t/m 15",
        "deze chat",
        contact=None,
        area="Kerkstraat Heeswijk",
        nickname="Vos Lotte",
        wishes="samen koken",
    )
    done = await child.press("Ja, dit mag", "ouder of verzorger aan de beurt")
    code = re.search(r"de code ([A-Z0-9]{6,10})", str(done["text"]))
    assert code is not None
    stack.typed.append(code.group(1))
    parent = Person(stack, 610_000_098)
    await parent.command("/start", f"ouder_{code.group(1)}", "Vos Lotte")
    await parent.say("06 1111 2222", "toestemming", personal=True)
    assert stack.events_of(child.id) > 0
    await parent.press("Nee", "gewist")
    # The child's conversation is erased with the child's data, the parent's with theirs.
    assert stack.events_of(child.id) == 0
    assert stack.leaks() == []


async def test_a_school_referral(stack: Stack) -> None:
    mentor = Person(stack, 610_000_501)
    await mentor.command("/start", "school", "Werk je op een school")
    await mentor.press("Ja, ik werk op een school", "Waar kan ik je mee helpen")
    await mentor.press("Een leerling verwijzen", "Op welke school")
    await mentor.say("Testcollege Gemert-Noord", "functie", personal=True)
    await mentor.press("Mentor", "telefoonnummer of e-mailadres")
    await mentor.say("mentor.privacytest@school.example", "Hoe oud is de leerling", personal=True)
    await mentor.press("12 t/m 15", "Weet de leerling")
    await mentor.press("Ja, de leerling", "ouders")
    await mentor.press("Ja", "Wat hoop je")
    summary = await mentor.say(
        "dat hij weer durft te praten in de klas",
        "mentor.privacytest@school.example",
        personal=True,
    )
    assert "Testcollege Gemert-Noord" in summary["text"]
    done = await mentor.press("Ja, versturen", "Verstuurd")
    code = re.search(r"code (ref_[\w-]+)", str(done["text"]))
    assert code is not None, done["text"]
    stack.typed.append(code.group(1))
    assert stack.leaks() == []

    student = Person(stack, 610_000_502)
    await student.command("/start", code.group(1), "Join us")
    assert stack.leaks() == []


async def test_an_ambassador_enrolment(stack: Stack) -> None:
    admin = Person(stack, ADMIN)
    invite = await admin.command("/ambnodig", "Privacyschool Uden", "start=amb_")
    token = re.search(r"start=(amb_[\w-]+)", str(invite["text"]))
    assert token is not None
    ambassador = Person(stack, 610_000_700, first_name="Anouk-Privacytest")
    stack.typed.append("Anouk-Privacytest")
    await ambassador.command("/start", token.group(1), "ambassadeur")
    welcome = await ambassador.press("16 of ouder", "Welkom als ambassadeur")
    shown = await ambassador.command("/mijngegevens", None, "ambassadeur")
    assert "Anouk-Privacytest" in shown["text"]
    assert stack.leaks() == []
    await ambassador.command("/vergeet", None, "Weet je het zeker")
    await ambassador.press("Ja, wis alles", "gewist")
    assert int(welcome["message_id"]) in stack.api.deleted_messages  # it showed the name
    assert stack.leaks() == []
    assert stack.process.poll() is None
    logs = [*(stack.data_dir / "log").glob("*.log"), stack.data_dir / "supervisor.out"]
    for log_file in logs:
        text = log_file.read_text(errors="replace")
        assert "Traceback" not in text and "directive" not in text, log_file.name
