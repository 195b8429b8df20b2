"""School staff (issue 5): the school role, the request forms, and the consented loop back.

Thin: texts of cards and summaries in bot/school/cards.py, checks in bot/leads/contact.py, storage in
bot/school/requests.py. A role switch, a submission and the student's "my school may hear"
are only taken from our own buttons: each carries a one-time token also kept in a slot, so
typed text ("ja hoor") never switches a young person into the school flow by accident.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.choices import SCHOOL_CHOICE
from actions.facts import facts
from actions.questions import AskSlot
from actions.school_services import referral_services
from actions.services import lead_services
from bot.answers import texts as answers_texts
from bot.leads import texts as lead_texts
from bot.leads.contact import SKIPPED, ContactInvalid, age_band, short_text
from bot.pipeline import texts as pipeline_texts
from bot.privacy.drafts import (
    CAPTURED,
    REFERRAL_SOURCE,
    SCHOOL_FIELDS,
    real_source,
    request_draft,
)
from bot.school import texts
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

MENU = [
    {"title": texts.MENU_SIGNALS_BUTTON, "payload": texts.MENU_SIGNALS_QUESTION},
    {"title": texts.MENU_REFER_BUTTON, "payload": "/school_refer"},
    {"title": texts.MENU_PRESENTATION_BUTTON, "payload": "/school_presentation"},
    {"title": texts.MENU_MATERIAL_BUTTON, "payload": "/school_material_request"},
]


def reset(*names: str) -> EventList:
    return [SlotSet(name, None) for name in names]


def referral_code(tracker: Tracker) -> str | None:
    source = tracker.get_slot("source")
    if (
        source == REFERRAL_SOURCE
    ):  # the code itself is kept by the bot process (bot/pipeline/capture.py)
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
    events = SCHOOL_CHOICE.offer(
        dispatcher,
        "feedback",
        texts.FEEDBACK_QUESTION,
        texts.FEEDBACK_YES_BUTTON,
        pipeline_texts.NO_RATHER_NOT_BUTTON,
    )
    return [*events, SlotSet("school_feedback_lead", lead_public_id)]


def ask_parent_school_feedback(dispatcher: CollectingDispatcher, lead_public_id: str) -> EventList:
    """After a parent confirmed an under-16's lead that the child wants the school to hear of."""
    if not referral_services().waits_for_parent(lead_public_id):
        return []
    events = SCHOOL_CHOICE.offer(
        dispatcher,
        "parent_feedback",
        texts.PARENT_FEEDBACK_QUESTION,
        texts.FEEDBACK_YES_BUTTON,
        texts.NO_BUTTON,
    )
    return [*events, SlotSet("school_feedback_lead", lead_public_id)]


# ------------------------------------------------------------------------------ the role


class ActionOfferSchoolRole(Action):
    """'Ik ben mentor', /start school, or a school topic asked outside the school role."""

    def name(self) -> str:
        return "action_offer_school_role"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if tracker.get_slot("role") == SCHOOL:
            dispatcher.utter_message(text=texts.WELCOME_SCHOOL, buttons=MENU)
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = texts.ASK_ROLE if intent == "school_role" else texts.ASK_ROLE_TOPIC
        return SCHOOL_CHOICE.offer(
            dispatcher,
            "role",
            text,
            texts.ROLE_SCHOOL_BUTTON,
            texts.ROLE_YOUTH_BUTTON,
            no_payload="/youth_role",
        )


class ActionSetYouthRole(Action):
    def name(self) -> str:
        return "action_set_youth_role"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        dispatcher.utter_message(
            text=texts.YOUTH_ROLE_SET,
            buttons=[
                {
                    "title": answers_texts.INTENT_TITLES["what_is_joinus"],
                    "payload": "/what_is_joinus",
                },
                {"title": texts.I_WANT_TO_JOIN_BUTTON, "payload": "/express_interest"},
            ],
        )
        return [SlotSet("role", None), SlotSet("visitor_role", None), *SCHOOL_CHOICE.clear()]


class ActionSchoolChoice(Action):
    """Every school yes/no button: switch role, send a request, the school-feedback consent."""

    def name(self) -> str:
        return "action_school_choice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        answer = SCHOOL_CHOICE.answer(tracker)
        if answer is None:
            dispatcher.utter_message(text=texts.USE_BUTTONS)
            return []
        pending = SCHOOL_CHOICE.pending(tracker)
        events = SCHOOL_CHOICE.clear()
        if pending == "role":
            dispatcher.utter_message(text=texts.WELCOME_SCHOOL, buttons=MENU)
            return [*events, SlotSet("role", SCHOOL), SlotSet("visitor_role", None)]
        if pending == "send":
            return events + send_request(dispatcher, tracker, answer == "yes")
        if pending in ("feedback", "parent_feedback"):
            return events + feedback_answer(dispatcher, tracker, pending, answer == "yes")
        dispatcher.utter_message(text=pipeline_texts.STALE_BUTTON)
        return events


