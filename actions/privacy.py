"""The person's rights in the chat: /mijngegevens shows everything, /vergeet erases everything."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.choices import CONSENT_CHOICE
from actions.consent import (
    ERASE,
    FORGET,
    EventList,
    ask_again,
    offer_choice,
)
from actions.leads import leave_form
from actions.school_services import referral_services
from actions.services import lead_services
from bot.privacy import texts


class ActionMyData(Action):
    def name(self) -> str:
        return "action_my_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        # It shows the person's details: the bot process renders it from our database (leads,
        # school requests, ambassador enrolment, a form in progress), never through Rasa.
        dispatcher.utter_message(json_message={"directive": "my_data"})
        return []


class ActionForgetMe(Action):
    def name(self) -> str:
        return "action_forget_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        events = leave_form()
        return events + offer_choice(dispatcher, "forget", texts.ASK_FORGET)


class ActionEraseMe(Action):
    def name(self) -> str:
        return "action_erase_me"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if CONSENT_CHOICE.answer(tracker) != "yes":
            return ask_again(dispatcher, tracker)
        lead_services().privacy.erase(tracker.sender_id)
        referral_services().forget(tracker.sender_id)  # issue 5: a school employee's requests
        dispatcher.utter_message(text=texts.ERASED_EVERYTHING)
        # The conversation itself is erased by the bot process once Rasa has saved this turn;
        # drafts, ambassador data and our messages showing details go with it.
        dispatcher.utter_message(json_message=FORGET)
        dispatcher.utter_message(json_message=ERASE)
        return CONSENT_CHOICE.clear()


class ActionKeepData(Action):
    def name(self) -> str:
        return "action_keep_data"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        dispatcher.utter_message(text=texts.NOTHING_ERASED)
        return CONSENT_CHOICE.clear()
