"""Personal answers stay out of Rasa (issue 11): the pipeline with a scripted engine and a real
database (SQLite and PostgreSQL): capture, re-asks, interruptions, previews, erasure."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.ambassadors.programme import AmbassadorProgramme
from bot.answers.facts import Facts
from bot.core.pseudonym import Pseudonymiser
from bot.leads.directives import DeepLinks
from bot.pipeline.capture import Capture
from bot.pipeline.conversation import ChannelUser, Conversation
from bot.pipeline.messages import Reply
from bot.pipeline.outbox import enqueue
from bot.privacy.directives import PrivacyContext, privacy_directives, record_message
from bot.privacy.drafts import CAPTURED, DraftService
from bot.school.requests import SchoolRequestService
from bot.storage.models_ambassadors import Ambassador, AmbassadorConsent
from bot.storage.models_leads import Lead
from bot.storage.models_outbox import OutboxMessage
from bot.storage.models_privacy import Draft, PersonalMessage
from tests.leads_support import LeadEnv, add_event, draft, lead_env
from tests.privacy_scan import find_plaintext

FACTS = Path(__file__).resolve().parents[2] / "content" / "facts.yml"
USER = ChannelUser("telegram", 4242, 4242)


class ScriptedEngine:
    """Stands in for Rasa: answers each message by a script and records what it was sent."""

    def __init__(self) -> None:
        self.sent: list[str] = []
        self.script: dict[str, list[Reply]] = {}

    async def send(
        self, sender: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[Reply]:
        self.sent.append(text)
        return self.script.get(text, [Reply("oké")])


def ask(field: str, question: str, meta: str | None = None) -> list[Reply]:
    """What the form's ask-action returns: the question and the capture directive."""
    return [
        Reply(question),
        Reply("", custom={"directive": "capture", "field": field, "meta": meta}),
    ]


class Stack:
    def __init__(self, env: LeadEnv) -> None:
        self.env = env
        self.engine = ScriptedEngine()
        self.pseudonymiser = Pseudonymiser(b"p" * 32)
        self.drafts = DraftService(env.database, env.cipher, clock=env.clock)
        self.deleted: list[tuple[int, int]] = []
        self.ctx = PrivacyContext(
            env.database,
            env.cipher,
            self.drafts,
            env.leads,
            env.privacy,
            SchoolRequestService(env.database, env.cipher, env.settings, clock=env.clock),
            AmbassadorProgramme(env.database, env.cipher, self.pseudonymiser, env.settings),
            env.tracker,
            DeepLinks("joinus_bot"),
            env.settings.lead_retention_days,
            24,
            self._delete,
        )
        self.conversation = Conversation(
            self.engine,  # type: ignore[arg-type]
            self.pseudonymiser,
            Facts(FACTS),
            directives=privacy_directives(self.ctx),
            capture=Capture(self.drafts),
        )
        self.pseudonym = self.conversation.pseudonym(USER)

    async def _delete(self, chat_id: int, message_id: int) -> bool:
        if message_id == 13:
            raise RuntimeError("message can't be deleted")  # too old: tolerated
        self.deleted.append((chat_id, message_id))
        return True

    def script(self, message: str, replies: list[Reply]) -> None:
        self.engine.script[message] = replies


@pytest.fixture
def stack(tmp_path: Path, database_url: str) -> Iterator[Stack]:
    env = lead_env(tmp_path, database_url)
    yield Stack(env)
    env.close()


def texts(replies: list[Reply]) -> list[str]:
    return [r.text for r in replies if r.text]


async def test_a_personal_answer_is_kept_by_us_and_rasa_gets_a_placeholder(stack: Stack) -> None:
    stack.script("/express_interest", ask("lead_area", "In welke gemeente woon je?"))
    await stack.conversation.button(USER, "/express_interest")

    await stack.conversation.text(USER, "Veghel-Noord")

    assert stack.engine.sent[-1] == '/inform{"lead_area": "captured"}'
    assert stack.drafts.values(stack.pseudonym) == {"lead_area": "Veghel-Noord"}
    assert not any("Veghel" in m for m in stack.engine.sent)
    with stack.env.database.session() as session:
        row = session.get(Draft, stack.pseudonym)
        assert row is not None and row.pending_field is None
        assert "Veghel" not in (row.fields_enc or "")  # encrypted at rest
    assert find_plaintext(stack.env.settings.database_url, ["Veghel-Noord"]) == []


