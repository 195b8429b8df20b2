"""The one token-bound yes/no choice (actions/choices.py), for both families that use it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.choices import CONSENT_CHOICE, SCHOOL_CHOICE, YesNoChoice

FAMILIES = [CONSENT_CHOICE, SCHOOL_CHOICE]


def _slots(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def _pressed(payload: str, slots: dict[str, Any]) -> Tracker:
    """The turn Rasa makes of a button payload '/intent{json}': that intent, those entities."""
    intent, _, raw = payload.removeprefix("/").partition("{")
    values = json.loads("{" + raw) if raw else {}
    entities = [{"entity": name, "value": value} for name, value in values.items()]
    return _tracker(slots, intent=intent, entities=entities, text=payload)


def _tracker(
    slots: dict[str, Any],
    *,
    intent: str,
    entities: list[dict[str, Any]] | None = None,
    text: str = "",
) -> Tracker:
    return Tracker(
        sender_id="p" * 64,
        slots=slots,
        latest_message={"text": text, "intent": {"name": intent}, "entities": entities or []},
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def _offer(choice: YesNoChoice, **kwargs: Any) -> tuple[list[dict[str, str]], dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = choice.offer(dispatcher, "thing", "Mag dit?", "Ja", "Nee", **kwargs)
    message = dispatcher.messages[-1]
    buttons = message["buttons"] or message["custom"]["buttons"]
    return buttons, _slots(events)


@pytest.mark.parametrize("choice", FAMILIES)
def test_our_buttons_answer_yes_and_no(choice: YesNoChoice) -> None:
    buttons, slots = _offer(choice)
    assert [b["title"] for b in buttons] == ["Ja", "Nee"]
    assert slots[choice.pending_slot] == "thing"
    assert choice.pending(_tracker(slots, intent="x")) == "thing"
    assert choice.answer(_pressed(buttons[0]["payload"], slots)) == "yes"
    assert choice.answer(_pressed(buttons[1]["payload"], slots)) == "no"


@pytest.mark.parametrize("choice", FAMILIES)
def test_an_old_button_or_typed_text_answers_nothing(choice: YesNoChoice) -> None:
    old, _ = _offer(choice)
    _, slots = _offer(choice)  # a new offer replaces the token
    assert choice.answer(_pressed(old[0]["payload"], slots)) is None
    typed = _tracker(slots, intent=choice.yes_intent, text="ja hoor")
    assert choice.answer(typed) is None
    cleared = _slots(choice.clear())
    assert cleared == {choice.pending_slot: None, choice.token_slot: None}
    assert choice.answer(_pressed(old[0]["payload"], cleared)) is None
    assert choice.pending(_tracker(cleared, intent="x")) is None


def test_the_two_families_keep_their_domain_wiring() -> None:
    consent, _ = _offer(CONSENT_CHOICE)
    school, _ = _offer(SCHOOL_CHOICE)
    assert consent[0]["payload"].startswith('/agree{"token": ')
    assert consent[1]["payload"].startswith('/decline{"token": ')
    assert school[0]["payload"].startswith('/school_choice{"school_token": ')
    assert school[0]["payload"].endswith('"school_answer": "yes"}')
    # A forged answer on the school's single intent is not an answer.
    token = json.loads(
        school[0]["payload"].partition("{")[1] + school[0]["payload"].partition("{")[2]
    )
    forged = _tracker(
        {"school_token": token["school_token"]},
        intent="school_choice",
        entities=[
            {"entity": "school_token", "value": token["school_token"]},
            {"entity": "school_answer", "value": "misschien"},
        ],
    )
    assert SCHOOL_CHOICE.answer(forged) is None


def test_another_step_instead_of_no_and_a_text_the_bot_process_renders() -> None:
    buttons, _ = _offer(SCHOOL_CHOICE, no_payload="/youth_role")
    assert buttons[1]["payload"] == "/youth_role"
    dispatcher = CollectingDispatcher()
    CONSENT_CHOICE.offer(
        dispatcher, "parent_consent", "", "Ja", "Nee", directive={"directive": "personal_text"}
    )
    message = dispatcher.messages[-1]
    assert message["text"] is None and message["custom"]["directive"] == "personal_text"
    assert len(message["custom"]["buttons"]) == 2
