"""Issue 11: nobody can give the parent's consent from their own account (ambassadors, leads)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.core.clock import FakeClock
from bot.core.crypto import Cipher
from bot.core.errors import CodeInvalid, InviteInvalid
from bot.core.pseudonym import Pseudonymiser
from bot.core.settings import load_settings
from bot.services.ambassadors import AmbassadorService
from bot.storage.db import Database, migrate
from tests.leads_support import draft, lead_env

NOOR, PARENT, COACH = 1002, 2001, 500


def test_an_ambassador_cannot_confirm_their_own_parent_consent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'joinus.db'}"
    migrate(url)
    database = Database(url)
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path), "DATABASE_URL": url})
    service = AmbassadorService(
        database,
        Cipher(b"test-key"),
        Pseudonymiser(b"p" * 32),
        settings,
        clock=FakeClock(datetime(2025, 9, 29, 12, 0, tzinfo=UTC)),
    )
    try:
        invite = service.create_invite("Het Lyceum", coach_chat_id=COACH)
        assert len(invite.token) >= 22  # 128 random bits
        enrolment = service.enrol(
            invite.token, user_id=NOOR, chat_id=NOOR, first_name="Noor", under_16=True
        )
        code = enrolment.parent_code
        assert code is not None and len(code) >= 22
        with pytest.raises(InviteInvalid, match="ouder of verzorger"):
            service.parent_preview(code, NOOR)
        for agree in (True, False):
            with pytest.raises(InviteInvalid, match="ouder of verzorger"):
                service.confirm_parent(code, parent_user_id=NOOR, agree=agree)
        assert service.teams()[0].ambassadors[0].status == "awaiting_parent"
        assert service.confirm_parent(code, parent_user_id=PARENT, agree=True) == "Noor"
    finally:
        database.dispose()


def test_a_young_person_cannot_confirm_their_own_parent_code(tmp_path: Path) -> None:
    env = lead_env(tmp_path, f"sqlite:///{tmp_path / 'joinus.db'}")
    try:
        submitted = env.leads.submit("y" * 64, draft(age_band="12-15"))
        assert submitted.parent_code is not None
        with pytest.raises(CodeInvalid, match="ouder of verzorger"):
            env.leads.confirm_parent(submitted.parent_code, "y" * 64, "mam@example.nl")
    finally:
        env.close()
