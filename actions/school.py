"""School staff (issue 5): the school role, the request forms, and the consented loop back.

Thin: texts of cards and summaries in bot/school/cards.py, checks in bot/leads/contact.py, storage in
bot/school/requests.py. A role switch, a submission and the student's "my school may hear"
are only taken from our own buttons: each carries a one-time token also kept in a slot, so
typed text ("ja hoor") never switches a young person into the school flow by accident.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.facts import facts
from actions.questions import AskSlot
from actions.school_services import referral_services
from actions.services import lead_services
from bot.leads.contact import SKIPPED, ContactInvalid, age_band, short_text
from bot.privacy.drafts import (
    CAPTURED,
    REFERRAL_SOURCE,
    SCHOOL_FIELDS,
    real_source,
    request_draft,
)
from bot.school.cards import MATERIALS, PERIODS, STAFF_ROLES
from bot.school.requests import REFERRAL_PREFIX, RequestDraft

EventList = list[dict[str, Any]]

SCHOOL = "school"
# Slots of one request; school name, role and contact are kept for the next request.
REQUEST_SLOTS = (
    "school_student_age",
    "school_student_agrees",
    "school_parents_informed",
    "school_hopes",
    "school_period",
    "school_material",
)
CHOICE_SLOTS = ("school_pending", "school_token")
USE_BUTTONS = "Kies met een van de knoppen hierboven, dan weet ik zeker wat je bedoelt."

MENU = [
    {"title": "Signalen herkennen", "payload": "Welke signalen van eenzaamheid zie je op school?"},
    {"title": "Een leerling verwijzen", "payload": "/school_refer"},
    {"title": "Presentatie aanvragen", "payload": "/school_presentation"},
    {"title": "Flyers en posters", "payload": "/school_material_request"},
]
WELCOME_SCHOOL = (
    "Fijn dat je er bent. Ik help schoolmedewerkers met eenzaamheid bij leerlingen: signalen "
    "herkennen, het gesprek aangaan, wie je betrekt en hoe je naar Join us verwijst. Ook kun je "
    "een presentatie of materiaal aanvragen. Waar kan ik je mee helpen?"
)
ASK_ROLE = (
    "Werk je op een school, bijvoorbeeld als mentor, docent, zorgcoördinator of teamleider? "
    "Dan beantwoord ik je vragen als professional."
)
ASK_ROLE_TOPIC = (
    "Deze informatie is bedoeld voor mensen die op een school werken. Bedoel je dat je op een "
    "school werkt?"
)
FEEDBACK_QUESTION = (
    "Je kwam via een link van je school. Mag ik je school laten weten dat je je hebt aangemeld, "
    "zodra dat zo is? Ze horen alleen dát je meedoet en later misschien in één zin hoe het gaat, "
    "niets over wat je vertelt. Je mag ook nee zeggen; dat heeft geen gevolgen. Intrekken kan "
    "altijd met 'mijn school hoeft het niet te weten'."
)
PARENT_FEEDBACK_QUESTION = (
    "Nog één vraag: je kind kwam via een verwijzing van school en vindt het goed dat de school "
    "hoort dát je kind zich heeft aangemeld (en later misschien in één zin hoe het gaat). Vind jij "
    "dat ook goed? Zonder jouw ja hoort de school niets."
)


def reset(*names: str) -> EventList:
    return [SlotSet(name, None) for name in names]


def offer(
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

    With ``directive`` the bot process renders the text instead (it shows personal details).
    """
    token = secrets.token_hex(4)

    def payload(answer: str) -> str:
        return "/school_choice" + json.dumps({"school_token": token, "school_answer": answer})

    buttons = [
        {"title": yes, "payload": payload("yes")},
        {"title": no, "payload": no_payload or payload("no")},
    ]
    if directive is not None:
        dispatcher.utter_message(json_message={**directive, "buttons": buttons})
    else:
        dispatcher.utter_message(text=text, buttons=buttons)
    return [SlotSet("school_pending", pending), SlotSet("school_token", token)]


def pressed_our_button(tracker: Tracker) -> str | None:
    """'yes' / 'no' when this turn is one of our buttons with the current token, else None."""
    expected = tracker.get_slot("school_token")
    given = next(tracker.get_latest_entity_values("school_token"), None)
    answer = next(tracker.get_latest_entity_values("school_answer"), None)
    if not expected or given != expected or answer not in ("yes", "no"):
        return None
    return str(answer)


