"""Actions answering questions about Join us from the staff-editable facts file."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import facts
from bot.answers.adults import PARENT, PROFESSIONAL
from bot.answers.youth import cost_text, when_where_text, who_is_it_for_text


def _formal(tracker: Tracker) -> bool:
    """A parent or professional (``visitor_role``) is answered with "u"."""
    return tracker.get_slot("visitor_role") in (PARENT, PROFESSIONAL)


class ActionAnswerWhenWhere(Action):
    def name(self) -> str:
        return "action_answer_when_where"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=when_where_text(facts(), formal=_formal(tracker)))
        return []


class ActionAnswerWhoIsItFor(Action):
    def name(self) -> str:
        return "action_answer_who_is_it_for"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=who_is_it_for_text(facts(), formal=_formal(tracker)))
        return []


class ActionAnswerCost(Action):
    def name(self) -> str:
        return "action_answer_cost"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=cost_text(facts(), formal=_formal(tracker)))
        return []
