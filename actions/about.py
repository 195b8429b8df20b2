"""Actions answering questions about Join us from the staff-editable facts file."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.facts import facts
from bot.answers.youth import cost_text, when_where_text, who_is_it_for_text


class ActionAnswerWhenWhere(Action):  # type: ignore[misc]  # rasa_sdk is untyped (Action is Any)
    def name(self) -> str:
        return "action_answer_when_where"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=when_where_text(facts()))
        return []


class ActionAnswerWhoIsItFor(Action):  # type: ignore[misc]  # rasa_sdk is untyped (Action is Any)
    def name(self) -> str:
        return "action_answer_who_is_it_for"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=who_is_it_for_text(facts()))
        return []


class ActionAnswerCost(Action):  # type: ignore[misc]  # rasa_sdk is untyped (Action is Any)
    def name(self) -> str:
        return "action_answer_cost"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        dispatcher.utter_message(text=cost_text(facts()))
        return []