def referral_code(tracker: Tracker) -> str | None:
    source = tracker.get_slot("source")
    if source == REFERRAL_SOURCE:  # the code itself is kept by the bot process (bot/pipeline/capture.py)
        source = real_source(source, lead_services().drafts.values(tracker.sender_id))
    if isinstance(source, str) and source.startswith(REFERRAL_PREFIX):
        return source
    return None


# --------------------------------------------------------------- hooks for the lead actions


def ask_school_feedback(
    dispatcher: CollectingDispatcher, tracker: Tracker, lead_public_id: str
) -> EventList:
    """After a referred student's interest is stored: may their school hear? (leads hook)"""
    code = referral_code(tracker)
    if code is None or not referral_services().referral_exists(code, tracker.sender_id):
        return []
    events = offer(dispatcher, "feedback", FEEDBACK_QUESTION, "Ja, dat mag", "Nee, liever niet")
    return [*events, SlotSet("school_feedback_lead", lead_public_id)]


def ask_parent_school_feedback(dispatcher: CollectingDispatcher, lead_public_id: str) -> EventList:
    """After a parent confirmed an under-16's lead that the child wants the school to hear of."""
    if not referral_services().waits_for_parent(lead_public_id):
        return []
    events = offer(dispatcher, "parent_feedback", PARENT_FEEDBACK_QUESTION, "Ja, dat mag", "Nee")
    return [*events, SlotSet("school_feedback_lead", lead_public_id)]


# ------------------------------------------------------------------------------ the role


class ActionOfferSchoolRole(Action):  # type: ignore[misc]  # rasa_sdk is untyped
    """'Ik ben mentor', /start school, or a school topic asked outside the school role."""

    def name(self) -> str:
        return "action_offer_school_role"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if tracker.get_slot("role") == SCHOOL:
            dispatcher.utter_message(text=WELCOME_SCHOOL, buttons=MENU)
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = ASK_ROLE if intent == "school_role" else ASK_ROLE_TOPIC
        return offer(
            dispatcher,
            "role",
            text,
            "Ja, ik werk op een school",
            "Nee, ik ben een jongere",
            no_payload="/youth_role",
        )


class ActionSetYouthRole(Action):  # type: ignore[misc]
    def name(self) -> str:
        return "action_set_youth_role"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        dispatcher.utter_message(
            text="Oké! Dan praat ik met je als jongere. Vraag me gerust alles over Join us. 🙂",
            buttons=[
                {"title": "Wat is Join us?", "payload": "/what_is_joinus"},
                {"title": "Ik wil meedoen", "payload": "/express_interest"},
            ],
        )
        return [SlotSet("role", None), SlotSet("visitor_role", None), *reset(*CHOICE_SLOTS)]


class ActionSchoolChoice(Action):  # type: ignore[misc]
    """Every school yes/no button: switch role, send a request, the school-feedback consent."""

    def name(self) -> str:
        return "action_school_choice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        answer = pressed_our_button(tracker)
        if answer is None:
            dispatcher.utter_message(text=USE_BUTTONS)
            return []
        pending = tracker.get_slot("school_pending")
        events = reset(*CHOICE_SLOTS)
        if pending == "role":
            dispatcher.utter_message(text=WELCOME_SCHOOL, buttons=MENU)
            return [*events, SlotSet("role", SCHOOL), SlotSet("visitor_role", None)]
        if pending == "send":
            return events + send_request(dispatcher, tracker, answer == "yes")
        if pending in ("feedback", "parent_feedback"):
            return events + feedback_answer(dispatcher, tracker, pending, answer == "yes")
        dispatcher.utter_message(text="Deze knop werkt niet meer.")
        return events


def feedback_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, pending: str, yes: bool
) -> EventList:
    service = referral_services()
    lead = str(tracker.get_slot("school_feedback_lead") or "")
    if pending == "feedback":
        code = referral_code(tracker) or ""
        if yes and service.student_agrees(tracker.sender_id, lead, code):
            dispatcher.utter_message(
                text="Top, dan hoort je school het als je bent aangemeld. Ben je jonger dan 16, "
                "dan vraag ik het ook aan je ouder of verzorger. Wil je het toch niet? Zeg dan "
                "'mijn school hoeft het niet te weten'."
            )
        else:
            dispatcher.utter_message(text="Prima, je school hoort hier niets over van Join us. 👍")
    elif yes and service.parent_agrees(tracker.sender_id, lead):
        dispatcher.utter_message(
            text="Dank je wel. De school hoort alleen dát je kind zich heeft aangemeld."
        )
    else:
        service.parent_refuses(lead)
        dispatcher.utter_message(text="Helder: de school hoort hier niets over van Join us.")
    return [SlotSet("school_feedback_lead", None)]


