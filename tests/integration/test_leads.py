"""Warm leads end to end in the services, on SQLite and PostgreSQL: consent, staff, erasure, retention."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from bot.core.errors import CodeInvalid, LeadNotFound, LeadStateError, NotStaff
from bot.leads import status as st
from bot.leads.counts import weekly
from bot.privacy.retention import RetentionJob
from bot.storage.base import Base
from bot.storage.models_leads import Consent, Lead, LeadAudit
from bot.storage.models_outbox import OutboxMessage
from tests.leads_support import (
    ADMIN,
    EVENTS,
    OUTSIDER,
    STAFF,
    STAFF_CHAT,
    LeadEnv,
    add_event,
    draft,
    lead_env,
)

YOUNG = "a" * 64
PARENT = "b" * 64


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> Iterator[LeadEnv]:
    environment = lead_env(tmp_path, database_url)
    yield environment
    environment.close()


def outbox(env: LeadEnv) -> list[tuple[int, str, str, str]]:
    """(chat id, kind, text, status) of every outbox row, decrypted."""
    with env.database.session() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [
            (
                int(env.cipher.decrypt(r.chat_id_enc)),
                r.kind,
                env.cipher.decrypt(r.text_enc),
                r.status,
            )
            for r in rows
        ]


def make_staff(env: LeadEnv) -> None:
    admin = env.staff.require(ADMIN, admin=True)
    token = env.staff.create_invite(admin)
    assert env.staff.redeem(token, STAFF, "Mila")


def test_seventeen_year_old_from_interest_to_claim(env: LeadEnv) -> None:
    make_staff(env)
    submitted = env.leads.submit(YOUNG, draft("16-17", "phone", "+31612345678"))
    assert submitted.parent_code is None

    # One transaction: the lead, its consent and the staff card, without contact details.
    cards = outbox(env)
    assert [(chat, kind) for chat, kind, _, _ in cards] == [(STAFF_CHAT, "lead_card")]
    card = cards[0][2]
    assert "16 of 17 jaar" in card and "Veghel" in card and "poster-zwijsen" in card
    assert "eigen toestemming" in card
    assert "+31612345678" not in card and "Sam" not in card and "gamen" not in card
    with env.database.session() as session:
        consent = session.scalars(select(Consent)).one()
        assert (consent.given_by, consent.text_version, consent.purpose) == (
            "young_person",
            "lead-v1",
            "route_to_staff",
        )
        lead = session.scalars(select(Lead)).one()
        assert lead.contact_enc and "+316" not in lead.contact_enc  # encrypted at rest

    actor = env.staff.require(STAFF)
    assert "opgepakt" in env.leads.staff_step(actor, submitted.public_id, "claim")
    details = [row for row in outbox(env) if row[1] == "lead_details"]
    assert len(details) == 1 and details[0][0] == STAFF
    assert "+31612345678" in details[0][2] and "Sam" in details[0][2]

    # A second claim (another staff member or a double tap) is refused.
    with pytest.raises(LeadStateError):
        env.leads.staff_step(env.staff.require(ADMIN), submitted.public_id, "claim")
    env.leads.staff_step(actor, submitted.public_id, "contacted")
    env.leads.add_note(actor, submitted.public_id, "Kennismaking vrijdag")
    env.leads.staff_step(actor, submitted.public_id, "signed")
    with env.database.session() as session:
        actions = [a.action for a in session.scalars(select(LeadAudit).order_by(LeadAudit.id))]
        counts = {(metric, source): n for _, source, metric, n in weekly(session)}
    assert actions == [
        "status:claimed",
        "view_details",
        "status:contacted",
        "note",
        "status:signed_up",
    ]
    assert counts == {
        ("consented", "poster-zwijsen"): 1,
        ("contacted", "poster-zwijsen"): 1,
        ("signed_up", "poster-zwijsen"): 1,
    }
    # Viewing the details again is audited too.
    assert "+31612345678" in env.leads.details(actor, submitted.public_id)


def test_fourteen_year_old_reaches_staff_only_after_parent(env: LeadEnv) -> None:
    submitted = env.leads.submit(YOUNG, draft("12-15", "email", "sam@example.nl"))
    assert submitted.parent_code
    assert outbox(env) == []  # nothing for staff yet
    with env.database.session() as session:
        assert session.scalars(select(Lead)).one().status == st.AWAITING_PARENT

    with pytest.raises(CodeInvalid):
        env.leads.parent_preview("ZZZZ99", PARENT)
    with pytest.raises(CodeInvalid):  # the child cannot consent as their own parent
        env.leads.parent_preview(submitted.parent_code, YOUNG)

    preview = env.leads.parent_preview(submitted.parent_code.lower(), PARENT)
    assert preview.contact == "sam@example.nl" and preview.consent_kind == "parent"
    assert outbox(env) == []

    env.leads.confirm_parent(submitted.parent_code, PARENT, "+31687654321")
    cards = outbox(env)
    assert len(cards) == 1 and "toestemming van ouder" in cards[0][2]
    assert "sam@example.nl" not in cards[0][2]
    with env.database.session() as session:
        consents = session.scalars(select(Consent).order_by(Consent.id)).all()
        assert [(c.given_by, c.purpose) for c in consents] == [
            ("young_person", "ask_parent"),
            ("parent", "route_to_staff"),
        ]
    # The code is single-use.
    with pytest.raises(CodeInvalid):
        env.leads.confirm_parent(submitted.parent_code, PARENT, "+31687654321")

    make_staff(env)
    env.leads.staff_step(env.staff.require(STAFF), submitted.public_id, "claim")
    details = next(row for row in outbox(env) if row[1] == "lead_details")[2]
    assert "sam@example.nl" in details and "+31687654321" in details


def test_parent_code_guessing_is_capped_per_person(env: LeadEnv) -> None:
    submitted = env.leads.submit(YOUNG, draft("12-15", "email", "sam@example.nl"))
    assert submitted.parent_code
    for guess in ("AAAA11", "BBBB22", "CCCC33", "DDDD44", "EEEE55"):
        with pytest.raises(CodeInvalid, match="ken ik niet"):
            env.leads.parent_preview(guess, "guesser")
    # Even the right code is refused now, for this person, until the window has passed.
    with pytest.raises(CodeInvalid, match="te veel"):
        env.leads.parent_preview(submitted.parent_code, "guesser")
    assert env.leads.parent_preview(submitted.parent_code, PARENT).contact == "sam@example.nl"
    env.clock.advance(timedelta(hours=1, minutes=1))
    assert env.leads.parent_preview(submitted.parent_code, "guesser").consent_kind == "parent"


def test_parent_refusal_erases_and_tells_a_telegram_child(env: LeadEnv) -> None:
    submitted = env.leads.submit(YOUNG, draft("12-15", "telegram", None))
    assert env.leads.attach_chat(YOUNG, submitted.public_id, 777)
    assert not env.leads.attach_chat(PARENT, submitted.public_id, 888)  # not their lead
    assert submitted.parent_code
    env.leads.parent_refuses(submitted.parent_code, PARENT)
    with env.database.session() as session:
        assert session.scalars(select(Lead)).all() == []
    assert [(chat, kind) for chat, kind, _, _ in outbox(env)] == [(777, "lead_update")]


def test_chat_route_relay_both_ways(env: LeadEnv) -> None:
    make_staff(env)
    submitted = env.leads.submit(YOUNG, draft("18-25", "telegram", None))
    env.leads.attach_chat(YOUNG, submitted.public_id, 4242)
    actor = env.staff.require(STAFF)
    assert not env.leads.reply_from_young_person(YOUNG, "hallo?")  # nobody claimed it yet
    env.leads.staff_step(actor, submitted.public_id, "claim")
    env.leads.relay(actor, submitted.public_id, "Hoi Sam, zin in een kennismaking?")
    assert env.leads.reply_from_young_person(YOUNG, "Ja leuk!")
    rows = [(chat, kind) for chat, kind, _, _ in outbox(env)]
    assert (4242, "lead_update") in rows  # "iemand van Join us neemt contact op"
    assert (4242, "lead_message") in rows and (STAFF, "lead_message") in rows
    with pytest.raises(NotStaff):
        env.leads.relay(env.staff.require(ADMIN), submitted.public_id, "x")


def test_withdrawal_stops_routing_and_erases(env: LeadEnv) -> None:
    submitted = env.leads.submit(YOUNG, draft())
    assert env.leads.withdraw(YOUNG) == 1
    with env.database.session() as session:
        assert session.scalars(select(Lead)).all() == []
        consent = session.scalars(select(Consent)).one()
        assert consent.withdrawn_at is not None
        assert consent.pseudonym is None and consent.lead_id is None
    rows = outbox(env)
    # The unsent card is gone; staff get a notice without any personal data.
    assert [(kind, status) for _, kind, _, status in rows] == [("lead_notice", "pending")]
    assert "ingetrokken" in rows[0][2] and "Veghel" not in rows[0][2]
    with pytest.raises(LeadNotFound):
        env.leads.staff_step(env.staff.require(ADMIN), submitted.public_id, "claim")
    assert env.leads.withdraw(YOUNG) == 0


def test_staff_roles_and_forged_requests(env: LeadEnv) -> None:
    submitted = env.leads.submit(YOUNG, draft())
    with pytest.raises(NotStaff):
        env.staff.require(OUTSIDER)
    with pytest.raises(NotStaff):
        env.staff.require(STAFF, admin=True)
    admin = env.staff.require(ADMIN, admin=True)
    token = env.staff.create_invite(admin)
    assert env.staff.redeem(token, STAFF, "Mila")
    with pytest.raises(CodeInvalid):  # one-time
        env.staff.redeem(token, OUTSIDER, "Eve")
    expired = env.staff.create_invite(admin)
    env.clock.advance(timedelta(hours=49))
    with pytest.raises(CodeInvalid):
        env.staff.redeem(expired, OUTSIDER, "Eve")
    actor = env.staff.require(STAFF)
    with pytest.raises(LeadNotFound):
        env.leads.staff_step(actor, "NOPE12", "claim")
    with pytest.raises(NotStaff):  # not claimed by them
        env.leads.details(actor, submitted.public_id)
    with pytest.raises(LeadStateError):  # contacted before anyone claimed it
        env.leads.staff_step(actor, submitted.public_id, "contacted")
    env.leads.staff_step(env.staff.require(ADMIN), submitted.public_id, "claim")
    with pytest.raises(NotStaff):  # someone else's lead
        env.leads.staff_step(actor, submitted.public_id, "signed")
    with pytest.raises(NotStaff):
        env.leads.add_note(actor, submitted.public_id, "x")
    assert env.staff.remove(admin, STAFF)
    with pytest.raises(NotStaff):
        env.staff.require(STAFF)


def test_forget_me_leaves_no_trace_in_any_table(env: LeadEnv) -> None:
    make_staff(env)
    secret_values = ["+31612345678", "Veghel-Noord", "Sammy", "bordspellen", "+31687654321"]
    own = env.leads.submit(
        YOUNG,
        draft(
            "16-17", "telegram", None, area="Veghel-Noord", nickname="Sammy", wishes="bordspellen"
        ),
    )
    env.leads.attach_chat(YOUNG, own.public_id, 424242)
    actor = env.staff.require(STAFF)
    env.leads.staff_step(actor, own.public_id, "claim")
    env.leads.add_note(actor, own.public_id, "belt graag na school")
    env.leads.relay(actor, own.public_id, "Hoi! Zullen we vrijdag kennismaken?")
    # The same person also confirmed as parent for someone else's under-16 lead.
    other = env.leads.submit("c" * 64, draft("12-15", "phone", "+31612345679"))
    assert other.parent_code
    env.leads.confirm_parent(other.parent_code, YOUNG, "+31687654321")
    add_event(env.events, YOUNG, env.clock.now(), text="mijn nummer is 0612345678")
    add_event(env.events, "someone-else", env.clock.now())

    erased = env.privacy.erase(YOUNG)
    assert (erased.leads, erased.parent_consents) == (1, 1)
    assert env.tracker.erase(YOUNG) == 1  # the bot process does this after the turn

    needles = [YOUNG, own.public_id, "424242", *secret_values, "belt graag", "kennismaken"]
    found: list[str] = []
    with env.database.session() as session:
        for table in Base.metadata.sorted_tables:
            if not inspect(session.connection()).has_table(table.name):
                continue
            for row in session.execute(select(table)).mappings():
                for column, value in row.items():
                    if value is None:
                        continue
                    plain = str(value)
                    if column.endswith("_enc"):
                        plain = env.cipher.decrypt(plain)
                    found += [f"{table.name}.{column}: {n}" for n in needles if n in plain]
    with env.events.connect() as conn:
        for row in conn.execute(text("SELECT sender_id, data FROM events")):
            found += [f"events: {n}" for n in needles if n in f"{row[0]} {row[1]}"]
    # Staff are told the lead is withdrawn (by its random number, which now points at nothing).
    found = [f for f in found if not f.startswith("outbox.text_enc: " + own.public_id)]
    assert found == []
    assert env.tracker.count("someone-else") == 1
    assert env.privacy.summary(YOUNG).startswith("Ik heb niets over je opgeslagen")


def test_reannounce_unclaimed_after_one_working_day(env: LeadEnv) -> None:
    env.clock.set(env.clock.now().replace(day=6, hour=14))  # Friday 15:00 in Amsterdam
    env.leads.submit(YOUNG, draft())
    assert env.leads.reannounce_due() == 0
    env.clock.advance(timedelta(hours=30))  # Saturday evening: the weekend does not count
    assert env.leads.reannounce_due() == 0
    env.clock.advance(timedelta(days=2))  # Monday evening
    assert env.leads.reannounce_due() == 1
    cards = [row for row in outbox(env) if row[1] == "lead_card"]
    assert len(cards) == 2 and "Nog niet opgepakt" in cards[1][2]
    assert env.leads.reannounce_due() == 0


def test_retention_erases_old_events_of_a_daily_chatter(env: LeadEnv) -> None:
    """One endless session (a message every day for 60 days): only the last 30 days stay."""
    job = RetentionJob(env.database, env.settings, env.leads, env.tracker, clock=env.clock)
    add_event(env.events, "daily", env.clock.now(), type_name="session_started")
    for day in range(60):
        add_event(env.events, "daily", env.clock.now(), text=f"dag {day}")
        env.clock.advance(timedelta(days=1))
    add_event(env.events, "quiet", env.clock.now() - timedelta(days=45))
    assert env.tracker.count("daily") == 61

    purged = job.run_once()

    # Day 0..29 (and the session start) are older than 30 days, day 30..59 are not.
    assert purged.conversation_events == 31 + 1
    assert env.tracker.count("daily") == 30 and env.tracker.count("quiet") == 0
    with env.events.connect() as conn:
        texts = [json.loads(row[0])["text"] for row in conn.execute(select(EVENTS.c.data))]
    assert "dag 29" not in texts and "dag 30" in texts


def test_retention_job(env: LeadEnv) -> None:
    make_staff(env)
    actor = env.staff.require(STAFF)
    closed = env.leads.submit(YOUNG, draft())
    env.leads.staff_step(actor, closed.public_id, "claim")
    env.leads.staff_step(actor, closed.public_id, "close")
    still_open = env.leads.submit("d" * 64, draft())
    pending = env.leads.submit("e" * 64, draft("12-15"))
    old = env.clock.now()
    add_event(env.events, "old-sender", old, type_name="session_started")
    add_event(env.events, "old-sender", old)
    add_event(env.events, "mixed", old, type_name="session_started")
    add_event(env.events, "mixed", old)
    job = RetentionJob(env.database, env.settings, env.leads, env.tracker, clock=env.clock)

    env.clock.advance(timedelta(days=29))
    add_event(env.events, "mixed", env.clock.now(), type_name="session_started")
    add_event(env.events, "mixed", env.clock.now())
    first = job.run_once()  # the under-16 lead's parent code expired after 7 days
    assert (first.conversation_events, first.pending_leads) == (0, 1)

    env.clock.advance(timedelta(days=2))  # 31 days: old sessions go, the recent one stays
    purged = job.run_once()
    assert (purged.conversation_events, purged.leads) == (4, 0)
    assert env.tracker.count("old-sender") == 0 and env.tracker.count("mixed") == 2

    env.clock.advance(timedelta(days=90))  # 90 days after closing
    assert job.run_once().leads == 1
    with env.database.session() as session:
        remaining = [lead.public_id for lead in session.scalars(select(Lead))]
        counts = weekly(session)
    assert remaining == [still_open.public_id]
    assert pending.public_id not in remaining
    assert {metric for _, _, metric, _ in counts} == {"consented"}
    assert sum(n for *_, n in counts) == 2  # anonymous counts survive
