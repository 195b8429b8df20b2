"""The greeting action with real rasa_sdk Trackers: the introduction once per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.greeting import ActionGreet, greeted_this_session


def bot(response: str) -> dict[str, Any]:
    return {"event": "bot", "text": "…", "metadata": {"utter_action": response}}


def tracker(text: str, events: list[dict[str, Any]]) -> Tracker:
    return Tracker(
        sender_id="pseudonym-1",
        slots={},
        latest_message={"text": text, "intent": {"name": "greet", "confidence": 0.99}},
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name=None,
    )


async def responses(text: str, events: list[dict[str, Any]]) -> list[str]:
    dispatcher = CollectingDispatcher()
    assert await ActionGreet().run(dispatcher, tracker(text, events), {}) == []
    return [message["response"] for message in dispatcher.messages]


async def test_the_first_hello_gets_the_introduction() -> None:
    assert await responses("hoi", [{"event": "session_started"}]) == ["utter_greet"]


async def test_hello_again_gets_a_short_hello() -> None:
    events = [{"event": "session_started"}, bot("utter_greet"), bot("utter_what_is_joinus")]
    assert await responses("hoi", events) == ["utter_greet_again"]
    assert await responses("hallo nog een keer", [*events, bot("utter_greet_again")]) == [
        "utter_greet_again"
    ]


@pytest.mark.parametrize("text", ["/greet", '/greet{"source": "poster_veghel"}'])
async def test_start_always_gets_the_introduction(text: str) -> None:
    assert await responses(text, [{"event": "session_started"}, bot("utter_greet")]) == [
        "utter_greet"
    ]


def test_a_new_session_introduces_again() -> None:
    assert greeted_this_session([bot("utter_greet")])
    assert not greeted_this_session([bot("utter_greet"), {"event": "session_started"}])
    assert not greeted_this_session([{"event": "session_started"}, bot("utter_help")])


def test_the_action_and_both_responses_are_in_the_domain() -> None:
    domain = yaml.safe_load(Path("domain/core.yml").read_text(encoding="utf-8"))
    assert ActionGreet().name() in domain["actions"]
    assert {"utter_greet", "utter_greet_again"} <= set(domain["responses"])