class ActionWithdrawSchoolFeedback(Action):  # type: ignore[misc]
    """'Mijn school hoeft het niet te weten': the link to the school is removed."""

    def name(self) -> str:
        return "action_withdraw_school_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if referral_services().withdraw_feedback(tracker.sender_id):
            text = "Geregeld: je school hoort niets meer van Join us over jouw aanmelding."
        else:
            text = "Je school krijgt van Join us niets over jou te horen, dus er is niets in te trekken."
        dispatcher.utter_message(text=text)
        return []


def utter_school_contact(dispatcher: CollectingDispatcher) -> None:
    """How school staff reach Join us (content/facts.yml; what is unknown is said to be unknown).

    Said by ``action_human_handoff`` in the school role: "how do I reach you" is one intent for
    everyone, the role decides the answer.
    """
    data = facts()
    lines = [
        f"{label}: {value}"
        for label, value in (
            ("Telefoon", data.get("contact.phone")),
            ("E-mail", data.get("contact.email")),
            ("Bereikbaar", data.get("contact.office_hours")),
            ("Website", data.get("organisation.website")),
        )
        if value
    ]
    if lines:
        text = "Zo bereik je Join us:\n" + "\n".join(lines)
    else:
        text = (
            "Het telefoonnummer en e-mailadres van Join us heb ik nu niet bij de hand, en ik "
            "gok liever niet."
        )
    text += (
        "\nVia mij kan het ook: verwijs een leerling of vraag een presentatie of materiaal "
        "aan, dan neemt iemand van Join us contact met je op."
    )
    dispatcher.utter_message(text=text, buttons=MENU[1:])


# ------------------------------------------------------------------------------ the forms


class ActionResetSchoolRequest(Action):  # type: ignore[misc]
    """A new request starts clean (school, role and contact are kept for convenience)."""

    def name(self) -> str:
        return "action_reset_school_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        return reset(*REQUEST_SLOTS, *CHOICE_SLOTS)


def _choice(value: Any, options: dict[str, str], words: dict[str, str]) -> str | None:
    text = str(value).strip().lower()
    if text in options:
        return text
    return next((key for word, key in words.items() if word in text), None)


