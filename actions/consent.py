"""Explicit choices (consent, a parent's consent, erasing) and the parent's side of consent.

A choice is only taken from one of *our* buttons: each carries a one-time token that is also
stored in the ``choice_token`` slot. Typed text ("ja hoor") cannot carry it, so nothing is
ever passed on or erased because the classifier guessed "agree".
"""

from __future__ import annotations

import contextlib
import json
import secrets
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.questions import capture
from actions.school import ask_parent_school_feedback
from actions.services import lead_services
from bot.core.errors import CodeInvalid
from bot.leads.service import TYPED_PARENT_CODE
from bot.privacy.drafts import CAPTURED, PARENT_CONTACT_INVALID, real

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

USE_BUTTONS = "Kies met een van deze knoppen, dan weet ik zeker wat je bedoelt. 🙂"
# Button titles per explicit choice: (yes, no).
CHOICES = {
    "lead_consent": ("Ja, dit mag naar Join us", "Nee, niet doorsturen"),
    "parent_consent": ("Ja, ik geef toestemming", "Nee"),
    "forget": ("Ja, wis alles", "Nee, toch niet"),
}
ERASE = {"directive": "erase_conversation"}
# /vergeet and /stop: what only the bot process reaches (bot/privacy/directives.py).
FORGET = {"directive": "forget_person"}


def reset(*names: str) -> EventList:
    return [SlotSet(name, None) for name in names]


def clear_choice() -> EventList:
    return reset("pending_choice", "choice_token")


def choice_buttons(kind: str) -> tuple[list[dict[str, str]], EventList]:
    """Yes/no buttons bound to a fresh token, and the events that remember what they answer."""
    yes, no = CHOICES[kind]
    token = secrets.token_hex(4)
    buttons = [
        {"title": yes, "payload": "/agree" + json.dumps({"token": token})},
        {"title": no, "payload": "/decline" + json.dumps({"token": token})},
    ]
    return buttons, [SlotSet("pending_choice", kind), SlotSet("choice_token", token)]


def offer_choice(dispatcher: CollectingDispatcher, kind: str, text: str) -> EventList:
    """Utter ``text`` with yes/no buttons bound to a fresh token; remember what they answer."""
    buttons, events = choice_buttons(kind)
    dispatcher.utter_message(text=text, buttons=buttons)
    return events


def offer_personal_choice(
    dispatcher: CollectingDispatcher, kind: str, directive: dict[str, Any]
) -> EventList:
    """The same, but the text shows personal details: the bot process renders it (``directive``)."""
    buttons, events = choice_buttons(kind)
    dispatcher.utter_message(json_message={**directive, "buttons": buttons})
    return events


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
    """The parent code: the bot process keeps it (Rasa sees "captured"), see bot/pipeline/capture.py."""
    code = next(tracker.get_latest_entity_values("parent_code"), None) or tracker.get_slot(
        "parent_code"
    )
    if code == CAPTURED:
        code = lead_services().drafts.values(tracker.sender_id).get("parent_code")
    elif not code:
        # A code the bot did not recognise as one (in a longer sentence): still accepted.
        match = TYPED_PARENT_CODE.search(tracker.latest_message.get("text") or "")
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
            services.leads.parent_preview(code, tracker.sender_id)  # checks the code
        except CodeInvalid as exc:
            dispatcher.utter_message(text=str(exc))
            return [SlotSet("parent_code_ok", False), SlotSet("parent_code", None)]
        # Kept by us from here on (also when the code came in a sentence the bot passed on).
        services.drafts.put(tracker.sender_id, "parent_code", code)
        # The preview shows the child's details: the bot process renders it from our database.
        dispatcher.utter_message(
            json_message={
                "directive": "parent_preview",
                "footer": "Je kind is jonger dan 16, of gaf geen leeftijd op. Daarom geef ik niets "
                "door zonder jouw toestemming (zo staat het in de privacywet).",
            }
        )
        return [SlotSet("parent_code_ok", True), SlotSet("parent_code", CAPTURED)]


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
        capture(dispatcher, "parent_contact")
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
        # The bot process checked and kept the answer (bot/pipeline/capture.py); Rasa only knows that.
        if slot_value == CAPTURED:
            return {"parent_contact": CAPTURED}
        if slot_value is not None:
            dispatcher.utter_message(text=PARENT_CONTACT_INVALID)
        return {"parent_contact": None}


class ActionAskParentConsent(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_ask_parent_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        return offer_personal_choice(
            dispatcher,
            "parent_consent",
            {
                "directive": "personal_text",
                "text": "Geef je als ouder of verzorger toestemming dat Join us de gegevens "
                "hierboven krijgt, met jouw contactgegeven ({parent_contact}) erbij? Intrekken "
                "kan altijd met /stop.",
            },
        )


class ActionConfirmParent(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_confirm_parent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if not pressed_our_button(tracker):
            return ask_again(dispatcher, tracker)
        services = lead_services()
        stored = services.drafts.values(tracker.sender_id)
        contact = real(tracker.get_slot("parent_contact"), stored.get("parent_contact"))
        try:
            if not contact:
                raise CodeInvalid(
                    "Dit duurde te lang, ik ben je gegevens kwijt. Typ de code opnieuw."
                )
            public_id = services.leads.confirm_parent(
                stored.get("parent_code", ""), tracker.sender_id, contact
            )
        except CodeInvalid as exc:
            dispatcher.utter_message(text=str(exc))
            return clear_choice() + reset(*PARENT_SLOTS)
        finally:
            services.drafts.discard(tracker.sender_id)
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
        services = lead_services()
        code = services.drafts.values(tracker.sender_id).get("parent_code")
        if code:
            # Already gone (expired, withdrawn): then there is nothing left to erase.
            with contextlib.suppress(CodeInvalid):
                child = services.leads.parent_refuses(code, tracker.sender_id)
                if child:  # the child's conversation and unsent answers go with their data
                    services.tracker.erase(child)
                    services.drafts.discard(child)
        dispatcher.utter_message(
            text="Helder. Ik stuur niets door en heb de gegevens van je kind en die van jou gewist."
        )
        dispatcher.utter_message(json_message=ERASE)
        return clear_choice() + reset(*PARENT_SLOTS)
