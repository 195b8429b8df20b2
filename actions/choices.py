"""One token-bound yes/no choice for every action that asks for an explicit yes or no.

A choice is only taken from one of *our* buttons: each button carries a one-time token that is
also kept in a slot, so typed text ("ja hoor") cannot carry it and nothing is passed on, erased
or switched because the classifier guessed "agree". A new offer replaces the token, so an old
button (scrolled back to) answers nothing.

Two families of choices are wired differently in the domain, and only that differs here (data,
not code): consent, a parent's consent and erasing use the ``agree``/``decline`` intents with a
``token`` entity; the school's choices use one ``school_choice`` intent with the answer as an
entity (``school_answer``), because its stories branch on what is pending, not on the intent.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from typing import Any, Literal

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

EventList = list[dict[str, Any]]
Answer = Literal["yes", "no"]


@dataclass(frozen=True)
class YesNoChoice:
    """How one family of yes/no choices is wired in the domain: its intents, entities, slots."""

    pending_slot: str  # what the buttons answer ("lead_consent", "role", …)
    token_slot: str  # the token of the buttons last offered
    token_entity: str  # the entity a button sends the token in
    yes_intent: str
    no_intent: str
    answer_entity: str | None = None  # set when one intent carries both answers

    def buttons(
        self, token: str, yes: str, no: str, *, no_payload: str | None = None
    ) -> list[dict[str, str]]:
        """The two buttons bound to ``token`` (``no_payload`` replaces "no" with another step)."""
        return [
            {"title": yes, "payload": self._payload("yes", token)},
            {"title": no, "payload": no_payload or self._payload("no", token)},
        ]

    def offer(
        self,
        dispatcher: CollectingDispatcher,
        pending: str,
        text: str,
        yes: str,
        no: str,
        *,
        no_payload: str | None = None,
        directive: dict[str, Any] | None = None,
    ) -> EventList:
        """Utter ``text`` with yes/no buttons bound to a fresh token; remember what they answer.

        With ``directive`` the bot process renders the text instead (it shows personal details
        Rasa never sees); the buttons ride along.
        """
        token = secrets.token_hex(4)
        buttons = self.buttons(token, yes, no, no_payload=no_payload)
        if directive is not None:
            dispatcher.utter_message(json_message={**directive, "buttons": buttons})
        else:
            dispatcher.utter_message(text=text, buttons=buttons)
        return [SlotSet(self.pending_slot, pending), SlotSet(self.token_slot, token)]

    def answer(self, tracker: Tracker) -> Answer | None:
        """'yes' / 'no' when this turn is one of our buttons with the current token, else None."""
        expected = tracker.get_slot(self.token_slot)
        given = next(tracker.get_latest_entity_values(self.token_entity), None)
        if not expected or given != expected:
            return None
        if self.answer_entity is not None:
            said = next(tracker.get_latest_entity_values(self.answer_entity), None)
        else:
            intent = (tracker.latest_message.get("intent") or {}).get("name")
            said = {self.yes_intent: "yes", self.no_intent: "no"}.get(str(intent))
        if said == "yes":
            return "yes"
        if said == "no":
            return "no"
        return None

    def pending(self, tracker: Tracker) -> str | None:
        """What the current buttons answer, if any."""
        value = tracker.get_slot(self.pending_slot)
        return str(value) if value else None

    def clear(self) -> EventList:
        """Forget the offer: its buttons answer nothing from now on."""
        return [SlotSet(self.pending_slot, None), SlotSet(self.token_slot, None)]

    def _payload(self, answer: Answer, token: str) -> str:
        intent = self.yes_intent if answer == "yes" else self.no_intent
        entities = {self.token_entity: token}
        if self.answer_entity is not None:
            entities[self.answer_entity] = answer
        return f"/{intent}{json.dumps(entities)}"


# Consent for a lead, a parent's consent, erasing everything (domain/leads.yml, privacy.yml).
CONSENT_CHOICE = YesNoChoice(
    pending_slot="pending_choice",
    token_slot="choice_token",
    token_entity="token",
    yes_intent="agree",
    no_intent="decline",
)
# The school role, sending a school request, the school-feedback consent (domain/school.yml).
SCHOOL_CHOICE = YesNoChoice(
    pending_slot="school_pending",
    token_slot="school_token",
    token_entity="school_token",
    yes_intent="school_choice",
    no_intent="school_choice",
    answer_entity="school_answer",
)