async def test_an_answer_retyped_after_an_outage_is_captured_again(stack: Stack) -> None:
    """The engine (or the action server behind it) is down for the captured turn: the person
    is told "even niet bereikbaar" and types the answer again, which must never reach Rasa."""
    stack.script("/express_interest", ask("parent_contact", "Wat is je telefoonnummer?"))
    await stack.conversation.button(USER, "/express_interest")
    placeholder = '/inform{"parent_contact": "captured"}'
    stack.script(placeholder, [])  # an empty answer: the action server failed behind Rasa

    first = await stack.conversation.text(USER, "0612345678")

    assert "niet bereikbaar" in texts(first)[0]
    assert stack.drafts.pending(stack.pseudonym) is not None  # the question is still open
    stack.script(placeholder, [Reply("Dank je!")])
    second = await stack.conversation.text(USER, "0612345678")
    assert texts(second) == ["Dank je!"]
    assert stack.engine.sent[-2:] == [placeholder, placeholder]
    assert not any("0612345678" in m for m in stack.engine.sent)


async def test_not_an_answer_goes_to_rasa_as_before(stack: Stack) -> None:
    stack.script("/go", ask("lead_nickname", "Hoe mag Join us je noemen?"))
    for typed, expected in [
        ("waarom wil je dat weten?", "waarom wil je dat weten?"),
        ("stop", "stop"),
        ("wat kost het", "wat kost het"),
        ("overslaan", "/skip"),
    ]:
        await stack.conversation.button(USER, "/go")
        await stack.conversation.text(USER, typed)
        assert stack.engine.sent[-1] == expected, typed
        # Any turn that reaches Rasa answers or leaves the question: nothing stays pending.
        assert stack.drafts.pending(stack.pseudonym) is None
    await stack.conversation.button(USER, "/go")
    await stack.conversation.text(USER, "/mijngegevens")
    assert stack.engine.sent[-1] == "/my_data"
    assert stack.drafts.values(stack.pseudonym) == {}


async def test_a_wrong_answer_gets_a_kind_reask_without_rasa(stack: Stack) -> None:
    stack.script("/go", ask("lead_contact_detail", "Op welk nummer?", meta="phone"))
    await stack.conversation.button(USER, "/go")
    sent = len(stack.engine.sent)

    replies = await stack.conversation.text(USER, "naam@voorbeeld.nl")

    assert len(stack.engine.sent) == sent  # Rasa saw nothing
    assert "e-mailadres" in texts(replies)[0] and "bellen" in texts(replies)[0]
    pending = stack.drafts.pending(stack.pseudonym)
    assert pending is not None and pending.field == "lead_contact_detail"
    # Survives a restart: a new process reads the pending question from the database.
    again = Capture(DraftService(stack.env.database, stack.env.cipher, clock=stack.env.clock))
    taken = await again.take(stack.pseudonym, "06 1234 5678")
    assert taken is not None and taken.message == '/inform{"lead_contact_detail": "captured"}'
    assert stack.drafts.values(stack.pseudonym) == {"lead_contact_detail": "+31612345678"}


async def test_a_parent_contact_cannot_be_skipped(stack: Stack) -> None:
    stack.script("/go", ask("parent_contact", "Wat is jouw telefoonnummer of e-mailadres?"))
    await stack.conversation.button(USER, "/go")
    replies = await stack.conversation.text(USER, "overslaan")
    assert "Niet verder" in texts(replies)[0]
    replies = await stack.conversation.text(USER, "hallo")
    assert "06 12345678" in texts(replies)[0]  # the same kind re-ask as before
    await stack.conversation.text(USER, "ouder@example.nl")
    assert stack.engine.sent[-1] == '/inform{"parent_contact": "captured"}'


