"""Never stuck: Dutch two-stage fallback, out-of-scope answers and anonymous miss counts."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher

from bot.answers.facts import Facts
from bot.answers.youth import (
    HANDOFF_PAYLOAD,
    INTEREST_PAYLOAD,
    affirmation_message,
    last_missed_message,
    topic_guess,
)
from bot.core.settings import load_settings
from bot.safety import assess as assess_safety
from bot.safety import distress_check_in, warm_up_in_background
from bot.staff.insights import InsightsService
from bot.storage.db import Database

log = logging.getLogger(__name__)

GIVE_UP_TEXT = (
    "Sorry, ik snap je vraag nog steeds niet. Ik wil je niet in rondjes laten draaien. "
    "Je kunt met iemand van Join us praten, of Join us contact met je laten opnemen. "
    "Of stel gerust een andere vraag."
)


@lru_cache(maxsize=1)
def facts() -> Facts:
    return Facts(load_settings().facts_file)


def shows_distress(message: Mapping[str, Any] | None) -> bool:
    """Whether a message the NLU did not understand carries a distress marker.

    The bot process already answered crises before Rasa; what gets here is below that line
    ("ik weet het niet meer", "ik zit er doorheen"). The text is already in Rasa, so judging
    it here adds no data anywhere. Best effort: a failure means no check-in, never no reply.
    """
    text = (message or {}).get("text")
    if not isinstance(text, str) or not text.strip() or text.startswith("/"):
        return False
    try:
        result = assess_safety(text)
    except Exception:  # pragma: no cover - assess never raises; belt and braces
        log.exception("safety check of a fallback message failed")
        return False
    return result.level == "crisis" or result.has("distress")


def check_in_text() -> str:
    try:
        lines = facts().get("crisis_lines") or {}
    except Exception:
        lines = {}
    return distress_check_in(lines if isinstance(lines, Mapping) else {})


# The action server loads the safety model in the background at start (from the cache the
# bot process wrote, or by fitting it); until then only the rules mark distress.
warm_up_in_background()


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
        if shows_distress(tracker.latest_message):
            # Not a bare "Bedoel je een van deze?": first a gentle check-in with the lines.
            dispatcher.utter_message(text=check_in_text())
            text = "Of ging je vraag over een van deze onderwerpen?"
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
        if shows_distress(tracker.latest_message) or shows_distress(missed):
            dispatcher.utter_message(text=check_in_text())
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