def feedback_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, pending: str, yes: bool
) -> EventList:
    service = referral_services()
    lead = str(tracker.get_slot("school_feedback_lead") or "")
    if pending == "feedback":
        code = referral_code(tracker) or ""
        if yes and service.student_agrees(tracker.sender_id, lead, code):
            dispatcher.utter_message(text=texts.FEEDBACK_STUDENT_YES)
        else:
            dispatcher.utter_message(text=texts.FEEDBACK_STUDENT_NO)
    elif yes and service.parent_agrees(tracker.sender_id, lead):
        dispatcher.utter_message(text=texts.FEEDBACK_PARENT_YES)
    else:
        service.parent_refuses(lead)
        dispatcher.utter_message(text=texts.FEEDBACK_PARENT_NO)
    return [SlotSet("school_feedback_lead", None)]


class ActionWithdrawSchoolFeedback(Action):
    """'Mijn school hoeft het niet te weten': the link to the school is removed."""

    def name(self) -> str:
        return "action_withdraw_school_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if referral_services().withdraw_feedback(tracker.sender_id):
            text = texts.FEEDBACK_WITHDRAWN
        else:
            text = texts.FEEDBACK_NOTHING_TO_WITHDRAW
        dispatcher.utter_message(text=text)
        return []


def utter_school_contact(dispatcher: CollectingDispatcher) -> None:
    """How school staff reach Join us (content/facts.yml; what is unknown is said to be unknown).

    Said by ``action_human_handoff`` in the school role: "how do I reach you" is one intent for
    everyone, the role decides the answer.
    """
    data = facts()
    lines = [
        answers_texts.CONTACT_LINE.format(label=label, value=data.get(fact))
        for fact, label in texts.CONTACT_LABELS.items()
        if data.get(fact)
    ]
    text = texts.CONTACT_HEADER + "\n".join(lines) if lines else texts.CONTACT_UNKNOWN
    text += texts.CONTACT_VIA_ME
    dispatcher.utter_message(text=text, buttons=MENU[1:])


# ------------------------------------------------------------------------------ the forms


class ActionResetSchoolRequest(Action):
    """A new request starts clean (school, role and contact are kept for convenience)."""

    def name(self) -> str:
        return "action_reset_school_request"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        return reset(*REQUEST_SLOTS) + SCHOOL_CHOICE.clear()


def _choice(value: Any, options: dict[str, str], words: dict[str, str]) -> str | None:
    text = str(value).strip().lower()
    if text in options:
        return text
    return next((key for word, key in words.items() if word in text), None)


class _SchoolFormValidation(FormValidationAction):
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
        return {"school_staff_role": _choice(value, texts.STAFF_ROLES, words) or "anders"}

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
            dispatcher.utter_message(text=texts.CHOOSE_STUDENT_AGE)
            return {"school_student_age": None}

    def validate_school_student_agrees(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        answer = _choice(value, {"yes": "", "no": ""}, {"ja": "yes", "nee": "no", "niet": "no"})
        if answer is None:
            dispatcher.utter_message(text=texts.USE_BUTTONS)
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
            dispatcher.utter_message(text=texts.USE_BUTTONS)
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
        return {"school_period": text if text in texts.PERIODS else short_text(text, 120)}


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
        return {
            "school_material": _choice(value, texts.MATERIALS, words) or short_text(str(value), 120)
        }


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


class _ConfirmSchoolRequest(Action):
    """A form is complete: show exactly what Join us gets and ask to send it."""

    kind = ""

    def name(self) -> str:
        return f"action_confirm_school_{self.kind}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> EventList:
        if self.kind == "referral" and tracker.get_slot("school_student_agrees") != "yes":
            dispatcher.utter_message(text=texts.REFERRAL_NOT_AGREED)
            return reset(*REQUEST_SLOTS)
        # The summary shows the school and contact: the bot process renders it (school_preview).
        events = SCHOOL_CHOICE.offer(
            dispatcher,
            "send",
            "",
            texts.SEND_YES_BUTTON,
            texts.SEND_NO_BUTTON,
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
        dispatcher.utter_message(text=texts.NOTHING_SENT)
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
                # {link} and {code} stay for the bot process, which alone knows them.
                "text": texts.REQUEST_SENT_CODE_LINK.format(
                    request=submitted.public_id,
                    prefix=REFERRAL_PREFIX,
                    link="{link}",
                    code="{code}",
                ),
            }
        )
    else:
        dispatcher.utter_message(text=texts.REQUEST_SENT.format(request=submitted.public_id))
    return events


