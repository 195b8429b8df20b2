"""Issue 11: code guessing is capped in the database (survives restarts, shared by processes),
with a global cap that alerts the admins; links carry 128-bit tokens; referral codes expire."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core.errors import CodeInvalid
from bot.leads.service import CODE_ALPHABET, LeadService
from bot.school.requests import ReferralService, RequestDraft
from bot.storage.db import Database
from bot.storage.models_outbox import OutboxMessage
from tests.leads_support import ADMIN, LeadEnv, draft, lead_env

YOUNG, PARENT, GUESSER = "y" * 64, "p" * 64, "g" * 64


@pytest.fixture
def env(tmp_path: Path, database_url: str) -> Iterator[LeadEnv]:
    environment = lead_env(
        tmp_path, database_url, CODE_FAILURES_PER_PERSON="3", CODE_FAILURES_GLOBAL="8"
    )
    yield environment
    environment.close()


def _fresh_service(env: LeadEnv) -> tuple[LeadService, Database]:
    """Another process (or the same one after a restart): its own engine, no shared memory."""
    database = Database(env.settings.database_url)
    return LeadService(database, env.cipher, env.settings, clock=env.clock), database


def test_codes_are_long_and_links_carry_128_bits(env: LeadEnv) -> None:
    submitted = env.leads.submit(YOUNG, draft("12-15"))
    assert submitted.parent_code is not None and submitted.parent_link is not None
    assert len(submitted.parent_code) == 10 and set(submitted.parent_code) <= set(CODE_ALPHABET)
    assert len(submitted.parent_link) == 26  # base32 of 16 random bytes
    # Either form opens the preview; the link also with its deep-link prefix.
    assert env.leads.parent_preview(submitted.parent_link, PARENT).consent_kind == "parent"
    assert env.leads.parent_preview("ouder_" + submitted.parent_link, PARENT)
    assert env.leads.parent_preview(submitted.parent_code.lower(), PARENT)
    env.leads.confirm_parent(submitted.parent_link, PARENT, "mam@example.nl")
    with pytest.raises(CodeInvalid):  # both forms are used up together
        env.leads.parent_preview(submitted.parent_code, PARENT)


def test_wrong_codes_are_counted_across_restarts_and_processes(env: LeadEnv) -> None:
    submitted = env.leads.submit(YOUNG, draft("12-15"))
    assert submitted.parent_code is not None
    with pytest.raises(CodeInvalid, match="ken ik niet"):
        env.leads.parent_preview("AAAAAAAA22", GUESSER)
    other, database = _fresh_service(env)  # the action server, or a restarted bot
    try:
        for guess in ("BBBBBBBB33", "CCCCCCCC44"):
            with pytest.raises(CodeInvalid, match="ken ik niet"):
                other.parent_preview(guess, GUESSER)
        # Three wrong in total, in two processes: now even the right code is refused to them.
        for service in (env.leads, other):
            with pytest.raises(CodeInvalid, match="te veel"):
                service.parent_preview(submitted.parent_code, GUESSER)
        assert env.leads.parent_preview(submitted.parent_code, PARENT)  # others go on
        env.clock.advance(timedelta(hours=1, minutes=1))
        assert other.parent_preview(submitted.parent_code, GUESSER)
    finally:
        database.dispose()


def test_global_cap_stops_everyone_and_alerts_admins_once(env: LeadEnv) -> None:
    submitted = env.leads.submit(YOUNG, draft("12-15"))
    assert submitted.parent_code is not None
    # Many accounts, each under its own cap, together over the global one.
    for person in range(8):
        with pytest.raises(CodeInvalid, match="ken ik niet"):
            env.leads.parent_preview("ZZZZZZZZ99", f"bot-{person}")
    with pytest.raises(CodeInvalid, match="te veel verkeerde codes"):
        env.leads.parent_preview(submitted.parent_code, PARENT)
    with env.database.session() as session:
        alerts = session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "security_alert")
        ).all()
        assert len(alerts) == 1 and int(env.cipher.decrypt(alerts[0].chat_id_enc)) == ADMIN
        text = env.cipher.decrypt(alerts[0].text_enc)
        assert "8 verkeerde codes" in text and "ZZZZ" not in text
    env.clock.advance(timedelta(hours=1, minutes=1))
    assert env.leads.parent_preview(submitted.parent_code, PARENT)


def test_referral_codes_expire_and_guesses_are_counted(env: LeadEnv) -> None:
    referrals = ReferralService(env.database, env.cipher, env.settings, clock=env.clock)
    submitted = referrals.submit(
        "m" * 64,
        RequestDraft("referral", "Zwijsen", "mentor", "m@school.nl", "12-15", "yes", "groep"),
    )
    code, link = submitted.referral_code, submitted.referral_link
    assert code is not None and link is not None and len(code) == 10 and len(link) == 26
    assert referrals.referral_exists("ref_" + link, YOUNG)
    assert referrals.referral_exists("ref_" + code, YOUNG)
    for guess in ("ref_AAAAAAAA22", "ref_BBBBBBBB33", "ref_CCCCCCCC44"):
        assert not referrals.referral_exists(guess, GUESSER)
    assert not referrals.referral_exists("ref_" + link, GUESSER), "capped for the guesser"
    env.clock.advance(timedelta(days=env.settings.security.referral_code_days, minutes=1))
    assert not referrals.referral_exists("ref_" + link, YOUNG), "expired"
