"""The console's ways in: Telegram Mini App initData, one-time login links, sessions, CSRF."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from bot.console.auth import AuthFailed, ConsoleAuth, validate_init_data
from bot.console.web import COOKIE, Console
from bot.core.clock import FakeClock
from tests.console_support import (
    ADMIN_ID,
    COACH_ID,
    STAFF_ID,
    STRANGER_ID,
    TOKEN,
    add_member,
    client,
    console_settings,
    csrf_of,
    init_data,
    open_console,
    sign_in,
)


@pytest.fixture
def console(tmp_path: Path) -> Console:
    console = open_console(console_settings(tmp_path))
    add_member(console, STAFF_ID, "Sam")
    add_member(console, COACH_ID, "Cas", "coach")
    return console


# ------------------------------------------------------------------ initData (pure)


def test_valid_init_data_gives_the_user() -> None:
    user = validate_init_data(init_data(STAFF_ID), TOKEN, max_age=3600)
    assert user.id == STAFF_ID and user.first_name == "Kim"


@pytest.mark.parametrize(
    "forged",
    [
        init_data(STAFF_ID, token="999:other-bot"),  # signed with another bot's token
        init_data(STAFF_ID).replace("9002", "9001"),  # user id changed after signing
        init_data(STAFF_ID).replace("hash=", "hash=0"),  # hash damaged
        "auth_date=1&user=%7B%22id%22%3A9002%7D",  # no hash at all
        "",
        "%%%",
    ],
)
def test_forged_init_data_is_refused(forged: str) -> None:
    with pytest.raises(AuthFailed):
        validate_init_data(forged, TOKEN, max_age=3600)


def test_old_init_data_is_refused() -> None:
    old = init_data(STAFF_ID, auth_date=int(time.time()) - 3601)
    with pytest.raises(AuthFailed, match="verlopen"):
        validate_init_data(old, TOKEN, max_age=3600)
    assert validate_init_data(old, TOKEN, max_age=7200).id == STAFF_ID


# ------------------------------------------------------------------ Mini App over HTTP


def test_miniapp_login_opens_a_session(console: Console) -> None:
    http = client(console)
    response = http.post("/auth/telegram", data={"init_data": init_data(STAFF_ID)})
    assert response.status_code == 200
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "max-age=43200" in cookie
    assert "secure" not in cookie  # http://127.0.0.1 in tests; https CONSOLE_URL sets it
    assert http.get("/aanmeldingen").status_code == 200


def test_forged_miniapp_login_opens_nothing(console: Console) -> None:
    http = client(console)
    forged = init_data(STAFF_ID, token="999:other-bot")
    response = http.post("/auth/telegram", data={"init_data": forged})
    assert response.status_code == 403 and COOKIE not in response.headers.get("set-cookie", "")
    assert http.get("/", follow_redirects=False).headers["location"] == "/welkom"


def test_non_staff_telegram_user_gets_no_session(console: Console) -> None:
    http = client(console)
    response = http.post("/auth/telegram", data={"init_data": init_data(STRANGER_ID)})
    assert response.status_code == 403
    assert "geen medewerker" in response.json()["error"]


def test_secure_cookie_behind_https(tmp_path: Path) -> None:
    console = open_console(console_settings(tmp_path, CONSOLE_URL="https://console.example.org"))
    add_member(console, STAFF_ID, "Sam")
    response = client(console).post("/auth/telegram", data={"init_data": init_data(STAFF_ID)})
    assert "secure" in response.headers["set-cookie"].lower()
    assert "strict-transport-security" in response.headers


# ------------------------------------------------------------------ login links


def test_login_link_is_single_use(console: Console) -> None:
    link = console.auth.create_login_link(STAFF_ID)
    path = urlsplit(link).path
    http = client(console)
    assert http.get(path).status_code == 200  # a preview or a look does not spend it
    assert http.post(path, follow_redirects=False).status_code == 303
    again = client(console).post(path, follow_redirects=False)
    assert again.status_code == 403 and "al gebruikt" in again.text


def test_expired_login_link_is_refused(console: Console) -> None:
    clock = FakeClock(datetime.now(UTC))
    console.auth = ConsoleAuth(console.database, console.settings.console, clock=clock)
    path = urlsplit(console.auth.create_login_link(STAFF_ID)).path
    clock.advance(timedelta(minutes=10, seconds=1))
    response = client(console).post(path, follow_redirects=False)
    assert response.status_code == 403 and "verlopen" in response.text


def test_unknown_login_link_is_refused(console: Console) -> None:
    assert client(console).post("/login/not-a-token").status_code == 403


def test_login_link_of_someone_removed_meanwhile_is_refused(console: Console) -> None:
    from bot.staff.members import Actor

    path = urlsplit(console.auth.create_login_link(STAFF_ID)).path
    console.staff.remove(Actor(ADMIN_ID, True, "admin"), STAFF_ID)
    assert client(console).post(path).status_code == 403


def test_expired_session_is_refused(console: Console) -> None:
    clock = FakeClock(datetime.now(UTC))
    console.auth = ConsoleAuth(console.database, console.settings.console, clock=clock)
    http = sign_in(console, STAFF_ID)
    assert http.get("/aanmeldingen").status_code == 200
    clock.advance(timedelta(hours=12, seconds=1))
    assert http.get("/aanmeldingen", follow_redirects=False).headers["location"] == "/welkom"


def test_removed_member_loses_access_at_once(console: Console) -> None:
    staff = sign_in(console, STAFF_ID)
    admin = sign_in(console, ADMIN_ID)
    token = csrf_of(admin, "/team")
    admin.post(f"/team/{STAFF_ID}/verwijder", data={"csrf": token})
    assert staff.get("/aanmeldingen", follow_redirects=False).status_code in (303, 403)


def test_logout_ends_the_session(console: Console) -> None:
    http = sign_in(console, STAFF_ID)
    http.post("/uitloggen", data={"csrf": csrf_of(http)})
    assert http.get("/", follow_redirects=False).headers["location"] == "/welkom"


# ------------------------------------------------------------------ CSRF and headers


def test_post_without_csrf_changes_nothing(console: Console) -> None:
    http = sign_in(console, STAFF_ID)
    response = http.post("/feiten", data={"sleutel": "evenings.cost", "waarde": "gratis"})
    assert response.status_code == 403 and "verlopen" in response.text
    wrong = http.post(
        "/feiten", data={"csrf": "x" * 32, "sleutel": "evenings.cost", "waarde": "gratis"}
    )
    assert wrong.status_code == 403
    assert console.facts.get("evenings.cost") is None


def test_csrf_of_another_session_is_refused(console: Console) -> None:
    mine = sign_in(console, STAFF_ID)
    other = sign_in(console, ADMIN_ID)
    response = mine.post(
        "/feiten", data={"csrf": csrf_of(other), "sleutel": "evenings.cost", "waarde": "gratis"}
    )
    assert response.status_code == 403


def test_strict_headers_on_every_response(console: Console) -> None:
    http = sign_in(console, STAFF_ID)
    for path in ("/", "/welkom", "/static/console.css", "/bestaat-niet"):
        headers = http.get(path).headers
        csp = headers["content-security-policy"]
        assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_pages_have_no_inline_script_or_third_party_assets(console: Console) -> None:
    import re

    http = sign_in(console, ADMIN_ID)
    for path in (
        "/",
        "/aanmeldingen",
        "/ambassadeurs",
        "/feiten",
        "/team",
        "/campagnes",
        "/cijfers",
    ):
        page = http.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", page), path
        assert " style=" not in page and "on" + "click" not in page, path
        assert not re.search(r"(src|href)=\"(https?:)?//", page), path


async def test_console_command_sends_a_login_link_to_members_only(tmp_path: Path) -> None:
    """'/console' in a private chat, through the real Telegram Application and a fake Bot API."""
    import re

    from tests.fakes.bot_api import FakeBotApi
    from tests.running_app import start_polling, stop

    with FakeBotApi() as api:
        settings = console_settings(
            tmp_path, TELEGRAM_BASE_URL=api.base_url, CONSOLE_URL="https://console.example.org"
        )
        console = open_console(settings)
        add_member(console, STAFF_ID, "Sam")
        app = await start_polling(settings)
        try:
            api.push_command(STRANGER_ID, "/console")
            api.push_command(STAFF_ID, "/console")
            refused = await _wait_text(api, STRANGER_ID)
            sent = await _wait_text(api, STAFF_ID)
        finally:
            await stop(app)
    assert "alleen voor medewerkers en coaches" in refused
    link = re.search(r"https://console\.example\.org/login/\S+", sent)
    assert link is not None
    assert console.auth.redeem_login_link(link[0].rsplit("/", 1)[1]) == STAFF_ID


async def _wait_text(api: object, chat: int) -> str:
    import asyncio

    for _ in range(100):
        messages = api.sent_messages(chat)  # type: ignore[attr-defined]
        if messages:
            return str(messages[-1]["text"])
        await asyncio.sleep(0.05)
    raise AssertionError(f"nothing sent to {chat}")


def test_post_from_another_site_is_refused(console: Console) -> None:
    http = sign_in(console, STAFF_ID)
    token = csrf_of(http)
    evil = {"origin": "https://evil.example"}
    response = http.post(
        "/feiten", data={"csrf": token, "sleutel": "evenings.cost", "waarde": "x"}, headers=evil
    )
    assert response.status_code == 403 and console.facts.get("evenings.cost") is None
    path = urlsplit(console.auth.create_login_link(STAFF_ID)).path
    assert client(console).post(path, headers=evil).status_code == 403
    assert (
        client(console)
        .post("/auth/telegram", data={"init_data": init_data(STAFF_ID)}, headers=evil)
        .status_code
        == 403
    )
    own = {"origin": "http://127.0.0.1:8090"}
    assert (
        http.post(
            "/feiten",
            data={"csrf": token, "sleutel": "evenings.cost", "waarde": "gratis"},
            headers=own,
        ).status_code
        == 200
    )
