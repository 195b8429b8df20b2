"""A person, when they want one: how to reach Join us staff, and the interest flow on offer.

One intent for everyone ("ik wil iemand spreken", "hoe bereik ik jullie"); the role decides the
answer: school staff get the professional contact details and their request menu, a young person
gets the handoff with the interest flow on offer.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.facts import facts
from actions.school import SCHOOL, utter_school_contact
from bot.answers.adults import ROLES, adult_contact_text
from bot.answers.youth import handoff_buttons, handoff_text


class ActionHumanHandoff(Action):  # type: ignore[misc]  # rasa_sdk is untyped (Action is Any)
    def name(self) -> str:
        return "action_human_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if tracker.get_slot("role") == SCHOOL:
            utter_school_contact(dispatcher)
        elif tracker.get_slot("visitor_role") in ROLES:
            # A parent or professional: contact details, not the young person's interest form.
            dispatcher.utter_message(text=adult_contact_text(facts()))
        else:
            dispatcher.utter_message(text=handoff_text(facts()), buttons=handoff_buttons())
        return []
