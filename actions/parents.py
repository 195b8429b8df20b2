"""Parents and professionals outside school (issue 10): answered as who they are.

Thin: texts in bot/answers/adults.py. Each answer remembers the role in ``visitor_role`` so later
answers (contact, a feeling) are worded for them. Nothing about the child or client is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import facts
from bot.answers.adults import (
    PARENT,
    PROFESSIONAL,
    parent_buttons,
    parent_signup_buttons,
    parent_signup_text,
    parent_text,
    professional_buttons,
    professional_refer_buttons,
    professional_refer_text,
    professional_text,
)
from bot.answers.facts import Facts

EventList = list[dict[str, Any]]


class _RoleAnswer(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    action_name = ""
    role = ""
    text: Callable[[Facts], str] = staticmethod(parent_text)
    buttons: Callable[[], list[dict[str, str]]] = staticmethod(parent_buttons)

    def name(self) -> str:
        return self.action_name

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        dispatcher.utter_message(text=self.text(facts()), buttons=self.buttons())
        return [SlotSet("visitor_role", self.role)]


class ActionParentRole(_RoleAnswer):
    action_name = "action_parent_role"
    role = PARENT
    text = staticmethod(parent_text)
    buttons = staticmethod(parent_buttons)


class ActionParentSignup(_RoleAnswer):
    action_name = "action_parent_signup"
    role = PARENT
    text = staticmethod(parent_signup_text)
    buttons = staticmethod(parent_signup_buttons)


class ActionProfessionalRole(_RoleAnswer):
    action_name = "action_professional_role"
    role = PROFESSIONAL
    text = staticmethod(professional_text)
    buttons = staticmethod(professional_buttons)


class ActionProfessionalRefer(_RoleAnswer):
    action_name = "action_professional_refer"
    role = PROFESSIONAL
    text = staticmethod(professional_refer_text)
    buttons = staticmethod(professional_refer_buttons)