async def test_the_crisis_check_runs_before_the_capture(stack: Stack) -> None:
    stack.script("/go", ask("lead_wishes", "Wat lijkt je leuk?"))
    await stack.conversation.button(USER, "/go")
    sent = len(stack.engine.sent)
    replies = await stack.conversation.text(USER, "ik wil niet meer leven")
    assert "113" in texts(replies)[0]
    assert len(stack.engine.sent) == sent and stack.drafts.values(stack.pseudonym) == {}


async def test_codes_stay_out_of_rasa(stack: Stack) -> None:
    await stack.conversation.text(USER, "mijn code is K7Q2MX")
    assert stack.engine.sent[-1] == '/parent_code{"parent_code": "captured"}'
    await stack.conversation.command(USER, "start", "ref_AbC123xyz")
    assert stack.engine.sent[-1] == '/greet{"source": "ref_captured"}'
    await stack.conversation.text(USER, "ik heb 2 katten")  # no code: an ordinary turn
    assert stack.engine.sent[-1] == "ik heb 2 katten"
    assert stack.drafts.values(stack.pseudonym) == {
        "parent_code": "K7Q2MX",
        "source": "ref_AbC123xyz",
    }
    assert not any("K7Q2MX" in m or "AbC123xyz" in m for m in stack.engine.sent)


async def test_previews_and_my_data_are_rendered_here(stack: Stack) -> None:
    for field, value in [
        ("lead_area", "Erp"),
        ("lead_contact_detail", "+31687654321"),
        ("lead_nickname", "Noor"),
    ]:
        stack.drafts.put(stack.pseudonym, field, value)
    slots = {
        "lead_age_band": "16-17",
        "lead_area": CAPTURED,
        "lead_contact_route": "phone",
        "lead_contact_detail": CAPTURED,
        "lead_nickname": CAPTURED,
        "lead_wishes": "_skip",
        "source": None,
    }
    buttons = [{"title": "Ja", "payload": '/agree{"token": "t1"}'}]
    stack.script(
        "/preview",
        [
            Reply(
                "",
                custom={
                    "directive": "lead_preview",
                    "kind": "self",
                    "slots": slots,
                    "buttons": buttons,
                },
            )
        ],
    )
    (preview,) = await stack.conversation.button(USER, "/preview")
    assert "Erp" in preview.text and "+31687654321" in preview.text and "Noor" in preview.text
    assert preview.personal and preview.buttons[0].payload == '/agree{"token": "t1"}'

    stack.script("/my_data", [Reply("", custom={"directive": "my_data"})])
    shown = await stack.conversation.command(USER, "mijngegevens")
    assert any("Noor" in r.text for r in shown) and all(r.personal for r in shown)

    stack.drafts.put(stack.pseudonym, "code", "Z8XP3M")
    stack.script(
        "/code",
        [
            Reply(
                "",
                custom={"directive": "code_link", "prefix": "ouder_", "text": "{link} of {code}"},
            )
        ],
    )
    (link,) = await stack.conversation.button(USER, "/code")
    assert link.text == "https://t.me/joinus_bot?start=ouder_Z8XP3M of Z8XP3M"
    assert "code" not in stack.drafts.values(stack.pseudonym)  # shown once, then dropped


async def test_forget_person_reaches_what_only_the_bot_process_holds(stack: Stack) -> None:
    env = stack.env
    stack.drafts.put(stack.pseudonym, "lead_nickname", "Noor")
    for message_id in (11, 12, 13):
        record_message(stack.ctx, stack.pseudonym, 4242, message_id)
    with env.database.session() as session:
        for chat, key in ((4242, "mine"), (9999, "other")):
            enqueue(
                session,
                env.cipher,
                chat_id=chat,
                text="Hoi Noor",
                kind="lead_notice",
                dedupe_key=key,
            )
        for row in session.scalars(select(OutboxMessage)):
            row.status, row.telegram_message_id = "sent", 77 if row.dedupe_key == "mine" else 88
    add_event(env.events, stack.pseudonym, env.clock.now(), text="Noor")
    stack.script(
        "/agree",
        [
            Reply("Klaar"),
            Reply("", custom={"directive": "forget_person"}),
            Reply("", custom={"directive": "erase_conversation"}),
        ],
    )

    await stack.conversation.button(USER, "/agree")

    assert sorted(stack.deleted) == [(4242, 11), (4242, 12), (4242, 77)]  # 13: too old, tolerated
    assert stack.drafts.values(stack.pseudonym) == {}
    assert env.tracker.count(stack.pseudonym) == 0
    with env.database.session() as session:
        assert session.scalar(select(func.count()).select_from(PersonalMessage)) == 0
        left = [row.dedupe_key for row in session.scalars(select(OutboxMessage))]
    assert left == ["other"]


