"""Form questions asked by ``action_ask_<slot>`` actions, from a table of text and buttons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.privacy.drafts import FIELDS

# slot -> (question, buttons); buttons are Rasa's {"title", "payload"} dicts.
Questions = Mapping[str, tuple[str, list[dict[str, str]]]]
EventList = list[dict[str, object]]


class AskSlot(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """Base of the ask-actions: a subclass names its ``slot`` and its form's ``questions``.

    Actions (not ``utter_ask_*`` responses) because the questions carry buttons built in code and
    Rasa's validator would flag form-only responses as unused.
    """

    slot = ""
    questions: ClassVar[Questions] = {}

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        text, buttons = self.questions[self.slot]
        dispatcher.utter_message(text=text, buttons=buttons)
        if self.slot in FIELDS:
            capture(dispatcher, self.slot)
        return []


def capture(dispatcher: CollectingDispatcher, slot: str, meta: str | None = None) -> None:
    """A personal question: the bot process takes the answer; Rasa only gets "captured"."""
    dispatcher.utter_message(json_message={"directive": "capture", "field": slot, "meta": meta})
