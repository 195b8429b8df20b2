"""Issue 11: claims are atomic under real concurrency, relayed text is HTML-escaped.

Claims run in threads, each with its own engine (as separate processes would), released
together by a barrier; on SQLite and PostgreSQL. Relays are checked in the outbox rows the
delivery loop sends with parse_mode=HTML.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core.errors import CodeInvalid, LeadError
from bot.leads.service import LeadService
from bot.school.requests import ReferralService, RequestDraft
from bot.staff.members import StaffDirectory
from bot.storage.db import Database
from bot.storage.models_leads import Lead, StaffMember
from bot.storage.models_outbox import OutboxMessage
from tests.leads_support import ADMIN, STAFF_CHAT, LeadEnv, draft, lead_env

YOUNG = "y" * 64
MENTOR = "m" * 64
RACERS = 6
ROUNDS = 3
NASTY = '<a href="https://evil.example">klik</a> <3 & <b>vet</b>'
ESCAPED = '&lt;a href="https://evil.example"&gt;klik&lt;/a&gt; &lt;3 &amp; &lt;b&gt;vet&lt;/b&gt;'


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> Iterator[LeadEnv]:
    environment = lead_env(tmp_path, database_url)
    admin = environment.staff.require(ADMIN, admin=True)
    for member in range(RACERS):
        token = environment.staff.create_invite(admin)
        environment.staff.redeem(token, 5000 + member, f"Staf {member}")
    yield environment
    environment.close()


def race(env: LeadEnv, attempt: Callable[[Database, int], str]) -> tuple[list[str], list[str]]:
    """Run ``attempt`` for every racer at once, each on its own engine; (wins, refusals)."""
    barrier = threading.Barrier(RACERS)
    wins: list[str] = []
    refusals: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def run(member: int) -> None:
        database = Database(env.settings.database_url)
        try:
            barrier.wait(timeout=30)
            result = attempt(database, 5000 + member)
            with lock:
                wins.append(result)
        except LeadError as exc:
            with lock:
                refusals.append(str(exc))
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            database.dispose()

    threads = [threading.Thread(target=run, args=(m,)) for m in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    return wins, refusals


def test_two_staff_claim_a_lead_at_once_one_wins(env: LeadEnv) -> None:
    for _ in range(ROUNDS):
        public_id = env.leads.submit(YOUNG, draft()).public_id

        def claim(database: Database, member: int, public_id: str = public_id) -> str:
            service = LeadService(database, env.cipher, env.settings, clock=env.clock)
            staff = StaffDirectory(database, env.settings.admin_ids, clock=env.clock)
            return service.staff_step(staff.require(member), public_id, "claim")

        wins, refusals = race(env, claim)
        assert len(wins) == 1 and len(refusals) == RACERS - 1
        assert all("al opgepakt door een collega" in r for r in refusals), refusals
        with env.database.session() as session:
            lead = session.scalars(select(Lead).where(Lead.public_id == public_id)).one()
            assert lead.status == "claimed" and lead.claimed_by is not None
            details = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.kind == "lead_details")
                .where(OutboxMessage.subject == f"lead:{public_id}")
            ).all()
            assert len(details) == 1  # only the winner got the contact details


def test_two_staff_claim_a_school_request_at_once_one_wins(env: LeadEnv) -> None:
    referrals = ReferralService(env.database, env.cipher, env.settings, clock=env.clock)
    for _ in range(ROUNDS):
        public_id = referrals.submit(
            MENTOR,
            RequestDraft("presentation", "Fioretti", "mentor", "+31413123456", details="jan_mrt"),
        ).public_id

        def claim(database: Database, member: int, public_id: str = public_id) -> str:
            service = ReferralService(database, env.cipher, env.settings, clock=env.clock)
            staff = StaffDirectory(database, env.settings.admin_ids, clock=env.clock)
            return service.staff_step(staff.require(member), public_id, "claim")

        wins, refusals = race(env, claim)
        assert len(wins) == 1 and len(refusals) == RACERS - 1
        assert all("al opgepakt door een collega" in r for r in refusals), refusals


def test_one_staff_invite_opened_at_once_by_many_is_used_once(env: LeadEnv) -> None:
    token = env.staff.create_invite(env.staff.require(ADMIN, admin=True))

    def redeem(database: Database, member: int) -> str:
        staff = StaffDirectory(database, env.settings.admin_ids, clock=env.clock)
        return str(staff.redeem(token, 9000 + member, "nieuw"))

    wins, refusals = race(env, redeem)
    assert len(wins) == 1 and len(refusals) == RACERS - 1
    with env.database.session() as session:
        new = session.scalars(select(StaffMember).where(StaffMember.telegram_id >= 9000)).all()
        assert len(new) == 1
    with pytest.raises(CodeInvalid):
        env.staff.redeem(token, 9999, "te laat")


def _texts(env: LeadEnv, kind: str) -> list[str]:
    with env.database.session() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind))
        return [env.cipher.decrypt(r.text_enc) for r in rows]


def test_every_relay_path_is_html_escaped(env: LeadEnv) -> None:
    actor = env.staff.require(5000)
    # Staff -> young person (/bericht) and young person -> staff (/antwoord).
    submitted = env.leads.submit(YOUNG, draft("18-25", "telegram", None))
    env.leads.attach_chat(YOUNG, submitted.public_id, 4242)
    env.leads.staff_step(actor, submitted.public_id, "claim")
    env.leads.relay(actor, submitted.public_id, NASTY)
    assert env.leads.reply_from_young_person(YOUNG, NASTY)
    messages = _texts(env, "lead_message")
    assert len(messages) == 2
    for text in messages:
        assert ESCAPED in text and "<a " not in text and "<b>" not in text
    # Staff -> school employee (/verzoek).
    referrals = ReferralService(env.database, env.cipher, env.settings, clock=env.clock)
    request = referrals.submit(
        MENTOR, RequestDraft("material", "Fioretti", "mentor", "a@b.nl", details="flyers")
    )
    referrals.attach_chat(MENTOR, request.public_id, 777)
    referrals.staff_step(actor, request.public_id, "claim")
    referrals.answer(actor, request.public_id, NASTY)
    answers = [t for t in _texts(env, "school_update") if "Antwoord" in t]
    assert len(answers) == 1 and ESCAPED in answers[0] and "<a " not in answers[0]
    # Cards that carry typed text (nickname, wishes, school) stay escaped too.
    env.leads.submit(YOUNG, draft(nickname=NASTY, wishes=NASTY))
    for card in _texts(env, "lead_card") + _texts(env, "school_card"):
        assert "<a " not in card and "<3" not in card


def test_heart_arrives_as_a_heart(env: LeadEnv) -> None:
    """Telegram renders the escaped entity back to the character: '<3' stays '<3'."""
    import html

    submitted = env.leads.submit(YOUNG, draft("18-25", "telegram", None))
    env.leads.attach_chat(YOUNG, submitted.public_id, 4242)
    actor = env.staff.require(5000)
    env.leads.staff_step(actor, submitted.public_id, "claim")
    env.leads.relay(actor, submitted.public_id, "Tot vrijdag <3")
    (text,) = _texts(env, "lead_message")
    assert "Tot vrijdag <3" in html.unescape(text)
    assert STAFF_CHAT  # the staff group exists in this environment
