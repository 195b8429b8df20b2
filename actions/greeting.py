"""The greeting: the whole introduction once, a short hello when someone says "hoi" again."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

EventList = list[dict[str, Any]]

GREETINGS = frozenset({"utter_greet", "utter_greet_again"})


def greeted_this_session(events: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the bot already introduced itself since the session started."""
    greeted = False
    for event in events:
        kind = event.get("event")
        if kind == "session_started":
            greeted = False
        elif kind == "bot" and (event.get("metadata") or {}).get("utter_action") in GREETINGS:
            greeted = True
    return greeted


class ActionGreet(Action):
    """/start (or a deep link) always gets the introduction: it may be a new start. A typed
    greeting gets it the first time in a session, later a short hello (the introduction twice
    in a row reads like the bot did not listen)."""

    def name(self) -> str:
        return "action_greet"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        text = str((tracker.latest_message or {}).get("text") or "")
        typed = not text.startswith("/")
        if typed and greeted_this_session(tracker.events or []):
            dispatcher.utter_message(response="utter_greet_again")
        else:
            dispatcher.utter_message(response="utter_greet")
        return []
