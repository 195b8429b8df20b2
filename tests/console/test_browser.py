"""The console in a real headless Chromium (Debian's package, driven by Playwright).

Logs in with a one-time link, claims a lead and reads its details, confirms hours, adds a task
with the date picker, creates a campaign and decodes its QR code from a screenshot, changes a
fact and asks the assistant (the Rasa action) about it. Screenshots of every page go to
results/console/ (gitignored).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from bot.console.app import build_app
from bot.console.web import Console
from tests.console_support import (
    ADMIN_ID,
    COACH_ID,
    STAFF_ID,
    add_member,
    console_settings,
    init_data,
    make_ambassador,
    make_lead,
    open_console,
)

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "results" / "console"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed (scripts/setup.sh installs it)",
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Console, str]]:
    port = _free_port()
    database_url = f"sqlite:///{tmp_path / 'joinus.db'}"
    env = {"CONSOLE_PORT": str(port)}
    settings = console_settings(tmp_path, database_url, **env)
    console = open_console(settings)
    # The action server reads its settings from the environment: the same database.
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("FACTS_FILE", str(settings.facts_file))
    monkeypatch.setenv("JOINUS_DATA_DIR", str(settings.data_dir))
    server = uvicorn.Server(
        uvicorn.Config(
            build_app(settings, console), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "console did not start"
    try:
        yield console, f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _nav(page: Any, name: str) -> None:
    page.locator("nav.tabs").get_by_role("link", name=name, exact=True).click()


def _decode_qr(png: bytes) -> str:
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)).convert("L"))
    assert found, "no QR code found in the image"
    return str(found[0].text)


def _ask_assistant_about_cost() -> str:
    """Run the real Rasa action (as the action server would) with a fresh facts() cache."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    import actions.facts
    from actions.about import ActionAnswerCost

    actions.facts.facts.cache_clear()
    dispatcher = CollectingDispatcher()
    tracker = Tracker("p-1", {}, {}, [], False, None, {}, None)

    def run() -> Any:
        return asyncio.run(ActionAnswerCost().run(dispatcher, tracker, {}))

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(run).result(timeout=30)
    actions.facts.facts.cache_clear()
    return str(dispatcher.messages[0]["text"])


