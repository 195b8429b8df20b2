"""The young person's side of a warm lead: interest form, consent preview, submit, withdraw.

Thin: checks live in bot/leads/contact.py, texts of the card and preview in bot/leads/cards.py, storage in
bot/leads/service.py. Nothing identifying is stored before the explicit consent button.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.consent import (
    ERASE,
    FORGET,
    FORM_SLOTS,
    PARENT_SLOTS,
    EventList,
    ask_again,
    clear_choice,
    offer_personal_choice,
    pressed_our_button,
    reset,
)
from actions.questions import AskSlot, capture
from actions.school import ask_school_feedback
from actions.school_services import referral_services
from actions.services import lead_services
from bot.leads.contact import (
    AGE_BAND_TITLES,
    ROUTE_TITLES,
    ROUTES_WITHOUT_DETAIL,
    SKIPPED,
    ContactInvalid,
    age_band,
    is_skip,
    route,
)
from bot.leads.service import COMEBACK_PREFIX, PARENT_PREFIX, LeadDraft
from bot.privacy.drafts import (
    CAPTURED,
    LEAD_FIELDS,
    REFERRAL_SOURCE,
    lead_draft,
    real_source,
)

INTRO = (
    "Leuk dat je wilt meedoen! 😊 Ik stel je een paar korte vragen, zodat iemand van Join us "
    "contact met je kan opnemen. Alles mag je overslaan. Ik stuur pas iets door als jij daarna "
    "op 'Ja' drukt, en met 'stop' houd je op wanneer je wilt."
)
ALREADY = (
    "Je hebt al laten weten dat je wilt meedoen, en dat staat klaar bij Join us. 👍 "
    "Met /mijngegevens zie je wat ik heb doorgegeven, met /stop trek je het in."
)
WHY = {
    "lead_age_band": "Join us heeft groepen voor 12 tot 18 en voor 18 tot 25 jaar. Met je leeftijd weet Join us welke groep past. Ben je jonger dan 16, dan moet ook een ouder of verzorger toestemming geven voordat ik iets doorstuur.",
    "lead_area": "Join us heeft groepen op verschillende plekken. Met je gemeente of school kijken ze welke groep in de buurt is.",
    "lead_contact_route": "Zo weet Join us hoe ze je het fijnst kunnen bereiken. Jij kiest, en via deze chat kan ook.",
    "lead_contact_detail": "Anders kan Join us je niet bereiken. Alleen de medewerker die jou helpt krijgt dit te zien, en pas als jij 'Ja' zegt.",
    "lead_nickname": "Dan weet de medewerker hoe hij of zij je kan aanspreken. Een bijnaam is ook prima, en overslaan mag.",
    "lead_wishes": "Dan kan Join us je al een beetje leren kennen en vertellen over dingen die je leuk vindt. Overslaan mag.",
    "parent_contact": "Omdat je kind jonger is dan 16, mag Join us alleen contact opnemen met toestemming van een ouder of verzorger. Met jouw telefoonnummer of e-mail kan Join us jou ook bereiken.",
}
WHY_GENERAL = (
    "Ik vraag alleen wat Join us nodig heeft om contact met je op te nemen. Niets gaat weg "
    "zonder dat jij op 'Ja' drukt, alleen Join us ziet het, en je kunt alles laten wissen met /vergeet."
)
DETAIL_QUESTIONS = {
    "phone": "Op welk telefoonnummer kan Join us je bellen of appen?",
    "email": "Op welk e-mailadres kan Join us je mailen?",
    "parent": "Wat is het telefoonnummer of e-mailadres van je ouder of verzorger?",
    "mentor": "Wat is het e-mailadres of telefoonnummer van je mentor? Zet de naam van je school er gerust bij.",
}
_SWITCH = {
    "phone": ("Toch liever e-mail", "email"),
    "email": ("Toch liever bellen", "phone"),
}


PREVIEW_SLOTS = (*FORM_SLOTS, "source")


def form_slots(tracker: Tracker) -> dict[str, Any]:
    """The form's slots as Rasa has them: personal ones hold only "captured" or "_skip"."""
    return {name: tracker.get_slot(name) for name in PREVIEW_SLOTS}


