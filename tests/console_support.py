"""Helpers for the console tests: settings, a migrated database, signed-in TestClients."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from starlette.testclient import TestClient

from bot.console.app import build_app
from bot.console.web import Console
from bot.core.settings import Settings, load_settings
from bot.storage.db import migrate

TOKEN = "123456:TEST-console-token"
ADMIN_ID = 9001
STAFF_ID = 9002
COACH_ID = 9003
STRANGER_ID = 9004


def console_settings(tmp_path: Path, database_url: str | None = None, **extra: str) -> Settings:
    env = {
        "JOINUS_DATA_DIR": str(tmp_path / "var"),
        "DATABASE_URL": database_url or f"sqlite:///{tmp_path / 'joinus.db'}",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BOT_USERNAME": "joinus_test_bot",
        "ADMIN_TELEGRAM_IDS": str(ADMIN_ID),
        "PSEUDONYM_SECRET": "p" * 32,
        "ENCRYPTION_KEY": "e" * 32,
        "FACTS_FILE": str(Path(__file__).resolve().parent.parent / "content" / "facts.yml"),
        **extra,
    }
    return load_settings(env)


def open_console(settings: Settings) -> Console:
    migrate(settings.database_url)
    return Console.open(settings)


def add_member(console: Console, telegram_id: int, name: str, role: str = "staff") -> None:
    from bot.staff.members import Actor

    token = console.staff.create_invite(Actor(ADMIN_ID, True, "admin"), role)
    console.staff.redeem(token, telegram_id, name)


def client(console: Console) -> TestClient:
    return TestClient(build_app(console.settings, console), base_url="http://127.0.0.1:8090")


def sign_in(console: Console, telegram_id: int) -> TestClient:
    """A TestClient with a session opened through a real one-time login link."""
    http = client(console)
    link = console.auth.create_login_link(telegram_id)
    response = http.post(urlsplit(link).path, follow_redirects=False)
    assert response.status_code == 303, response.text
    return http


def csrf_of(http: TestClient, path: str = "/") -> str:
    page: str = http.get(path).text
    marker = 'name="csrf" value="'
    start = page.index(marker) + len(marker)
    return page[start : page.index('"', start)]


def init_data(
    user_id: int, *, token: str = TOKEN, auth_date: int | None = None, **extra: str
) -> str:
    """initData signed as Telegram does (see bot/console/auth.py)."""
    pairs = {
        "auth_date": str(auth_date if auth_date is not None else int(time.time())),
        "query_id": "AAHdF6IQAAAAAN0XohDhrOrc",
        "user": json.dumps({"id": user_id, "first_name": "Kim", "language_code": "nl"}),
        **extra,
    }
    check = "\n".join(f"{k}={pairs[k]}" for k in sorted(pairs))
    secret = hmac.new(b"WebAppData", token.encode(), hashlib.sha256).digest()
    pairs["hash"] = hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()
    return urlencode(pairs)


def make_lead(
    console: Console, *, pseudonym: str = "p-young", source: str | None = "poster_bieb"
) -> str:
    """A consented 16+ lead with a phone number, announced to staff; returns its public id."""
    from bot.leads.service import LeadDraft

    draft = LeadDraft(
        age_band="16-17",
        area="Veghel",
        route="phone",
        contact="06-12345678",
        nickname="Robin",
        wishes="spelletjes",
        source=source,
    )
    return console.leads.submit(pseudonym, draft).public_id


def make_ambassador(console: Console, user_id: int, name: str, school: str = "Het Lyceum") -> int:
    invite = console.ambassadors.enrolment.create_invite(school, coach_chat_id=COACH_ID)
    enrolment = console.ambassadors.enrolment.enrol(
        invite.token, user_id=user_id, chat_id=user_id, first_name=name, under_16=False
    )
    return enrolment.ambassador_id