class _SchoolFormValidation(FormValidationAction):  # type: ignore[misc]
    """Validators shared by the three school forms."""

    form = ""

    def name(self) -> str:
        return f"validate_{self.form}"

    # School name, contact and hopes are checked and kept by the bot process (bot/pipeline/capture.py,
    # bot/privacy/drafts.py); Rasa only has "captured" (or "_skip").
    def validate_school_name(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"school_name": value if value == CAPTURED else None}

    def validate_school_staff_role(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        words = {
            "mentor": "mentor",
            "docent": "docent",
            "leraar": "docent",
            "zorg": "zorgcoordinator",
            "team": "teamleider",
        }
        return {"school_staff_role": _choice(value, STAFF_ROLES, words) or "anders"}

    def validate_school_contact(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"school_contact": value if value == CAPTURED else None}


class ValidateSchoolReferralForm(_SchoolFormValidation):
    form = "school_referral_form"

    def validate_school_student_age(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        try:
            return {"school_student_age": age_band(str(value))}
        except ContactInvalid:
            dispatcher.utter_message(
                text="Kies de leeftijd van de leerling met een knop; Join us is voor 12 t/m 25 jaar."
            )
            return {"school_student_age": None}

    def validate_school_student_agrees(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = _choice(value, {"yes": "", "no": ""}, {"ja": "yes", "nee": "no", "niet": "no"})
        if answer is None:
            dispatcher.utter_message(text=USE_BUTTONS)
            return {"school_student_agrees": None}
        if answer == "no":
            # Required: without the student's agreement nothing is asked or sent; end the form.
            return {
                "school_student_agrees": "no",
                "school_parents_informed": SKIPPED,
                "school_hopes": SKIPPED,
            }
        return {"school_student_agrees": "yes"}

    def validate_school_parents_informed(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        words = {"ja": "yes", "nog niet": "not_yet", "nee": "not_yet", "18": "adult"}
        answer = _choice(value, {"yes": "", "not_yet": "", "adult": ""}, words)
        if answer is None:
            dispatcher.utter_message(text=USE_BUTTONS)
        return {"school_parents_informed": answer}

    def validate_school_hopes(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        return {"school_hopes": value if value in (CAPTURED, SKIPPED) else None}


class ValidateSchoolPresentationForm(_SchoolFormValidation):
    form = "school_presentation_form"

    def validate_school_period(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        text = str(value)
        return {"school_period": text if text in PERIODS else short_text(text, 120)}


class ValidateSchoolMaterialForm(_SchoolFormValidation):
    form = "school_material_form"

    def validate_school_material(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        words = {
            "flyer": "flyers",
            "folder": "flyers",
            "poster": "posters",
            "fact": "factsheet",
            "alle": "all",
        }
        return {"school_material": _choice(value, MATERIALS, words) or short_text(str(value), 120)}


FORM_SLOTS = (
    "school_name",
    "school_staff_role",
    "school_contact",
    "school_student_age",
    "school_parents_informed",
    "school_hopes",
    "school_period",
    "school_material",
)


def form_slots(tracker: Tracker) -> dict[str, Any]:
    """The school form's slots as Rasa has them (personal ones: "captured" or "_skip")."""
    return {name: tracker.get_slot(name) for name in FORM_SLOTS}


def draft_from(tracker: Tracker, kind: str) -> RequestDraft:
    """The real answers: personal ones from the bot process's draft (bot/privacy/drafts.py)."""
    values = lead_services().drafts.values(tracker.sender_id)
    return request_draft(kind, form_slots(tracker), values)


class _ConfirmSchoolRequest(Action):  # type: ignore[misc]
    """A form is complete: show exactly what Join us gets and ask to send it."""

    kind = ""

    def name(self) -> str:
        return f"action_confirm_school_{self.kind}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if self.kind == "referral" and tracker.get_slot("school_student_agrees") != "yes":
            dispatcher.utter_message(
                text="Dan stuur ik niets door. Verwijs alleen als de leerling het goed vindt: "
                "bespreek eerst of hij of zij het zelf wil veranderen en of Join us past. Je kunt "
                "de leerling ook de flyer geven, dan kiest hij of zij zelf."
            )
            return reset(*REQUEST_SLOTS)
        # The summary shows the school and contact: the bot process renders it (school_preview).
        events = offer(
            dispatcher,
            "send",
            "",
            "Ja, versturen",
            "Nee, niet versturen",
            directive={
                "directive": "school_preview",
                "kind": self.kind,
                "slots": form_slots(tracker),
            },
        )
        return [*events, SlotSet("school_request_kind", self.kind)]


class ActionConfirmSchoolReferral(_ConfirmSchoolRequest):
    kind = "referral"


class ActionConfirmSchoolPresentation(_ConfirmSchoolRequest):
    kind = "presentation"


class ActionConfirmSchoolMaterial(_ConfirmSchoolRequest):
    kind = "material"


def send_request(dispatcher: CollectingDispatcher, tracker: Tracker, yes: bool) -> EventList:
    kind = str(tracker.get_slot("school_request_kind") or "")
    # School and contact are asked again next time: their draft goes now (sent or not).
    events = [
        *reset(*REQUEST_SLOTS, "school_name", "school_contact"),
        SlotSet("school_request_kind", None),
    ]
    drafts = lead_services().drafts
    if not yes or kind not in ("referral", "presentation", "material"):
        drafts.remove(tracker.sender_id, *SCHOOL_FIELDS)
        dispatcher.utter_message(text="Prima, ik heb niets verstuurd en niets bewaard.")
        return events
    submitted = referral_services().submit(tracker.sender_id, draft_from(tracker, kind))
    drafts.remove(tracker.sender_id, *SCHOOL_FIELDS)
    # The bot process keeps this chat (encrypted) so the school hears back; Rasa never sees it.
    dispatcher.utter_message(
        json_message={"directive": "school_chat", "request": submitted.public_id}
    )
    if submitted.referral_code:
        # The code reaches the chat through the bot process only, never through Rasa.
        drafts.put(tracker.sender_id, "code", submitted.referral_code)
        if submitted.referral_link:  # the link carries a long random token; the code is for typing
            drafts.put(tracker.sender_id, "link", submitted.referral_link)
        dispatcher.utter_message(
            json_message={
                "directive": "code_link",
                "prefix": REFERRAL_PREFIX,
                "text": f"Verstuurd (#{submitted.public_id}). Join us neemt contact met je op.\n\n"
                "Geef de leerling (en de ouders) deze persoonlijke link:\n{link}\n"
                f"of de code {REFERRAL_PREFIX}"
                + "{code}. Meldt de leerling zich via die link aan, dan "
                "vraag ik of jij het mag horen. Alleen bij ja (en onder 16 ook een ja van een ouder) "
                "krijg je hier bericht zodra de aanmelding rond is.",
            }
        )
    else:
        dispatcher.utter_message(
            text=f"Verstuurd (#{submitted.public_id}). Join us neemt contact met je op; je krijgt "
            "hier bericht als je verzoek is opgepakt en afgerond."
        )
    return events


# The forms' questions, asked by action_ask_<slot> (buttons fill the slot via entities).
QUESTIONS: dict[str, tuple[str, list[dict[str, str]]]] = {
    "school_name": (
        "Op welke school werk je (naam en plaats)?",
        [],
    ),
    "school_staff_role": (
        "Wat is je functie?",
        [
            {"title": "Mentor", "payload": '/inform{"school_staff_role": "mentor"}'},
            {"title": "Docent", "payload": '/inform{"school_staff_role": "docent"}'},
            {
                "title": "Zorgcoördinator",
                "payload": '/inform{"school_staff_role": "zorgcoordinator"}',
            },
            {"title": "Teamleider", "payload": '/inform{"school_staff_role": "teamleider"}'},
            {"title": "Anders", "payload": '/inform{"school_staff_role": "anders"}'},
        ],
    ),
    "school_contact": (
        "Op welk telefoonnummer of e-mailadres kan Join us je bereiken? (Je eigen werkgegevens, niet die van de leerling.)",
        [],
    ),
    "school_student_age": (
        "Hoe oud is de leerling? Een naam heb ik niet nodig.",
        [
            {"title": "12 t/m 15 jaar", "payload": '/inform{"school_student_age": "12-15"}'},
            {"title": "16 of 17 jaar", "payload": '/inform{"school_student_age": "16-17"}'},
            {"title": "18 jaar of ouder", "payload": '/inform{"school_student_age": "18-25"}'},
        ],
    ),
    "school_student_agrees": (
        "Weet de leerling van deze verwijzing en vindt hij of zij het goed?",
        [
            {
                "title": "Ja, de leerling vindt het goed",
                "payload": '/inform{"school_student_agrees": "yes"}',
            },
            {"title": "Nee, nog niet", "payload": '/inform{"school_student_agrees": "no"}'},
        ],
    ),
    "school_parents_informed": (
        "Zijn de ouders of verzorgers op de hoogte?",
        [
            {"title": "Ja", "payload": '/inform{"school_parents_informed": "yes"}'},
            {"title": "Nog niet", "payload": '/inform{"school_parents_informed": "not_yet"}'},
            {"title": "Leerling is 18+", "payload": '/inform{"school_parents_informed": "adult"}'},
        ],
    ),
    "school_hopes": (
        "Wat hoop je dat Join us voor deze leerling betekent? Kort is prima, zonder namen of medische details.",
        [{"title": "Sla over", "payload": "/skip"}],
    ),
    "school_period": (
        "Wanneer past een presentatie in het mentorenoverleg of zorgteam het best in jullie jaarplanning?",
        [
            {"title": "September - oktober", "payload": '/inform{"school_period": "sep_okt"}'},
            {"title": "November - december", "payload": '/inform{"school_period": "nov_dec"}'},
            {"title": "Januari - maart", "payload": '/inform{"school_period": "jan_mrt"}'},
            {"title": "April - juni", "payload": '/inform{"school_period": "apr_jun"}'},
        ],
    ),
    "school_material": (
        "Welk materiaal wil je ontvangen?",
        [
            {"title": "Flyers", "payload": '/inform{"school_material": "flyers"}'},
            {"title": "Posters", "payload": '/inform{"school_material": "posters"}'},
            {"title": "Factsheet", "payload": '/inform{"school_material": "factsheet"}'},
            {"title": "Alles", "payload": '/inform{"school_material": "all"}'},
        ],
    ),
}


class _AskSchoolSlot(AskSlot):
    """The school forms ask through these actions; one subclass per slot."""

    questions = QUESTIONS


class ActionAskSchoolName(_AskSchoolSlot):
    slot = "school_name"


class ActionAskSchoolStaffRole(_AskSchoolSlot):
    slot = "school_staff_role"


class ActionAskSchoolContact(_AskSchoolSlot):
    slot = "school_contact"


class ActionAskSchoolStudentAge(_AskSchoolSlot):
    slot = "school_student_age"


class ActionAskSchoolStudentAgrees(_AskSchoolSlot):
    slot = "school_student_agrees"


class ActionAskSchoolParentsInformed(_AskSchoolSlot):
    slot = "school_parents_informed"


class ActionAskSchoolHopes(_AskSchoolSlot):
    slot = "school_hopes"


class ActionAskSchoolPeriod(_AskSchoolSlot):
    slot = "school_period"


class ActionAskSchoolMaterial(_AskSchoolSlot):
    slot = "school_material"
