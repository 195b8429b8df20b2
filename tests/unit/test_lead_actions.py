"""The lead actions with rasa_sdk Tracker fixtures and a CollectingDispatcher (SQLite services)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions import services as action_services
from actions.consent import (
    ActionAskParentConsent,
    ActionCheckParentCode,
    ActionConfirmParent,
    ValidateParentForm,
)
from actions.leads import (
    ActionAskLeadContactDetail,
    ActionExplainWhy,
    ActionShowConsent,
    ActionStartInterest,
    ActionSubmitLead,
    ActionThinkAboutIt,
    ActionWithdraw,
    ValidateInterestForm,
)
from actions.privacy import ActionEraseMe, ActionForgetMe, ActionMyData
from bot.leads.contact import SKIPPED, ContactInvalid
from bot.privacy.drafts import CAPTURED, FIELDS
from bot.storage.models_leads import ComebackCode, Lead
from bot.storage.models_outbox import OutboxMessage
from tests.leads_support import LeadEnv, draft, lead_env

YOUNG = "1" * 64
PARENT = "2" * 64
# What Rasa has: personal answers only as the placeholder; the values are in our draft.
FORM_16 = {
    "lead_age_band": "16-17",
    "lead_area": CAPTURED,
    "lead_contact_route": "phone",
    "lead_contact_detail": CAPTURED,
    "lead_nickname": CAPTURED,
    "lead_wishes": SKIPPED,
    "source": "poster-fioretti",
}
ANSWERS = {"lead_area": "Uden", "lead_contact_detail": "+31612345678", "lead_nickname": "Sam"}


@pytest.fixture
def env(tmp_path: Path) -> Iterator[LeadEnv]:
    environment = lead_env(tmp_path, f"sqlite:///{tmp_path / 'joinus.db'}")
    action_services.use(
        action_services.LeadServices(
            environment.settings,
            environment.leads,
            environment.privacy,
            environment.drafts,
            environment.tracker,
        )
    )
    for field, value in ANSWERS.items():  # what the bot process captured (bot/pipeline/capture.py)
        environment.drafts.put(YOUNG, field, value)
    yield environment
    action_services.use(None)
    environment.close()


def tracker(
    slots: dict[str, Any] | None = None,
    *,
    sender: str = YOUNG,
    text: str = "",
    intent: str = "inform",
    entities: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
) -> Tracker:
    return Tracker(
        sender_id=sender,
        slots=dict(slots or {}),
        latest_message={
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": entities or [],
        },
        events=[],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("text") or "" for m in dispatcher.messages]


def customs(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]


def leads_in(env: LeadEnv) -> list[Lead]:
    with env.database.session() as session:
        return list(session.scalars(select(Lead)))


def outbox_kinds(env: LeadEnv) -> list[str]:
    with env.database.session() as session:
        return [row.kind for row in session.scalars(select(OutboxMessage))]


async def consent_token(env: LeadEnv, slots: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = await ActionShowConsent().run(dispatcher, tracker(slots), {})
    set_slots = slot_events(events)
    return str(set_slots["choice_token"]), set_slots


async def test_start_interest_counts_and_resets(env: LeadEnv) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionStartInterest().run(dispatcher, tracker({"source": "poster-x"}), {})
    assert slot_events(events)["lead_on_file"] is False
    assert slot_events(events)["lead_age_band"] is None
    assert "Alles mag je overslaan" in texts(dispatcher)[0]
    env.leads.submit(YOUNG, draft())
    dispatcher = CollectingDispatcher()
    events = await ActionStartInterest().run(dispatcher, tracker(), {})
    assert slot_events(events) == {"lead_on_file": True}
    assert "al laten weten" in texts(dispatcher)[0]


async def test_form_validation_is_kind_and_strict(env: LeadEnv) -> None:
    form = ValidateInterestForm()
    dispatcher = CollectingDispatcher()
    t = tracker({"lead_contact_route": "phone"})
    assert form.validate_lead_age_band("ik ben 14", dispatcher, t, {}) == {"lead_age_band": "12-15"}
    assert form.validate_lead_age_band("16-17", dispatcher, t, {}) == {"lead_age_band": "16-17"}
    assert form.validate_lead_age_band("weet ik niet", dispatcher, t, {}) == {
        "lead_age_band": SKIPPED
    }
    assert form.validate_lead_age_band("30", dispatcher, t, {}) == {"lead_age_band": None}
    assert "12 tot en met 25" in texts(dispatcher)[-1]
    # Personal answers: only the bot's placeholder (or a skip) is accepted in Rasa...
    assert form.validate_lead_contact_detail("06-1234 5678", dispatcher, t, {}) == {
        "lead_contact_detail": None
    }
    assert form.validate_lead_contact_detail(CAPTURED, dispatcher, t, {}) == {
        "lead_contact_detail": CAPTURED
    }
    # ...the checks themselves run in the bot process, with the same kind messages.
    check = FIELDS["lead_contact_detail"].check
    with pytest.raises(ContactInvalid, match="e-mailadres") as refused:
        check("sam@example.nl", "phone")
    assert "bellen" in str(refused.value)
    assert check("06-1234 5678", "phone") == "+31612345678"
    assert form.validate_lead_contact_route("e-mail graag", dispatcher, t, {}) == {
        "lead_contact_route": "email",
        "lead_contact_detail": None,
    }
    domain_slots = ["lead_age_band", "lead_contact_route", "lead_contact_detail", "lead_nickname"]
    chat = tracker({"lead_contact_route": "telegram"})
    assert "lead_contact_detail" not in await form.required_slots(
        domain_slots, dispatcher, chat, {}
    )
    assert "lead_contact_detail" in await form.required_slots(domain_slots, dispatcher, t, {})


async def test_resets_are_not_validated_as_answers(env: LeadEnv) -> None:
    # rasa_sdk validates every SlotSet since the user's turn, also our own resets to None.
    form = ValidateInterestForm()
    dispatcher = CollectingDispatcher()
    for slot in ("lead_age_band", "lead_area", "lead_contact_route", "lead_contact_detail"):
        assert getattr(form, f"validate_{slot}")(None, dispatcher, tracker(), {}) == {slot: None}
    assert ValidateParentForm().validate_parent_contact(None, dispatcher, tracker(), {}) == {
        "parent_contact": None
    }
    assert dispatcher.messages == []


async def test_detail_question_follows_the_route(env: LeadEnv) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAskLeadContactDetail().run(dispatcher, tracker({"lead_contact_route": "email"}), {})
    message = dispatcher.messages[0]
    assert "e-mailadres" in message["text"]
    assert message["buttons"][0]["payload"] == '/inform{"lead_contact_route": "phone"}'
    assert customs(dispatcher) == [
        {"directive": "capture", "field": "lead_contact_detail", "meta": "email"}
    ]


async def test_consent_preview_then_submit_only_by_button(env: LeadEnv) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionShowConsent().run(dispatcher, tracker(FORM_16), {})
    (preview,) = customs(dispatcher)
    assert slot_events(events)["pending_choice"] == "lead_consent"
    # The preview is rendered by the bot process: nothing personal passes through Rasa.
    assert preview["directive"] == "lead_preview" and preview["kind"] == "self"
    assert preview["slots"]["lead_area"] == CAPTURED
    assert not any(value in json.dumps(dispatcher.messages) for value in ANSWERS.values())
    token = slot_events(events)["choice_token"]
    assert preview["buttons"][0]["payload"] == "/agree" + json.dumps({"token": token})

    state = {**FORM_16, "pending_choice": "lead_consent", "choice_token": token}
    typed = CollectingDispatcher()
    again = await ActionSubmitLead().run(typed, tracker(state, intent="agree", text="ja hoor"), {})
    assert slot_events(again)["pending_choice"] == "lead_consent"  # asked again, with buttons
    assert "knoppen" in texts(typed)[0] and typed.messages[0]["buttons"]
    assert leads_in(env) == []

    pressed = CollectingDispatcher()
    events = await ActionSubmitLead().run(
        pressed,
        tracker(state, intent="agree", entities=[{"entity": "token", "value": token}]),
        {},
    )
    assert slot_events(events)["pending_choice"] is None
    assert slot_events(events)["lead_contact_detail"] is None
    assert "Verstuurd" in texts(pressed)[0]
    (lead,) = leads_in(env)
    assert (lead.status, lead.source, lead.consent_kind) == ("open", "poster-fioretti", "self")
    assert outbox_kinds(env) == ["lead_card"]
    with env.database.session() as session:
        facts = env.leads.facts(session, lead)
    assert (facts.area, facts.contact, facts.nickname) == ("Uden", "+31612345678", "Sam")
    assert env.drafts.values(YOUNG) == {}  # moved into the lead


async def test_unreachable_form_stores_nothing(env: LeadEnv) -> None:
    dispatcher = CollectingDispatcher()
    slots = {**FORM_16, "lead_contact_route": SKIPPED, "lead_contact_detail": None}
    events = await ActionShowConsent().run(dispatcher, tracker(slots), {})
    assert "niets door" in texts(dispatcher)[0]
    assert slot_events(events)["pending_choice"] is None
    assert leads_in(env) == []


async def test_under_sixteen_gets_a_parent_code_then_parent_confirms(env: LeadEnv) -> None:
    slots = {**FORM_16, "lead_age_band": "12-15", "lead_contact_route": "telegram"}
    slots["lead_contact_detail"] = None
    token, _ = await consent_token(env, slots)
    dispatcher = CollectingDispatcher()
    await ActionSubmitLead().run(
        dispatcher,
        tracker(
            {**slots, "choice_token": token},
            intent="agree",
            entities=[{"entity": "token", "value": token}],
        ),
        {},
    )
    link, chat = customs(dispatcher)[1], customs(dispatcher)[0]
    (lead,) = leads_in(env)
    assert chat == {"directive": "lead_chat", "lead": lead.public_id}
    # The code reaches the chat through the bot process (code_link), never through Rasa.
    assert link["directive"] == "code_link" and link["prefix"] == "ouder_"
    assert "{code}" in link["text"] and "{link}" in link["text"]
    stored = env.drafts.values(YOUNG)
    code, token = stored["code"], stored["link"]
    assert len(code) == 10 and len(token) >= 26  # typed code; the link's 128 random bits
    assert code not in json.dumps(dispatcher.messages)
    assert token not in json.dumps(dispatcher.messages)
    assert outbox_kinds(env) == []  # nothing to staff before the parent

    check = CollectingDispatcher()
    events = await ActionCheckParentCode().run(
        check,
        tracker(sender=PARENT, intent="parent_code", text=f"mijn code is {code.lower()}"),
        {},
    )
    assert slot_events(events) == {"parent_code_ok": True, "parent_code": CAPTURED}
    assert customs(check)[0]["directive"] == "parent_preview"
    assert "jonger dan 16" in customs(check)[0]["footer"]
    assert env.drafts.values(PARENT)["parent_code"] == code  # kept by us from now on

    form = ValidateParentForm()
    assert form.validate_parent_contact("hallo", check, tracker(sender=PARENT), {}) == {
        "parent_contact": None
    }
    assert form.validate_parent_contact(CAPTURED, check, tracker(), {}) == {
        "parent_contact": CAPTURED
    }
    env.drafts.put(PARENT, "parent_contact", "ouder@example.nl")  # captured by the bot
    ask = CollectingDispatcher()
    parent_slots = {"parent_code": CAPTURED, "parent_contact": CAPTURED}
    events = await ActionAskParentConsent().run(ask, tracker(parent_slots, sender=PARENT), {})
    parent_token = slot_events(events)["choice_token"]
    assert slot_events(events)["pending_choice"] == "parent_consent"
    (question,) = customs(ask)
    assert question["directive"] == "personal_text" and "{parent_contact}" in question["text"]

    done = CollectingDispatcher()
    await ActionConfirmParent().run(
        done,
        tracker(
            {**parent_slots, "choice_token": parent_token},
            sender=PARENT,
            intent="agree",
            entities=[{"entity": "token", "value": parent_token}],
        ),
        {},
    )
    assert "vastgelegd" in texts(done)[0]
    assert outbox_kinds(env) == ["lead_card"]
    assert leads_in(env)[0].consent_kind == "parent"
    assert env.drafts.values(PARENT) == {}


async def test_wrong_parent_code_is_refused_kindly(env: LeadEnv) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionCheckParentCode().run(
        dispatcher,
        tracker(
            sender=PARENT,
            intent="parent_code",
            entities=[{"entity": "parent_code", "value": "AB12CD"}],
        ),
        {},
    )
    assert slot_events(events)["parent_code_ok"] is False
    assert "verlopen" in texts(dispatcher)[0]


async def test_stop_in_the_form_cancels_and_erases(env: LeadEnv) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionWithdraw().run(
        dispatcher, tracker(FORM_16, intent="withdraw", active_loop="interest_form"), {}
    )
    assert events[0] == {"event": "active_loop", "name": None, "timestamp": None}
    assert slot_events(events)["requested_slot"] is None
    assert slot_events(events)["lead_contact_detail"] is None
    assert "gewist" in texts(dispatcher)[0]
    assert customs(dispatcher) == [{"directive": "erase_conversation"}]


async def test_think_about_it_stores_nothing_identifying(env: LeadEnv) -> None:
    dispatcher = CollectingDispatcher()
    await ActionThinkAboutIt().run(dispatcher, tracker({"source": "poster-x"}), {})
    (custom,) = customs(dispatcher)
    assert custom["directive"] == "deep_link" and custom["start"].startswith("terug_")
    with env.database.session() as session:
        (row,) = session.scalars(select(ComebackCode))
        assert (row.source, row.code) == ("poster-x", custom["start"].removeprefix("terug_"))
    assert env.leads.resolve_source(custom["start"]) == "poster-x"
    assert leads_in(env) == []


async def test_why_ask_answers_the_open_question(env: LeadEnv) -> None:
    dispatcher = CollectingDispatcher()
    await ActionExplainWhy().run(
        dispatcher, tracker({"requested_slot": "lead_contact_detail"}, intent="why_ask"), {}
    )
    assert "Alleen de medewerker" in texts(dispatcher)[0]


async def test_my_data_and_forget_me(env: LeadEnv) -> None:
    token, _ = await consent_token(env, FORM_16)
    await ActionSubmitLead().run(
        CollectingDispatcher(),
        tracker(
            {**FORM_16, "choice_token": token},
            intent="agree",
            entities=[{"entity": "token", "value": token}],
        ),
        {},
    )
    mine = CollectingDispatcher()
    await ActionMyData().run(mine, tracker(intent="my_data"), {})
    assert customs(mine) == [{"directive": "my_data"}]  # rendered by the bot process
    assert "+31612345678" in env.privacy.summary(YOUNG) and "Uden" in env.privacy.summary(YOUNG)

    ask = CollectingDispatcher()
    events = await ActionForgetMe().run(ask, tracker(intent="forget_me"), {})
    forget_token = slot_events(events)["choice_token"]
    assert slot_events(events)["pending_choice"] == "forget"
    erase = CollectingDispatcher()
    await ActionEraseMe().run(
        erase,
        tracker(
            {"choice_token": forget_token},
            intent="agree",
            entities=[{"entity": "token", "value": forget_token}],
        ),
        {},
    )
    assert "gewist" in texts(erase)[0]
    assert customs(erase) == [
        {"directive": "forget_person"},
        {"directive": "erase_conversation"},
    ]
    assert leads_in(env) == []


async def test_stop_outside_a_form_also_forgets_what_only_the_bot_holds(env: LeadEnv) -> None:
    dispatcher = CollectingDispatcher()
    await ActionWithdraw().run(dispatcher, tracker(intent="withdraw"), {})
    assert customs(dispatcher) == [
        {"directive": "forget_person"},
        {"directive": "erase_conversation"},
    ]
