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
from bot.answers.adults import PARENT, PROFESSIONAL, parent_buttons, professional_buttons
from bot.answers.feelings import (
    LISTEN_FROM,
    feelings_told,
    first_buttons,
    first_reply,
    kind_of,
    listening_buttons,
    listening_reply,
)

EventList = list[dict[str, Any]]

# What each form is about, for "you were busy with ...".
FORM_TOPICS = {
    "interest_form": "de vragen zodat Join us contact met je kan opnemen",
    "parent_form": "de toestemming voor je kind",
    "school_referral_form": "een verwijzing van een leerling",
    "school_presentation_form": "een aanvraag voor een presentatie",
    "school_material_form": "een aanvraag voor materiaal",
}
SCHOOL_FORMS = frozenset(
    {"school_referral_form", "school_presentation_form", "school_material_form"}
)


class ActionFeelingNext(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """After ``utter_feeling``: how Join us fits (first time), or listening and someone to talk to."""

    def name(self) -> str:
        return "action_feeling_next"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        role = tracker.get_slot("visitor_role")
        if role == PARENT:
            dispatcher.utter_message(
                text="Herkent u dit bij uw kind? Join us is er voor jongeren die meer contact "
                "met leeftijdsgenoten willen. Wat wilt u weten?",
                buttons=parent_buttons(),
            )
            return []
        if role == PROFESSIONAL:
            dispatcher.utter_message(
                text="Herkent u dit bij een jongere die u begeleidt? Dan kan Join us passen.",
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
            return []
        seed = f"{tracker.sender_id}:{told}"
        dispatcher.utter_message(text=first_reply(kind, seed), buttons=first_buttons(kind))
        return []


class ActionFormPaused(Action):  # type: ignore[misc]
    """/start (or a deep link, or another role) in the middle of a form: greet, then go on or stop.

    The message is never taken as the answer to the form's open question (``not_intent``).
    """

    def name(self) -> str:
        return "action_form_paused"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        form = tracker.active_loop_name or ""
        topic = FORM_TOPICS.get(form, "een paar vragen")
        dispatcher.utter_message(
            text=f"Hoi! 👋 Je was nog bezig met {topic}. Wil je daarmee verder, of stoppen? "
            "Bij stoppen wis ik wat je al had ingevuld.",
            buttons=[
                {"title": "Verder met de vragen", "payload": "/form_continue"},
                {"title": "Stoppen", "payload": "/withdraw"},
            ],
        )
        return []


class ActionStopSchoolForm(Action):  # type: ignore[misc]
    """'Stop' inside a school form: this request is not sent; earlier requests are left alone
    (a /stop outside a form still withdraws everything, see action_withdraw)."""

    def name(self) -> str:
        return "action_stop_school_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        dispatcher.utter_message(
            text="Oké, ik stop met deze vragen. Er is niets verstuurd en wat je net had "
            "ingevuld, heb ik gewist."
        )
        return [
            ActiveLoop(None),
            SlotSet("requested_slot", None),
            *[SlotSet(name, None) for name in REQUEST_SLOTS],
        ]