def test_expired_drafts_are_purged(stack: Stack) -> None:
    stack.drafts.put("x" * 64, "lead_area", "Uden")
    stack.env.clock.advance(timedelta(hours=25))
    assert stack.drafts.values("x" * 64) == {}
    stack.drafts.put("y" * 64, "lead_area", "Boekel")
    assert stack.drafts.purge_expired(stack.env.clock.now() + timedelta(hours=25)) >= 1


async def test_forget_person_erases_the_ambassador_enrolment(stack: Stack) -> None:
    ambassadors = stack.ctx.ambassadors
    invite = ambassadors.enrolment.create_invite("Privacycollege", coach_chat_id=555)
    ambassadors.enrolment.enrol(
        invite.token, user_id=4242, chat_id=4242, first_name="Ronja", under_16=False
    )
    summary = ambassadors.consent.privacy_summary(4242)
    assert summary is not None and "Ronja" in summary and "Privacycollege" in summary
    stack.script("/my_data", [Reply("", custom={"directive": "my_data"})])
    shown = await stack.conversation.command(USER, "mijngegevens")
    assert any("Ronja" in r.text for r in shown)

    stack.script("/agree", [Reply("Klaar"), Reply("", custom={"directive": "forget_person"})])
    await stack.conversation.button(USER, "/agree")

    assert ambassadors.consent.privacy_summary(4242) is None
    with stack.env.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Ambassador)) == 0
        assert session.scalar(select(func.count()).select_from(AmbassadorConsent)) == 0
        notices = [
            stack.env.cipher.decrypt(row.text_enc) for row in session.scalars(select(OutboxMessage))
        ]
    assert any("gevraagd alles te wissen" in n for n in notices)  # the coach is told
    assert not any("Ronja" in n for n in notices)


def test_a_parents_stop_withdraws_their_consent_and_the_childs_lead(stack: Stack) -> None:
    env = stack.env
    submitted = env.leads.submit("c" * 64, draft("12-15"))
    assert submitted.parent_code is not None
    env.leads.confirm_parent(submitted.parent_code, "p" * 64, "ouder@example.nl")
    assert env.leads.withdraw("p" * 64) == 1
    with env.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Lead)) == 0
    assert "ouder@example.nl" not in env.privacy.summary("p" * 64)


async def test_a_typed_message_reads_the_open_question_once(
    stack: Stack, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The capture check and the engine turn share one read of the pending question (it is
    read for every typed message); what it leaves pending is still right in every case."""
    reads: list[str] = []
    original = stack.drafts.pending

    def counted(pseudonym: str) -> Any:
        reads.append(pseudonym)
        return original(pseudonym)

    monkeypatch.setattr(stack.drafts, "pending", counted)
    stack.script("/go", ask("lead_nickname", "Hoe mag Join us je noemen?"))

    await stack.conversation.text(USER, "wat is join us")  # nothing pending
    assert len(reads) == 1 and stack.engine.sent[-1] == "wat is join us"

    for typed, sent, kept in [
        ("waarom wil je dat weten?", "waarom wil je dat weten?", {}),  # not an answer
        ("overslaan", "/skip", {}),  # skipped
        ("Sam", '/inform{"lead_nickname": "captured"}', {"lead_nickname": "Sam"}),  # answered
    ]:
        await stack.conversation.button(USER, "/go")  # a button: read once, nothing pending
        reads.clear()
        await stack.conversation.text(USER, typed)
        assert len(reads) == 1, typed
        assert stack.engine.sent[-1] == sent, typed
        assert original(stack.pseudonym) is None, typed  # the turn answered or left it
        assert stack.drafts.values(stack.pseudonym) == kept, typed
