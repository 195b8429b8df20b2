"""The school actions with rasa_sdk Tracker fixtures and a CollectingDispatcher (SQLite services)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions import school_services
from actions import services as lead_action_services
from actions.handoff import ActionHumanHandoff
from actions.leads import ActionSubmitLead, ActionWithdraw
from actions.school import (
    ActionConfirmSchoolReferral,
    ActionOfferSchoolRole,
    ActionSchoolChoice,
    ActionSetYouthRole,
    ActionWithdrawSchoolFeedback,
    ValidateSchoolPresentationForm,
    ValidateSchoolReferralForm,
)
from bot.leads.contact import SKIPPED, ContactInvalid
from bot.privacy.drafts import CAPTURED, FIELDS
from bot.school.requests import RequestDraft, SchoolRequestService
from bot.storage.models_outbox import OutboxMessage
from bot.storage.models_school import ReferralLink, SchoolRequest
from tests.leads_support import LeadEnv, lead_env

MENTOR = "m" * 64
STUDENT = "s" * 64
# What Rasa has: school name and contact only as the placeholder; the values are in our draft.
REFERRAL = {
    "role": "school",
    "school_name": CAPTURED,
    "school_staff_role": "mentor",
    "school_contact": CAPTURED,
    "school_student_age": "12-15",
    "school_student_agrees": "yes",
    "school_parents_informed": "yes",
    "school_hopes": SKIPPED,
}


@pytest.fixture
def env(tmp_path: Path) -> Iterator[tuple[LeadEnv, SchoolRequestService]]:
    leads = lead_env(tmp_path, f"sqlite:///{tmp_path / 'joinus.db'}")
    referrals = SchoolRequestService(
        leads.database, leads.cipher, leads.settings, clock=leads.clock
    )
    lead_action_services.use(
        lead_action_services.LeadServices(
            leads.settings, leads.leads, leads.privacy, leads.drafts, leads.tracker
        )
    )
    school_services.use(referrals)
    leads.drafts.put(MENTOR, "school_name", "Zwijsen College Veghel")
    leads.drafts.put(MENTOR, "school_contact", "mentor@zwijsen.nl")
    yield leads, referrals
    school_services.use(None)
    lead_action_services.use(None)
    leads.close()


def tracker(
    slots: dict[str, Any] | None = None,
    *,
    sender: str = MENTOR,
    intent: str = "school_choice",
    entities: list[dict[str, Any]] | None = None,
) -> Tracker:
    return Tracker(
        sender_id=sender,
        slots=dict(slots or {}),
        latest_message={
            "text": "",
            "intent": {"name": intent, "confidence": 1.0},
            "entities": entities or [],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def pressed(token: str, answer: str, entity: str = "school") -> list[dict[str, Any]]:
    if entity == "lead":
        return [{"entity": "token", "value": token}]
    return [
        {"entity": "school_token", "value": token},
        {"entity": "school_answer", "value": answer},
    ]


def slots_of(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("text") or "" for m in dispatcher.messages]


def customs(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]


async def test_role_switch_needs_our_button(env: tuple[LeadEnv, SchoolRequestService]) -> None:
    dispatcher = CollectingDispatcher()
    offered = slots_of(
        await ActionOfferSchoolRole().run(dispatcher, tracker(intent="school_role"), {})
    )
    assert offered["school_pending"] == "role"
    assert "Werk je op een school" in texts(dispatcher)[0]
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles == ["Ja, ik werk op een school", "Nee, ik ben een jongere"]

    # Typed "ja ik werk op een school" (no token) never switches.
    dispatcher = CollectingDispatcher()
    events = await ActionSchoolChoice().run(dispatcher, tracker(offered), {})
    assert events == [] and "knoppen" in texts(dispatcher)[0]

    dispatcher = CollectingDispatcher()
    chosen = tracker(offered, entities=pressed(offered["school_token"], "yes"))
    assert slots_of(await ActionSchoolChoice().run(dispatcher, chosen, {}))["role"] == "school"

    # A school question asked as a young person gets the gentle question instead.
    dispatcher = CollectingDispatcher()
    await ActionOfferSchoolRole().run(dispatcher, tracker(intent="school_faq"), {})
    assert "Bedoel je dat je op een school werkt" in texts(dispatcher)[0]

    dispatcher = CollectingDispatcher()
    back = await ActionSetYouthRole().run(dispatcher, tracker({"role": "school"}), {})
    assert slots_of(back)["role"] is None


async def test_referral_is_sent_with_code_and_chat_directive(
    env: tuple[LeadEnv, SchoolRequestService],
) -> None:
    leads, referrals = env
    dispatcher = CollectingDispatcher()
    asked = slots_of(await ActionConfirmSchoolReferral().run(dispatcher, tracker(REFERRAL), {}))
    assert asked["school_pending"] == "send" and asked["school_request_kind"] == "referral"
    # The summary shows the contact: the bot process renders it (school_preview directive).
    (preview,) = customs(dispatcher)
    assert preview["directive"] == "school_preview" and preview["kind"] == "referral"
    assert preview["slots"]["school_student_age"] == "12-15" and len(preview["buttons"]) == 2
    assert "mentor@zwijsen.nl" not in json.dumps(dispatcher.messages)

    dispatcher = CollectingDispatcher()
    slots = {**REFERRAL, **asked}
    events = await ActionSchoolChoice().run(
        dispatcher, tracker(slots, entities=pressed(asked["school_token"], "yes")), {}
    )
    assert slots_of(events)["school_student_age"] is None
    assert slots_of(events)["school_contact"] is None  # asked again next time
    directives = {c["directive"]: c for c in customs(dispatcher)}
    assert directives["code_link"]["prefix"] == "ref_"
    code = leads.drafts.values(MENTOR)["code"]  # shown once by the bot process, then dropped
    assert code not in json.dumps(dispatcher.messages)
    with leads.database.session() as session:
        request = session.scalar(select(SchoolRequest))
        assert request is not None and directives["school_chat"]["request"] == request.public_id
        kinds = [row.kind for row in session.scalars(select(OutboxMessage))]
        assert referrals.facts(request).contact == "mentor@zwijsen.nl"
    assert kinds == ["school_card"]
    assert set(leads.drafts.values(MENTOR)) == {"code", "link"}  # shown once by the bot
    assert leads.drafts.values(MENTOR)["link"] not in json.dumps(dispatcher.messages)


async def test_stop_withdraws_a_school_employees_requests(
    env: tuple[LeadEnv, SchoolRequestService],
) -> None:
    leads, referrals = env
    referrals.submit(
        MENTOR,
        RequestDraft(
            kind="presentation",
            school="Zwijsen College",
            staff_role="mentor",
            contact="mentor@zwijsen.nl",
            details="januari",
        ),
    )
    dispatcher = CollectingDispatcher()
    await ActionWithdraw().run(dispatcher, tracker(intent="withdraw"), {})
    assert "verzoeken aan Join us zijn ingetrokken" in texts(dispatcher)[0]
    with leads.database.session() as session:
        assert session.scalar(select(func.count()).select_from(SchoolRequest)) == 0


async def test_no_referral_without_the_students_agreement(
    env: tuple[LeadEnv, SchoolRequestService],
) -> None:
    leads, _ = env
    form = ValidateSchoolReferralForm()
    dispatcher = CollectingDispatcher()
    filled = form.validate_school_student_agrees("no", dispatcher, tracker(), {})
    assert filled["school_student_agrees"] == "no" and filled["school_hopes"] == SKIPPED
    dispatcher = CollectingDispatcher()
    slots = {**REFERRAL, "school_student_agrees": "no"}
    events = await ActionConfirmSchoolReferral().run(dispatcher, tracker(slots), {})
    assert "niets door" in texts(dispatcher)[0] and "school_pending" not in slots_of(events)
    with leads.database.session() as session:
        assert session.scalar(select(func.count()).select_from(SchoolRequest)) == 0


def test_form_validation(env: tuple[LeadEnv, SchoolRequestService]) -> None:
    form = ValidateSchoolReferralForm()
    dispatcher = CollectingDispatcher()
    t = tracker()
    # Rasa accepts only the bot's placeholder; the check runs in the bot process.
    assert form.validate_school_contact("06 12345678", dispatcher, t, {}) == {
        "school_contact": None
    }
    assert form.validate_school_contact(CAPTURED, dispatcher, t, {}) == {"school_contact": CAPTURED}
    check = FIELDS["school_contact"].check
    assert check("06 12345678", None) == "+31612345678"
    assert check("Mentor@School.NL", None) == "mentor@school.nl"
    with pytest.raises(ContactInvalid, match="telefoonnummer"):
        check("bel me maar", None)
    assert form.validate_school_staff_role("ik ben zorgcoördinator", dispatcher, t, {}) == {
        "school_staff_role": "zorgcoordinator"
    }
    assert form.validate_school_student_age("14", dispatcher, t, {}) == {
        "school_student_age": "12-15"
    }
    assert form.validate_school_student_age("40", dispatcher, t, {}) == {"school_student_age": None}
    assert form.validate_school_parents_informed("nog niet", dispatcher, t, {}) == {
        "school_parents_informed": "not_yet"
    }
    presentation = ValidateSchoolPresentationForm()
    assert presentation.validate_school_period("jan_mrt", dispatcher, t, {}) == {
        "school_period": "jan_mrt"
    }


async def _submit_referred_lead(
    env: tuple[LeadEnv, SchoolRequestService], code: str
) -> tuple[CollectingDispatcher, dict[str, Any]]:
    slots = {
        "lead_age_band": "16-17",
        "lead_area": "Veghel",
        "lead_contact_route": "phone",
        "lead_contact_detail": "+31612345678",
        "lead_nickname": "Sam",
        "lead_wishes": SKIPPED,
        "source": code,
        "pending_choice": "lead_consent",
        "choice_token": "tok1",
    }
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitLead().run(
        dispatcher,
        tracker(slots, sender=STUDENT, intent="agree", entities=pressed("tok1", "", "lead")),
        {},
    )
    return dispatcher, {**slots, **slots_of(events)}


async def test_referred_student_is_asked_and_can_say_yes_or_withdraw(
    env: tuple[LeadEnv, SchoolRequestService],
) -> None:
    leads, referrals = env
    submitted = referrals.submit(
        MENTOR, RequestDraft("referral", "Zwijsen", "mentor", "mentor@zwijsen.nl", "16-17")
    )
    code = f"ref_{submitted.referral_code}"
    dispatcher, slots = await _submit_referred_lead(env, code)
    assert "Mag ik je school laten weten" in texts(dispatcher)[-1]
    assert slots["school_pending"] == "feedback" and slots["school_feedback_lead"]

    dispatcher = CollectingDispatcher()
    yes = tracker(slots, sender=STUDENT, entities=pressed(slots["school_token"], "yes"))
    await ActionSchoolChoice().run(dispatcher, yes, {})
    assert "hoort je school het" in texts(dispatcher)[0]
    with leads.database.session() as session:
        assert session.scalar(select(func.count()).select_from(ReferralLink)) == 1

    dispatcher = CollectingDispatcher()
    await ActionWithdrawSchoolFeedback().run(dispatcher, tracker(sender=STUDENT), {})
    assert "niets meer" in texts(dispatcher)[0]
    with leads.database.session() as session:
        assert session.scalar(select(func.count()).select_from(ReferralLink)) == 0


async def test_student_without_referral_link_is_not_asked(
    env: tuple[LeadEnv, SchoolRequestService],
) -> None:
    dispatcher, slots = await _submit_referred_lead(env, "poster-zwijsen")
    assert not any("school" in t.lower() and "laten weten" in t for t in texts(dispatcher))
    assert "school_pending" not in slots


async def test_student_saying_no_stores_no_link(env: tuple[LeadEnv, SchoolRequestService]) -> None:
    leads, referrals = env
    submitted = referrals.submit(
        MENTOR, RequestDraft("referral", "Zwijsen", "mentor", "mentor@zwijsen.nl", "16-17")
    )
    _, slots = await _submit_referred_lead(env, f"ref_{submitted.referral_code}")
    dispatcher = CollectingDispatcher()
    no = tracker(slots, sender=STUDENT, entities=pressed(slots["school_token"], "no"))
    await ActionSchoolChoice().run(dispatcher, no, {})
    assert "hoort hier niets" in texts(dispatcher)[0]
    with leads.database.session() as session:
        assert session.scalar(select(func.count()).select_from(ReferralLink)) == 0


async def test_contact_says_what_it_does_not_know(
    env: tuple[LeadEnv, SchoolRequestService],
) -> None:
    # "hoe bereik ik jullie" is human_handoff for everyone; in the school role it gets this answer.
    dispatcher = CollectingDispatcher()
    await ActionHumanHandoff().run(dispatcher, tracker({"role": "school"}), {})
    text = texts(dispatcher)[0]
    assert "Zo bereik je Join us" in text or "niet bij de hand" in text


async def test_handoff_without_school_role_is_the_young_persons_answer(
    env: tuple[LeadEnv, SchoolRequestService],
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionHumanHandoff().run(dispatcher, tracker({}), {})
    assert "Zo bereik je Join us" not in texts(dispatcher)[0]
    assert {"title": "Een leerling verwijzen", "payload": "/school_refer"} not in (
        dispatcher.messages[0].get("buttons") or []
    )
