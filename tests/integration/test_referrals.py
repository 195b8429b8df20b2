"""School requests end to end in the services, on SQLite and PostgreSQL (issue 5).

A referral from form data to the staff claim; the referral link used by a student who lets the
school hear (the mentor is told on "signed up") and one who does not (the mentor hears
nothing); an under-16 whose parent must agree too; a presentation request answered by staff.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.core.errors import LeadNotFound, LeadStateError, NotStaff
from bot.school.requests import RequestDraft, SchoolRequestService
from bot.storage.models_leads import Consent, Lead
from bot.storage.models_outbox import OutboxMessage
from bot.storage.models_school import ReferralLink, SchoolRequest
from tests.leads_support import ADMIN, OUTSIDER, STAFF, STAFF_CHAT, LeadEnv, draft, lead_env

MENTOR = "m" * 64
STUDENT = "s" * 64
PARENT = "p" * 64
MENTOR_CHAT = 777001


@dataclass
class Env:
    leads: LeadEnv
    referrals: SchoolRequestService


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> Iterator[Env]:
    leads = lead_env(tmp_path, database_url)
    referrals = SchoolRequestService(
        leads.database, leads.cipher, leads.settings, clock=leads.clock
    )
    # As bot/ops/runtime.py wires it: the school hears of "signed up" through the lead listener.
    leads.leads.status_listeners.append(referrals.on_lead_status)
    admin = leads.staff.require(ADMIN, admin=True)
    assert leads.staff.redeem(leads.staff.create_invite(admin), STAFF, "Mila")
    yield Env(leads, referrals)
    leads.close()


def messages(env: Env, chat: int) -> list[tuple[str, str]]:
    """(kind, text) of every outbox row for ``chat``, decrypted."""
    cipher = env.leads.cipher
    with env.leads.database.session() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [
            (r.kind, cipher.decrypt(r.text_enc))
            for r in rows
            if int(cipher.decrypt(r.chat_id_enc)) == chat
        ]


def refer(env: Env, age: str = "12-15") -> tuple[str, str]:
    submitted = env.referrals.submit(
        MENTOR,
        RequestDraft(
            kind="referral",
            school="Zwijsen College Veghel",
            staff_role="mentor",
            contact="mentor@zwijsen.nl",
            age_band=age,
            parents_informed="yes",
            details="weer aansluiting vinden",
        ),
    )
    assert submitted.referral_code is not None
    assert env.referrals.attach_chat(MENTOR, submitted.public_id, MENTOR_CHAT)
    return submitted.public_id, "ref_" + submitted.referral_code


def sign_up(env: Env, public_id: str) -> None:
    actor = env.leads.staff.require(STAFF)
    for step in ("claim", "contacted", "signed"):
        env.leads.leads.staff_step(actor, public_id, step)


def test_referral_from_form_to_staff_claim(env: Env) -> None:
    public_id, _ = refer(env)
    card = messages(env, STAFF_CHAT)
    assert [kind for kind, _ in card] == ["school_card"]
    assert "Zwijsen College Veghel" in card[0][1] and "12 t/m 15 jaar" in card[0][1]
    assert "mentor@zwijsen.nl" not in card[0][1], "the group card has no contact detail"
    with env.leads.database.session() as session:
        row = session.scalar(select(SchoolRequest))
        assert row is not None and "zwijsen" not in (row.contact_enc or "")
        assert row.code_hash and len(row.code_hash) == 64

    with pytest.raises(NotStaff):
        env.referrals.staff_step(env.leads.staff.require(OUTSIDER), public_id, "claim")
    actor = env.leads.staff.require(STAFF)
    with pytest.raises(LeadNotFound):
        env.referrals.staff_step(actor, "NOPE12", "claim")
    assert "opgepakt" in env.referrals.staff_step(actor, public_id, "claim")
    with pytest.raises(LeadStateError):
        env.referrals.staff_step(env.leads.staff.require(ADMIN), public_id, "claim")

    details = messages(env, STAFF)
    assert details[0][0] == "school_details" and "mentor@zwijsen.nl" in details[0][1]
    to_mentor = messages(env, MENTOR_CHAT)
    assert [kind for kind, _ in to_mentor] == ["school_update"]
    assert "opgepakt" in to_mentor[0][1]
    assert env.referrals.open_requests(actor)[0].startswith(f"#{public_id}")


def test_student_who_consents_tells_the_mentor_on_signed_up(env: Env) -> None:
    _, code = refer(env, age="16-17")
    submitted = env.leads.leads.submit(STUDENT, draft(age_band="16-17", source=code))
    with env.leads.database.session() as session:
        lead = session.scalar(select(Lead))
        assert lead is not None and lead.source == "school_ref", "codes are not campaigns"
    assert env.referrals.student_agrees(STUDENT, submitted.public_id, code)

    sign_up(env, submitted.public_id)
    to_mentor = messages(env, MENTOR_CHAT)
    assert "aangemeld" in to_mentor[-1][1]
    assert "Sam" not in to_mentor[-1][1], "no name or details of the student"
    offer = [text for kind, text in messages(env, STAFF) if kind == "school_update_offer"]
    assert len(offer) == 1

    actor = env.leads.staff.require(STAFF)
    env.referrals.send_update(actor, submitted.public_id, "going")
    assert "komt naar de groepsavonden" in messages(env, MENTOR_CHAT)[-1][1]
    with pytest.raises(NotStaff):
        env.referrals.send_update(env.leads.staff.require(OUTSIDER), submitted.public_id, "going")


def test_student_who_does_not_consent_the_mentor_hears_nothing(env: Env) -> None:
    _, code = refer(env, age="16-17")
    submitted = env.leads.leads.submit(STUDENT, draft(age_band="16-17", source=code))
    # No "yes": no link is stored at all.
    sign_up(env, submitted.public_id)
    assert messages(env, MENTOR_CHAT) == []
    with pytest.raises(LeadStateError):
        env.referrals.send_update(env.leads.staff.require(STAFF), submitted.public_id, "going")


def test_withdrawn_feedback_and_withdrawn_lead_tell_nothing(env: Env) -> None:
    _, code = refer(env, age="18-25")
    first = env.leads.leads.submit(STUDENT, draft(age_band="18-25", source=code))
    assert env.referrals.student_agrees(STUDENT, first.public_id, code)
    assert env.referrals.withdraw_feedback(STUDENT)
    sign_up(env, first.public_id)
    assert messages(env, MENTOR_CHAT) == []

    other = "o" * 64
    second = env.leads.leads.submit(other, draft(age_band="18-25", source=code))
    assert env.referrals.student_agrees(other, second.public_id, code)
    env.leads.leads.withdraw(other)  # /stop erases the lead; the link goes with it
    with env.leads.database.session() as session:
        assert session.scalar(select(func.count()).select_from(ReferralLink)) == 0
        withdrawn = session.scalars(select(Consent).where(Consent.purpose == "school_feedback"))
        assert all(c.withdrawn_at is not None for c in withdrawn)


def test_under_sixteen_needs_the_parent_too(env: Env) -> None:
    _, code = refer(env, age="12-15")
    submitted = env.leads.leads.submit(STUDENT, draft(age_band="12-15", source=code))
    assert submitted.parent_code is not None
    assert env.referrals.student_agrees(STUDENT, submitted.public_id, code)
    public_id = env.leads.leads.confirm_parent(submitted.parent_code, PARENT, "0612345678")
    assert env.referrals.waits_for_parent(public_id)

    sign_up(env, public_id)
    assert messages(env, MENTOR_CHAT) == [], "no parent's yes yet: the school hears nothing"
    assert env.referrals.parent_agrees(PARENT, public_id)
    assert "aangemeld" in messages(env, MENTOR_CHAT)[-1][1]
    with env.leads.database.session() as session:
        kinds = {
            c.given_by
            for c in session.scalars(select(Consent).where(Consent.purpose == "school_feedback"))
        }
        assert kinds == {"young_person", "parent"}


def test_unknown_referral_code_links_nothing(env: Env) -> None:
    submitted = env.leads.leads.submit(STUDENT, draft(age_band="16-17", source="ref_ZZZZ22"))
    assert not env.referrals.referral_exists("ref_ZZZZ22")
    assert not env.referrals.student_agrees(STUDENT, submitted.public_id, "ref_ZZZZ22")


def test_presentation_request_answered_by_staff(env: Env) -> None:
    submitted = env.referrals.submit(
        MENTOR,
        RequestDraft(
            kind="presentation",
            school="Fioretti College",
            staff_role="zorgcoordinator",
            contact="+31413123456",
            details="jan_mrt",
        ),
    )
    assert submitted.referral_code is None
    assert env.referrals.attach_chat(MENTOR, submitted.public_id, MENTOR_CHAT)
    assert not env.referrals.attach_chat("x" * 64, submitted.public_id, 1), "not their request"
    assert "januari - maart" in messages(env, STAFF_CHAT)[0][1]

    actor = env.leads.staff.require(STAFF)
    with pytest.raises(NotStaff):
        env.referrals.answer(actor, submitted.public_id, "Graag!")  # claim first
    env.referrals.staff_step(actor, submitted.public_id, "claim")
    assert "Verstuurd" in env.referrals.answer(
        actor, submitted.public_id, "Wij komen graag op 12 februari."
    )
    env.referrals.staff_step(actor, submitted.public_id, "done")
    texts = [text for _, text in messages(env, MENTOR_CHAT)]
    assert "presentatie" in texts[0]
    assert "12 februari" in texts[1]
    assert "afgerond" in texts[2]
    assert env.referrals.open_requests(actor) == []


def test_closed_requests_are_purged_after_retention(env: Env) -> None:
    public_id, _ = refer(env)
    actor = env.leads.staff.require(STAFF)
    env.referrals.staff_step(actor, public_id, "claim")
    env.referrals.staff_step(actor, public_id, "done")
    assert env.referrals.purge_due() == 0
    env.leads.clock.advance(timedelta(days=env.leads.settings.lead_retention_days + 1))
    assert env.referrals.purge_due() == 1
    with env.leads.database.session() as session:
        assert session.scalar(select(func.count()).select_from(SchoolRequest)) == 0
        assert (
            session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.subject == f"school:{public_id}")
            )
            == 0
        )
