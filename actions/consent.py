"""Explicit choices (consent, a parent's consent, erasing) and the parent's side of consent.

A choice is only taken from one of *our* buttons: each carries a one-time token that is also
stored in the ``choice_token`` slot. Typed text ("ja hoor") cannot carry it, so nothing is
ever passed on or erased because the classifier guessed "agree".
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.school import ask_parent_school_feedback
from actions.services import lead_services
from bot.cards import consent_preview
from bot.contact import ContactInvalid, detail_for_route
from bot.errors import CodeInvalid

EventList = list[dict[str, Any]]

FORM_SLOTS = (
    "lead_age_band",
    "lead_area",
    "lead_contact_route",
    "lead_contact_detail",
    "lead_nickname",
    "lead_wishes",
)
PARENT_SLOTS = ("parent_code", "parent_code_ok", "parent_contact")
_TYPED_CODE = re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])([A-Za-z0-9]{6,10})\b")

USE_BUTTONS = "Kies met een van deze knoppen, dan weet ik zeker wat je bedoelt. 🙂"
# Button titles per explicit choice: (yes, no).
CHOICES = {
    "lead_consent": ("Ja, dit mag naar Join us", "Nee, niet doorsturen"),
    "parent_consent": ("Ja, ik geef toestemming", "Nee"),
    "forget": ("Ja, wis alles", "Nee, toch niet"),
}
ERASE = {"directive": "erase_conversation"}


def reset(*names: str) -> EventList:
    return [SlotSet(name, None) for name in names]


def clear_choice() -> EventList:
    return reset("pending_choice", "choice_token")


def offer_choice(dispatcher: CollectingDispatcher, kind: str, text: str) -> EventList:
    """Utter ``text`` with yes/no buttons bound to a fresh token; remember what they answer."""
    yes, no = CHOICES[kind]
    token = secrets.token_hex(4)
    dispatcher.utter_message(
        text=text,
        buttons=[
            {"title": yes, "payload": "/agree" + json.dumps({"token": token})},
            {"title": no, "payload": "/decline" + json.dumps({"token": token})},
        ],
    )
    return [SlotSet("pending_choice", kind), SlotSet("choice_token", token)]


def ask_again(dispatcher: CollectingDispatcher, tracker: Tracker) -> EventList:
    """Typed 'ja' instead of a button: the same choice again, with fresh buttons."""
    kind = str(tracker.get_slot("pending_choice"))
    if kind not in CHOICES:
        dispatcher.utter_message(response="utter_choice_expired")
        return clear_choice()
    return offer_choice(dispatcher, kind, USE_BUTTONS)


def pressed_our_button(tracker: Tracker) -> bool:
    expected = tracker.get_slot("choice_token")
    given = next(tracker.get_latest_entity_values("token"), None)
    return bool(expected) and given == expected


def typed_parent_code(tracker: Tracker) -> str | None:
    code = next(tracker.get_latest_entity_values("parent_code"), None) or tracker.get_slot(
        "parent_code"
    )
    if not code:
        match = _TYPED_CODE.search(tracker.latest_message.get("text") or "")
        code = match.group(1) if match else None
    return str(code).strip().upper() if code else None


class ActionCheckParentCode(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """A parent opened the child's link or typed the code: show the same preview."""

    def name(self) -> str:
        return "action_check_parent_code"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        services = lead_services()
        code = typed_parent_code(tracker)
        try:
            if code is None:
                raise CodeInvalid("Ik zie geen code. Typ de code van 10 tekens die je kind je gaf.")
            facts = services.leads.parent_preview(code, tracker.sender_id)
        except CodeInvalid as exc:
            dispatcher.utter_message(text=str(exc))
            return [SlotSet("parent_code_ok", False), SlotSet("parent_code", None)]
        preview = consent_preview(
            facts, retention_days=services.settings.lead_retention_days, for_parent=True
        )
        dispatcher.utter_message(
            text=f"Welkom! {preview}\n\n"
            "Je kind is jonger dan 16, of gaf geen leeftijd op. Daarom geef ik niets door zonder "
            "jouw toestemming (zo staat het in de privacywet)."
        )
        return [SlotSet("parent_code_ok", True), SlotSet("parent_code", code)]


class ActionAskParentContact(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_ask_parent_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        dispatcher.utter_message(
            text="Wil je toestemming geven? Wat is dan jouw telefoonnummer of e-mailadres, zodat "
            "Join us jou als ouder of verzorger kan bereiken? (Niet verder? Typ 'stop'.)"
        )
        return []


class ValidateParentForm(FormValidationAction):  # type: ignore[misc]
    def name(self) -> str:
        return "validate_parent_form"

    def validate_parent_contact(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        if slot_value is None:  # a reset, not an answer
            return {"parent_contact": None}
        try:
            return {"parent_contact": detail_for_route("parent", str(slot_value))}
        except ContactInvalid:
            dispatcher.utter_message(
                text="Typ je telefoonnummer of e-mailadres, bijvoorbeeld 06 12345678 of naam@voorbeeld.nl. "
                "Zonder kan ik je toestemming niet doorgeven. Stoppen kan met 'stop'."
            )
            return {"parent_contact": None}


class ActionAskParentConsent(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_ask_parent_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        contact = tracker.get_slot("parent_contact")
        return offer_choice(
            dispatcher,
            "parent_consent",
            f"Geef je als ouder of verzorger toestemming dat Join us de gegevens hierboven krijgt, "
            f"met jouw contactgegeven ({contact}) erbij? Intrekken kan altijd met /stop.",
        )


class ActionConfirmParent(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_confirm_parent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if not pressed_our_button(tracker):
            return ask_again(dispatcher, tracker)
        try:
            public_id = lead_services().leads.confirm_parent(
                str(tracker.get_slot("parent_code")),
                tracker.sender_id,
                str(tracker.get_slot("parent_contact")),
            )
        except CodeInvalid as exc:
            dispatcher.utter_message(text=str(exc))
            return clear_choice() + reset(*PARENT_SLOTS)
        dispatcher.utter_message(
            text="Dank je wel! Je toestemming is vastgelegd en de aanmelding is doorgestuurd. "
            "Iemand van Join us neemt contact op. Met /mijngegevens zie je wat ik van je bewaar."
        )
        # Issue 5: a referred child who wants the school to hear also needs this parent's yes.
        school = ask_parent_school_feedback(dispatcher, public_id)
        return clear_choice() + reset(*PARENT_SLOTS) + school


class ActionDeclineParent(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_decline_parent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        code = tracker.get_slot("parent_code")
        if code:
            # Already gone (expired, withdrawn): then there is nothing left to erase.
            with contextlib.suppress(CodeInvalid):
                lead_services().leads.parent_refuses(str(code), tracker.sender_id)
        dispatcher.utter_message(
            text="Helder. Ik stuur niets door en heb de gegevens van je kind en die van jou gewist."
        )
        dispatcher.utter_message(json_message=ERASE)
        return clear_choice() + reset(*PARENT_SLOTS)
