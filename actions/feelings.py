"""Feelings first (issue 10), and /start in the middle of a form.

Thin: texts in bot/answers/feelings.py. The acknowledgement of the feeling is ``utter_feeling/<kind>``
(the rule runs it first); this action adds what fits next. A parent or professional who writes
something that sounds like a feeling is answered as who they are.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import facts
from actions.school import REQUEST_SLOTS
from bot.answers import texts
from bot.answers.adults import PARENT, PROFESSIONAL, parent_buttons, professional_buttons
from bot.answers.feelings import (
    LISTEN_FROM,
    feelings_told,
    first_buttons,
    first_reply,
    kind_of,
    listening_buttons,
    listening_reply,
    speaks_for_self,
)
from bot.school import texts as school_texts

EventList = list[dict[str, Any]]

# What each form is about, for "you were busy with ...".
SCHOOL_FORMS = frozenset(
    {"school_referral_form", "school_presentation_form", "school_material_form"}
)


class ActionFeelingNext(Action):
    """After ``utter_feeling``: how Join us fits (first time), or listening and someone to talk to."""

    def name(self) -> str:
        return "action_feeling_next"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        events: EventList = []
        role = tracker.get_slot("visitor_role")
        text = (tracker.latest_message or {}).get("text") or ""
        if role in (PARENT, PROFESSIONAL) and speaks_for_self(text):
            # A young person telling how they feel, after a message read as an adult's: answer
            # them as a young person from now on.
            role = None
            events.append(SlotSet("visitor_role", None))
        if role == PARENT:
            dispatcher.utter_message(
                text=texts.FEELING_NEXT_PARENT,
                buttons=parent_buttons(),
            )
            return []
        if role == PROFESSIONAL:
            dispatcher.utter_message(
                text=texts.FEELING_NEXT_PROFESSIONAL,
                buttons=professional_buttons(),
            )
            return []
        kind = kind_of(tracker.latest_message or {})
        told = feelings_told(tracker.events or [])
        if told >= LISTEN_FROM and kind != "nervous_first_evening":
            band = tracker.get_slot("lead_age_band")
            dispatcher.utter_message(
                text=listening_reply(facts(), band if isinstance(band, str) else None, told),
                buttons=listening_buttons(),
            )
            return events
        seed = f"{tracker.sender_id}:{told}"
        dispatcher.utter_message(text=first_reply(kind, seed), buttons=first_buttons(kind))
        return events


class ActionFormPaused(Action):
    """/start (or a deep link, or another role) in the middle of a form: greet, then go on or stop.

    The message is never taken as the answer to the form's open question (``not_intent``).
    """

    def name(self) -> str:
        return "action_form_paused"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        form = tracker.active_loop_name or ""
        topic = texts.FORM_TOPICS.get(form, texts.FORM_TOPIC_UNKNOWN)
        dispatcher.utter_message(
            text=texts.FORM_PAUSED.format(topic=topic),
            buttons=[
                {"title": texts.FORM_CONTINUE_BUTTON, "payload": "/form_continue"},
                {"title": texts.FORM_STOP_BUTTON, "payload": "/withdraw"},
            ],
        )
        return []


class ActionStopSchoolForm(Action):
    """'Stop' inside a school form: this request is not sent; earlier requests are left alone
    (a /stop outside a form still withdraws everything, see action_withdraw)."""

    def name(self) -> str:
        return "action_stop_school_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        dispatcher.utter_message(text=school_texts.SCHOOL_FORM_STOPPED)
        return [
            ActiveLoop(None),
            SlotSet("requested_slot", None),
            *[SlotSet(name, None) for name in REQUEST_SLOTS],
        ]