def test_staff_and_coach_tasks_in_a_real_browser(served: tuple[Console, str]) -> None:
    from playwright.sync_api import expect, sync_playwright

    console, base = served
    add_member(console, STAFF_ID, "Sam")
    add_member(console, COACH_ID, "Cas", "coach")
    lead_id = make_lead(console)
    make_lead(console, pseudonym="p-other", source="school_lyceum")
    make_ambassador(console, 5001, "Noor")
    make_ambassador(console, 5002, "Daan")
    console.ambassadors.hours.log_hours(5001, 90, "flyers uitgedeeld")
    SHOTS.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            phone = browser.new_context(
                viewport={"width": 390, "height": 844}, device_scale_factor=1, locale="nl-NL"
            )
            page = phone.new_page()
            errors: list[str] = []
            page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

            # 1. A login link from '/console' (single use) opens a session.
            page.goto(
                console.auth.create_login_link(STAFF_ID).replace(
                    console.settings.console.base_url, base
                )
            )
            page.get_by_role("button", name="Inloggen").click()
            expect(page.get_by_role("heading", name="Vandaag")).to_be_visible()
            expect(page.locator(".tile").first).to_contain_text("2")
            page.screenshot(path=str(SHOTS / "vandaag.png"), full_page=True)

            # 2. Claim a lead, then see its contact details (only the claimer does).
            _nav(page, "Aanmeldingen")
            page.screenshot(path=str(SHOTS / "aanmeldingen.png"), full_page=True)
            page.get_by_role("link", name=re.compile(lead_id)).click()
            expect(page.locator("body")).not_to_contain_text("06-12345678")
            page.get_by_role("button", name="Oppakken").click()
            expect(page.locator("#gegevens")).to_contain_text("06-12345678")
            expect(page.locator("#gegevens")).to_contain_text("Robin")
            page.screenshot(path=str(SHOTS / "aanmelding.png"), full_page=True)

            # 3. Confirm hours.
            _nav(page, "Ambassadeurs")
            page.get_by_role("button", name="Bevestigen").click()
            expect(page.locator(".flash")).to_contain_text("bevestigd")
            page.screenshot(path=str(SHOTS / "ambassadeurs.png"), full_page=True)

            # 4. Add a task with the date picker, for one ambassador.
            page.get_by_role("link", name="Het Lyceum").click()
            page.get_by_label("Titel", exact=True).fill("Posters ophangen in de aula")
            page.get_by_label("Klaar vóór").fill("2099-10-24")
            page.locator("#voor").select_option(label="Noor")
            page.get_by_role("button", name="Toevoegen").click()
            expect(page.locator(".flash")).to_contain_text("toegevoegd")
            expect(
                page.locator("details.task", has_text="Posters ophangen in de aula")
            ).to_contain_text("Noor")
            page.screenshot(path=str(SHOTS / "team.png"), full_page=True)

            # 5. A campaign: link, QR code read back from a screenshot and from the PNG.
            _nav(page, "Campagnes")
            page.get_by_label("Naam").fill("Poster bibliotheek Veghel")
            page.get_by_label("Code in de link (mag leeg: dan maak ik er een)").fill("bieb_veghel")
            page.get_by_role("button", name="Maken").click()
            link = page.locator("#campaign-link").inner_text()
            assert link == "https://t.me/joinus_test_bot?start=bieb_veghel"
            assert _decode_qr(page.locator("#qr").screenshot()) == link
            png = page.request.get(page.url + "/qr.png")
            assert _decode_qr(png.body()) == link
            page.screenshot(path=str(SHOTS / "campagne.png"), full_page=True)
            page.get_by_role("link", name="← Campagnes").click()
            page.screenshot(path=str(SHOTS / "campagnes.png"), full_page=True)

            # 6. Change a fact, preview it, and ask the assistant (the real action).
            assert "weet ik niet zeker" in _ask_assistant_about_cost()
            _nav(page, "Feiten")
            cost = page.locator("form#evenings\\.cost")
            cost.locator("input[name=waarde]").fill("gratis, ook het drinken")
            cost.get_by_role("button", name="Voorbeeld").click()
            expect(page.locator("#voorbeeld")).to_contain_text(
                "Meedoen aan Join us kost: gratis, ook het drinken."
            )
            page.locator("form#evenings\\.cost").get_by_role("button", name="Opslaan").click()
            expect(page.locator(".flash")).to_contain_text("meteen")
            assert "gratis, ook het drinken" in _ask_assistant_about_cost()
            expect(page.locator("table")).to_contain_text("Sam")
            page.screenshot(path=str(SHOTS / "feiten.png"), full_page=True)

            _nav(page, "Scholen")
            page.screenshot(path=str(SHOTS / "scholen.png"), full_page=True)
            _nav(page, "Cijfers")
            expect(page.locator("svg.chart").first).to_be_visible()
            page.screenshot(path=str(SHOTS / "cijfers.png"), full_page=True)
            assert not [e for e in errors if "Content Security Policy" in e], errors

            # 7. The admin's Team page on a laptop-sized window; a staff invite with QR code.
            laptop = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
            admin = laptop.new_page()
            admin.goto(
                console.auth.create_login_link(ADMIN_ID).replace(
                    console.settings.console.base_url, base
                )
            )
            admin.get_by_role("button", name="Inloggen").click()
            _nav(admin, "Team")
            admin.get_by_role("button", name="Uitnodigingslink maken").click()
            invite = admin.locator("#uitnodiging a").inner_text()
            assert _decode_qr(admin.locator("#qr").screenshot()) == invite
            admin.screenshot(path=str(SHOTS / "team-beheer.png"), full_page=True)
            _nav(admin, "Cijfers")
            admin.screenshot(path=str(SHOTS / "cijfers-laptop.png"), full_page=True)

            # 8. Inside Telegram: the Mini App's signed launch data in the URL fragment sign a
            # coach in through console.js (no Telegram script); coaches see their pages only.
            from urllib.parse import quote

            miniapp = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
            miniapp.goto(
                f"{base}/welkom#tgWebAppData={quote(init_data(COACH_ID))}&tgWebAppVersion=8.0"
            )
            expect(miniapp.get_by_role("heading", name="Vandaag")).to_be_visible()
            expect(miniapp.locator("nav.tabs")).not_to_contain_text("Aanmeldingen")
            forged = browser.new_context().new_page()
            forged.goto(f"{base}/welkom#tgWebAppData={quote(init_data(COACH_ID, token='1:other'))}")
            expect(forged.locator("#miniapp-status")).to_contain_text("lukte niet")

            # 9. The used login link does not work a second time.
            reused = laptop.new_page()
            link_again = console.auth.create_login_link(STAFF_ID).replace(
                console.settings.console.base_url, base
            )
            reused.goto(link_again)
            reused.get_by_role("button", name="Inloggen").click()
            reused.goto(link_again)
            reused.get_by_role("button", name="Inloggen").click()
            expect(reused.locator("h1")).to_contain_text("Inloglink werkt niet")
        finally:
            browser.close()