# The forms' questions, asked by action_ask_<slot> (buttons fill the slot via entities).
QUESTIONS: dict[str, tuple[str, list[dict[str, str]]]] = {
    "school_name": (
        texts.ASK_SCHOOL_NAME,
        [],
    ),
    "school_staff_role": (
        texts.ASK_STAFF_ROLE,
        [
            {
                "title": texts.ROLE_MENTOR_BUTTON,
                "payload": '/inform{"school_staff_role": "mentor"}',
            },
            {
                "title": texts.ROLE_TEACHER_BUTTON,
                "payload": '/inform{"school_staff_role": "docent"}',
            },
            {
                "title": texts.ROLE_CARE_COORDINATOR_BUTTON,
                "payload": '/inform{"school_staff_role": "zorgcoordinator"}',
            },
            {
                "title": texts.ROLE_TEAM_LEADER_BUTTON,
                "payload": '/inform{"school_staff_role": "teamleider"}',
            },
            {"title": texts.ROLE_OTHER_BUTTON, "payload": '/inform{"school_staff_role": "anders"}'},
        ],
    ),
    "school_contact": (
        texts.ASK_SCHOOL_CONTACT,
        [],
    ),
    "school_student_age": (
        texts.ASK_STUDENT_AGE,
        [
            {
                "title": lead_texts.AGE_BAND_TITLES["12-15"],
                "payload": '/inform{"school_student_age": "12-15"}',
            },
            {
                "title": lead_texts.AGE_BAND_TITLES["16-17"],
                "payload": '/inform{"school_student_age": "16-17"}',
            },
            {
                "title": texts.AGE_18_PLUS_BUTTON,
                "payload": '/inform{"school_student_age": "18-25"}',
            },
        ],
    ),
    "school_student_agrees": (
        texts.ASK_STUDENT_AGREES,
        [
            {
                "title": texts.STUDENT_AGREES_BUTTON,
                "payload": '/inform{"school_student_agrees": "yes"}',
            },
            {
                "title": texts.STUDENT_NOT_YET_BUTTON,
                "payload": '/inform{"school_student_agrees": "no"}',
            },
        ],
    ),
    "school_parents_informed": (
        texts.ASK_PARENTS_INFORMED,
        [
            {
                "title": texts.PARENTS_INFORMED_BUTTON,
                "payload": '/inform{"school_parents_informed": "yes"}',
            },
            {
                "title": texts.PARENTS_NOT_YET_BUTTON,
                "payload": '/inform{"school_parents_informed": "not_yet"}',
            },
            {
                "title": texts.STUDENT_IS_ADULT_BUTTON,
                "payload": '/inform{"school_parents_informed": "adult"}',
            },
        ],
    ),
    "school_hopes": (
        texts.ASK_HOPES,
        [{"title": lead_texts.SKIP_BUTTON, "payload": "/skip"}],
    ),
    "school_period": (
        texts.ASK_PERIOD,
        [
            {
                "title": texts.PERIOD_SEP_OCT_BUTTON,
                "payload": '/inform{"school_period": "sep_okt"}',
            },
            {
                "title": texts.PERIOD_NOV_DEC_BUTTON,
                "payload": '/inform{"school_period": "nov_dec"}',
            },
            {
                "title": texts.PERIOD_JAN_MAR_BUTTON,
                "payload": '/inform{"school_period": "jan_mrt"}',
            },
            {
                "title": texts.PERIOD_APR_JUN_BUTTON,
                "payload": '/inform{"school_period": "apr_jun"}',
            },
        ],
    ),
    "school_material": (
        texts.ASK_MATERIAL,
        [
            {
                "title": texts.MATERIAL_FLYERS_BUTTON,
                "payload": '/inform{"school_material": "flyers"}',
            },
            {
                "title": texts.MATERIAL_POSTERS_BUTTON,
                "payload": '/inform{"school_material": "posters"}',
            },
            {
                "title": texts.MATERIAL_FACTSHEET_BUTTON,
                "payload": '/inform{"school_material": "factsheet"}',
            },
            {"title": texts.MATERIAL_ALL_BUTTON, "payload": '/inform{"school_material": "all"}'},
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
