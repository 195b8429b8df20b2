"""Explicit choices (consent, a parent's consent, erasing) and the parent's side of consent.

A choice is only taken from one of *our* buttons: each carries a one-time token that is also
stored in the ``choice_token`` slot. Typed text ("ja hoor") cannot carry it, so nothing is
ever passed on or erased because the classifier guessed "agree".
"""

from __future__ import annotations

import contextlib
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.choices import CONSENT_CHOICE
from actions.questions import capture
from actions.school import ask_parent_school_feedback
from actions.services import lead_services
from bot.core.errors import CodeInvalid
from bot.leads import texts
from bot.leads.service import TYPED_PARENT_CODE
from bot.pipeline import texts as pipeline_texts
from bot.privacy import texts as privacy_texts
from bot.privacy.drafts import CAPTURED, real

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

# Button titles per explicit choice: (yes, no).
ERASE = {"directive": "erase_conversation"}
# /vergeet and /stop: what only the bot process reaches (bot/privacy/directives.py).
FORGET = {"directive": "forget_person"}


def reset(*names: str) -> EventList:
    return [SlotSet(name, None) for name in names]


# The yes/no buttons of each explicit choice.
CHOICES = {
    "lead_consent": texts.LEAD_CONSENT_BUTTONS,
    "parent_consent": (pipeline_texts.YES_I_CONSENT_BUTTON, texts.PARENT_CONSENT_NO_BUTTON),
    "forget": privacy_texts.FORGET_BUTTONS,
}


def offer_choice(dispatcher: CollectingDispatcher, kind: str, text: str) -> EventList:
    """Utter ``text`` with this kind's yes/no buttons (actions/choices.py binds them to a token)."""
    return CONSENT_CHOICE.offer(dispatcher, kind, text, *CHOICES[kind])


def offer_personal_choice(
    dispatcher: CollectingDispatcher, kind: str, directive: dict[str, Any]
) -> EventList:
    """The same, but the text shows personal details: the bot process renders it (``directive``)."""
    return CONSENT_CHOICE.offer(dispatcher, kind, "", *CHOICES[kind], directive=directive)


def ask_again(dispatcher: CollectingDispatcher, tracker: Tracker) -> EventList:
    """Typed 'ja' instead of a button: the same choice again, with fresh buttons."""
    kind = CONSENT_CHOICE.pending(tracker)
    if kind not in CHOICES:
        dispatcher.utter_message(response="utter_choice_expired")
        return CONSENT_CHOICE.clear()
    return offer_choice(dispatcher, kind, texts.USE_BUTTONS)


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


class ActionCheckParentCode(Action):
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
                raise CodeInvalid(texts.NO_PARENT_CODE)
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
                "footer": texts.WHY_PARENT_CONSENT,
            }
        )
        return [SlotSet("parent_code_ok", True), SlotSet("parent_code", CAPTURED)]


class ActionAskParentContact(Action):
    def name(self) -> str:
        return "action_ask_parent_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        dispatcher.utter_message(text=texts.ASK_PARENT_CONTACT)
        capture(dispatcher, "parent_contact")
        return []


class ValidateParentForm(FormValidationAction):
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
            dispatcher.utter_message(text=privacy_texts.PARENT_CONTACT_INVALID)
        return {"parent_contact": None}


class ActionAskParentConsent(Action):
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
                "text": texts.ASK_PARENT_CONSENT,
            },
        )


class ActionConfirmParent(Action):
    def name(self) -> str:
        return "action_confirm_parent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if CONSENT_CHOICE.answer(tracker) != "yes":
            return ask_again(dispatcher, tracker)
        services = lead_services()
        stored = services.drafts.values(tracker.sender_id)
        contact = real(tracker.get_slot("parent_contact"), stored.get("parent_contact"))
        try:
            if not contact:
                raise CodeInvalid(texts.PARENT_DETAILS_LOST)
            public_id = services.leads.confirm_parent(
                stored.get("parent_code", ""), tracker.sender_id, contact
            )
        except CodeInvalid as exc:
            dispatcher.utter_message(text=str(exc))
            return CONSENT_CHOICE.clear() + reset(*PARENT_SLOTS)
        finally:
            services.drafts.discard(tracker.sender_id)
        dispatcher.utter_message(text=texts.PARENT_CONSENT_RECORDED)
        # Issue 5: a referred child who wants the school to hear also needs this parent's yes.
        school = ask_parent_school_feedback(dispatcher, public_id)
        return CONSENT_CHOICE.clear() + reset(*PARENT_SLOTS) + school


class ActionDeclineParent(Action):
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
        dispatcher.utter_message(text=texts.PARENT_DECLINED)
        dispatcher.utter_message(json_message=ERASE)
        return CONSENT_CHOICE.clear() + reset(*PARENT_SLOTS)
