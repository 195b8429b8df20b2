"""Never stuck: Dutch two-stage fallback, out-of-scope answers and anonymous miss counts."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.answers import (
    HANDOFF_PAYLOAD,
    INTEREST_PAYLOAD,
    affirmation_message,
    last_missed_message,
    topic_guess,
)
from bot.services.insights import InsightsService
from bot.settings import load_settings
from bot.storage.db import Database

log = logging.getLogger(__name__)

GIVE_UP_TEXT = (
    "Sorry, ik snap je vraag nog steeds niet. Ik wil je niet in rondjes laten draaien. "
    "Je kunt met iemand van Join us praten, of Join us contact met je laten opnemen. "
    "Of stel gerust een andere vraag."
)


@lru_cache(maxsize=1)
def insights() -> InsightsService:
    """One database connection pool per action-server process, opened on first use."""
    return InsightsService(Database(load_settings().database_url))


def count_unanswered(kind: str, parse_data: Mapping[str, Any] | None) -> None:
    """Best effort: a failing count must never cost the user their reply."""
    try:
        insights().record_unanswered(kind, topic_guess(parse_data or {}))
    except Exception:
        log.exception("could not count an unanswered question")


class ActionAskAffirmation(Action):  # type: ignore[misc]  # rasa_sdk is untyped (Action is Any)
    """Overrides Rasa's English "Did you mean ...?" (first stage of the two-stage fallback)."""

    def name(self) -> str:
        return "action_default_ask_affirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text, buttons = affirmation_message(tracker.latest_message or {})
        dispatcher.utter_message(text=text, buttons=buttons)
        return []


class ActionDefaultFallback(Action):  # type: ignore[misc]  # rasa_sdk is untyped (Action is Any)
    """End of the two-stage fallback (and low action confidence): offer a person, not a loop."""

    def name(self) -> str:
        return "action_default_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        missed = last_missed_message(tracker.events) or tracker.latest_message
        count_unanswered("fallback", missed)
        dispatcher.utter_message(
            text=GIVE_UP_TEXT,
            buttons=[
                {"title": "Met iemand praten", "payload": HANDOFF_PAYLOAD},
                {"title": "Laat Join us contact opnemen", "payload": INTEREST_PAYLOAD},
            ],
        )
        # Like Rasa's own fallback: forget the turn that was not understood.
        return [UserUtteranceReverted()]


class ActionOutOfScope(Action):  # type: ignore[misc]  # rasa_sdk is untyped (Action is Any)
    """An honest "daar kan ik je niet mee helpen" plus what the assistant can do; counted."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        count_unanswered("out_of_scope", tracker.latest_message)
        dispatcher.utter_message(response="utter_out_of_scope")
        return []