def draft_from(tracker: Tracker) -> LeadDraft:
    """The real answers: personal ones from the draft the bot process keeps (bot/pipeline/capture.py)."""
    return lead_draft(form_slots(tracker), lead_services().drafts.values(tracker.sender_id))


def source_of(tracker: Tracker) -> str | None:
    """The deep-link source; a school's referral code is kept by the bot process, not in Rasa."""
    slot = tracker.get_slot("source")
    if slot == REFERRAL_SOURCE:
        return real_source(slot, lead_services().drafts.values(tracker.sender_id))
    return slot if isinstance(slot, str) else None


def leave_form() -> EventList:
    # Always close the loop (a no-op outside a form), so the rules look the same in and out.
    return [
        ActiveLoop(None),
        SlotSet("requested_slot", None),
        *reset(*FORM_SLOTS, *PARENT_SLOTS),
        *clear_choice(),
    ]


class ActionStartInterest(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    def name(self) -> str:
        return "action_start_interest"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        services = lead_services()
        if services.leads.active_lead(tracker.sender_id) is not None:
            dispatcher.utter_message(text=ALREADY)
            return [SlotSet("lead_on_file", True)]
        source = source_of(tracker)
        services.leads.note_interest(source)
        if isinstance(source, str) and source.startswith(COMEBACK_PREFIX):
            dispatcher.utter_message(text="Fijn dat je terug bent! 🙌")
        dispatcher.utter_message(text=INTRO)
        return [*reset(*FORM_SLOTS), *clear_choice(), SlotSet("lead_on_file", False)]


def captured_or_skipped(value: Any) -> str | None:
    """A personal slot: the bot process checked and kept the answer, Rasa only has a marker."""
    return value if value in (CAPTURED, SKIPPED) else None


class ValidateInterestForm(FormValidationAction):  # type: ignore[misc]
    def name(self) -> str:
        return "validate_interest_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        # No detail to ask for "via deze chat", nor when no route was chosen at all.
        chosen = tracker.get_slot("lead_contact_route")
        if chosen in ROUTES_WITHOUT_DETAIL or chosen == SKIPPED:
            return [s for s in domain_slots if s != "lead_contact_detail"]
        return domain_slots

    def validate_lead_age_band(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:  # a reset, not an answer
            return {"lead_age_band": None}
        if is_skip(str(value)):
            return {"lead_age_band": SKIPPED}
        try:
            return {"lead_age_band": age_band(str(value))}
        except ContactInvalid as exc:
            dispatcher.utter_message(text=str(exc))
            return {"lead_age_band": None}

    def validate_lead_area(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"lead_area": captured_or_skipped(value)}

    def validate_lead_contact_route(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        if value is None:  # a reset, not an answer
            return {"lead_contact_route": None}
        if is_skip(str(value)):
            return {"lead_contact_route": SKIPPED, "lead_contact_detail": None}
        try:
            chosen = route(str(value))
        except ContactInvalid as exc:
            dispatcher.utter_message(text=str(exc))
            return {"lead_contact_route": None}
        # A new route asks for its own detail again (a phone number is no e-mail address).
        return {"lead_contact_route": chosen, "lead_contact_detail": None}

    def validate_lead_contact_detail(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"lead_contact_detail": captured_or_skipped(value)}

    def validate_lead_nickname(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"lead_nickname": captured_or_skipped(value)}

    def validate_lead_wishes(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"lead_wishes": captured_or_skipped(value)}


SKIP_BUTTON = {"title": "Sla over", "payload": "/skip"}
QUESTIONS: dict[str, tuple[str, list[dict[str, str]]]] = {
    "lead_age_band": (
        "Hoe oud ben je? Dan weet Join us welke groep bij je past.",
        [
            {"title": title, "payload": f'/inform{{"lead_age_band": "{band}"}}'}
            for band, title in AGE_BAND_TITLES.items()
        ]
        + [{"title": "Zeg ik liever niet", "payload": "/skip"}],
    ),
    "lead_area": (
        "In welke gemeente woon je, of op welke school zit je? Dan kijkt Join us welke groep in "
        "de buurt is.",
        [SKIP_BUTTON],
    ),
    "lead_contact_route": (
        "Hoe wil je dat iemand van Join us contact met je opneemt?",
        [
            {
                "title": title[0].upper() + title[1:],
                "payload": f'/inform{{"lead_contact_route": "{name}"}}',
            }
            for name, title in ROUTE_TITLES.items()
        ],
    ),
    "lead_nickname": (
        "Hoe mag Join us je noemen? Je voornaam of een bijnaam is genoeg.",
        [SKIP_BUTTON],
    ),
    "lead_wishes": (
        "Laatste vraag: wat zou je leuk vinden om te doen met andere jongeren? Bijvoorbeeld gamen, "
        "koken, sporten of gewoon kletsen.",
        [SKIP_BUTTON],
    ),
}


class _AskLeadSlot(AskSlot):
    """The interest form asks through these actions; one subclass per slot."""

    questions = QUESTIONS


class ActionAskLeadAgeBand(_AskLeadSlot):
    slot = "lead_age_band"


class ActionAskLeadArea(_AskLeadSlot):
    slot = "lead_area"


class ActionAskLeadContactRoute(_AskLeadSlot):
    slot = "lead_contact_route"


class ActionAskLeadNickname(_AskLeadSlot):
    slot = "lead_nickname"


class ActionAskLeadWishes(_AskLeadSlot):
    slot = "lead_wishes"


class ActionAskLeadContactDetail(Action):  # type: ignore[misc]
    """The question depends on the chosen route; offer the other route if they typed the wrong kind."""

    def name(self) -> str:
        return "action_ask_lead_contact_detail"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        chosen = str(tracker.get_slot("lead_contact_route"))
        buttons = [SKIP_BUTTON]
        if chosen in _SWITCH:
            title, other = _SWITCH[chosen]
            buttons = [
                {"title": title, "payload": f'/inform{{"lead_contact_route": "{other}"}}'},
                SKIP_BUTTON,
            ]
        dispatcher.utter_message(
            text=DETAIL_QUESTIONS.get(chosen, DETAIL_QUESTIONS["phone"]), buttons=buttons
        )
        capture(dispatcher, "lead_contact_detail", chosen)
        return []


class ActionShowConsent(Action):  # type: ignore[misc]
    """The preview: exactly what staff will get, why, who sees it, how long; then Ja/Nee."""

    def name(self) -> str:
        return "action_show_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        draft = draft_from(tracker)
        if not draft.reachable:
            dispatcher.utter_message(
                text="Zonder manier om je te bereiken kan Join us geen contact met je opnemen. "
                "Daarom stuur ik niets door en bewaar ik niets. Wil je het opnieuw proberen, of er "
                "nog even over nadenken?",
                buttons=[
                    {"title": "Opnieuw", "payload": "/express_interest"},
                    {"title": "Ik denk erover na", "payload": "/think_about_it"},
                ],
            )
            return reset(*FORM_SLOTS) + clear_choice()
        footer = ""
        if draft.needs_parent:
            footer = (
                "\n\nJe bent jonger dan 16 (of je gaf je leeftijd niet op). Dan moet eerst je ouder "
                "of verzorger toestemming geven. Druk je op 'Ja', dan krijg je een code voor hen. "
                "Tot zij 'ja' zeggen, stuur ik niets door."
            )
        # The preview shows the answers: the bot process renders it from our database.
        return offer_personal_choice(
            dispatcher,
            "lead_consent",
            {
                "directive": "lead_preview",
                "kind": "parent" if draft.needs_parent else "self",
                "slots": form_slots(tracker),
                "footer": footer,
            },
        )


class ActionSubmitLead(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_submit_lead"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if not pressed_our_button(tracker):
            return ask_again(dispatcher, tracker)
        services = lead_services()
        draft = draft_from(tracker)
        submitted = services.leads.submit(tracker.sender_id, draft)
        # The answers now live in the lead (encrypted); the draft keeps at most the referral.
        services.drafts.remove(tracker.sender_id, *LEAD_FIELDS)
        if draft.route == "telegram":
            # The bot process links this chat to the lead; Rasa never sees the chat id.
            dispatcher.utter_message(
                json_message={"directive": "lead_chat", "lead": submitted.public_id}
            )
        if submitted.parent_code:
            # The code goes to the chat through the bot process, never through Rasa.
            services.drafts.put(tracker.sender_id, "code", submitted.parent_code)
            if submitted.parent_link:  # the link carries a long random token; the code is typed
                services.drafts.put(tracker.sender_id, "link", submitted.parent_link)
            dispatcher.utter_message(
                json_message={
                    "directive": "code_link",
                    "prefix": PARENT_PREFIX,
                    "text": "Top! Nu is je ouder of verzorger aan de beurt. Stuur hem of haar deze link:\n"
                    "{link}\n\nOf laat hen mij op Telegram de code {code} sturen. "
                    "Ze zien dan precies wat jij zag en kiezen zelf. De code werkt 7 dagen. "
                    "Tot die tijd stuur ik niets door.",
                }
            )
        else:
            dispatcher.utter_message(
                text="Verstuurd! 🎉 Iemand van Join us neemt contact met je op. Spannend misschien, "
                "maar je zit nergens aan vast. Met /mijngegevens zie je wat ik heb doorgegeven, "
                "met /stop trek je het in."
            )
        # Issue 5: a student who came with a school's referral link is asked if the school may hear.
        school = ask_school_feedback(dispatcher, tracker, submitted.public_id)
        return reset(*FORM_SLOTS) + clear_choice() + school


class ActionDeclineLead(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_decline_lead"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        dispatcher.utter_message(
            text="Prima! Ik stuur niets door en ik heb gewist wat je had ingevuld. Wil je het later "
            "toch? Typ dan gewoon 'ik wil meedoen'.",
            buttons=[{"title": "Ik denk erover na", "payload": "/think_about_it"}],
        )
        dispatcher.utter_message(json_message=ERASE)
        return reset(*FORM_SLOTS) + clear_choice()


class ActionThinkAboutIt(Action):  # type: ignore[misc]
    """A code to come back with; it remembers at most the campaign, never who you are."""

    def name(self) -> str:
        return "action_think_about_it"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        code = lead_services().leads.comeback_code(source_of(tracker))
        typed = any(tracker.get_slot(name) for name in FORM_SLOTS)
        dispatcher.utter_message(
            json_message={
                "directive": "deep_link",
                "start": COMEBACK_PREFIX + code,
                "text": "Neem rustig de tijd, er is geen haast. 🙂 Wil je later verder? Open dan deze "
                "link: {link}\nIk heb niets bewaard waaraan iemand je kan herkennen. Vragen over "
                "Join us mag je me altijd stellen.",
            }
        )
        if typed:
            dispatcher.utter_message(json_message=ERASE)
        return leave_form()


class ActionWithdraw(Action):  # type: ignore[misc]
    """'/stop', 'ik wil niet meer meedoen': stop routing, erase the lead and what was typed."""

    def name(self) -> str:
        return "action_withdraw"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        withdrawn = lead_services().leads.withdraw(tracker.sender_id)
        # A school employee's /stop withdraws their referrals and requests the same way.
        requests = referral_services().forget(tracker.sender_id)
        if requests and not withdrawn:
            text = (
                "Je verzoeken aan Join us zijn ingetrokken en je gegevens zijn gewist. "
                "Je kunt altijd opnieuw contact opnemen."
            )
        elif withdrawn:
            text = (
                "Je aanmelding is ingetrokken en je gegevens zijn gewist. Join us neemt geen contact "
                "met je op. Je mag altijd terugkomen. 💛"
            )
        elif tracker.active_loop_name:
            text = "Oké, ik stop met de vragen. Wat je had ingevuld heb ik gewist."
        else:
            text = "Er stond niets van je klaar, dus er is ook niets doorgestuurd. Ik heb niets bewaard waaraan iemand je kan herkennen."
        dispatcher.utter_message(text=text)
        if not tracker.active_loop_name:
            # /stop as such (not "stop" inside a form): also ambassador data, drafts, our messages.
            dispatcher.utter_message(json_message=FORGET)
        dispatcher.utter_message(json_message=ERASE)
        return leave_form()


class ActionExplainWhy(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_explain_why"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        asked = tracker.get_slot("requested_slot")
        dispatcher.utter_message(text=WHY.get(str(asked), WHY_GENERAL))
        return []
