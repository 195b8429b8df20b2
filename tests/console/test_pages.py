"""Console pages: role checks on every route, and each page doing what its chat command does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select, update

from bot.answers.facts import Facts
from bot.console.web import ADMIN_ONLY, ROUTES, STAFF_ONLY, Console
from bot.storage.db import Database
from bot.storage.models_leads import Lead, LeadAudit
from bot.storage.models_outbox import OutboxMessage
from tests.console_support import (
    ADMIN_ID,
    COACH_ID,
    STAFF_ID,
    add_member,
    client,
    console_settings,
    csrf_of,
    make_ambassador,
    make_lead,
    open_console,
    sign_in,
)

OTHER_STAFF = 9010


@pytest.fixture
def console(tmp_path: Path, database_url: str) -> Console:
    """Every page test runs on SQLite and on PostgreSQL (skipped with reason when absent)."""
    console = open_console(console_settings(tmp_path, database_url))
    add_member(console, STAFF_ID, "Sam")
    add_member(console, OTHER_STAFF, "Ali")
    add_member(console, COACH_ID, "Cas", "coach")
    return console


def _concrete(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def test_every_route_checks_session_and_role(console: Console) -> None:
    """Enumerates the registered pages: none is reachable without a session or with a role
    it is not for (the check runs before the page, so dummy ids are enough)."""
    anonymous = client(console)
    coach, staff = sign_in(console, COACH_ID), sign_in(console, STAFF_ID)
    tokens = {id(coach): csrf_of(coach), id(staff): csrf_of(staff)}
    assert len(ROUTES) >= 25
    for route in ROUTES:
        if route.path == "/uitloggen":
            continue  # would end the sessions used here; tested in test_auth.py
        path = _concrete(route.path)
        for method in route.methods:
            response = anonymous.request(method, path, follow_redirects=False)
            assert response.status_code in (303, 401), (method, path)
            for who, http in (("coach", coach), ("staff", staff)):
                allowed = who in route.roles
                data = {"csrf": tokens[id(http)]} if method == "POST" else None
                response = http.request(method, path, data=data, follow_redirects=False)
                if allowed:
                    assert response.status_code != 403 or "rol" not in response.text, (
                        who,
                        method,
                        path,
                    )
                else:
                    assert response.status_code == 403, (who, method, path)
                    assert "niet voor jouw rol" in response.text


def test_coach_sees_only_the_ambassador_programme(console: Console) -> None:
    coach = sign_in(console, COACH_ID)
    today = coach.get("/").text
    assert "uren te bevestigen" in today and "aanmeldingen niet opgepakt" not in today
    assert coach.get("/ambassadeurs").status_code == 200
    for path in ("/aanmeldingen", "/scholen", "/feiten", "/campagnes", "/cijfers", "/team"):
        assert coach.get(path).status_code == 403, path
    nav = re.findall(r'<nav class="tabs".*?</nav>', today, re.S)[0]
    assert "Aanmeldingen" not in nav and "Ambassadeurs" in nav


def test_staff_cannot_reach_admin_pages(console: Console) -> None:
    staff = sign_in(console, STAFF_ID)
    assert staff.get("/team").status_code == 403
    response = staff.post("/team/uitnodiging", data={"csrf": csrf_of(staff), "rol": "staff"})
    assert response.status_code == 403
    assert all(r.roles in (STAFF_ONLY, ADMIN_ONLY) or "coach" in r.roles for r in ROUTES)


def test_claim_then_details_only_for_the_claimer_and_audited(console: Console) -> None:
    lead_id = make_lead(console)
    sam, ali = sign_in(console, STAFF_ID), sign_in(console, OTHER_STAFF)
    before = ali.get(f"/aanmeldingen/{lead_id}").text
    assert "06-12345678" not in before and "Robin" not in before and "Veghel" in before
    response = sam.post(
        f"/aanmeldingen/{lead_id}/stap", data={"csrf": csrf_of(sam), "actie": "claim"}
    )
    assert response.status_code == 200 and "opgepakt" in response.text
    assert "06-12345678" in response.text and "Robin" in response.text
    other = ali.get(f"/aanmeldingen/{lead_id}").text
    assert "06-12345678" not in other and "opgepakt door een collega" in other
    refused = ali.post(
        f"/aanmeldingen/{lead_id}/stap", data={"csrf": csrf_of(ali), "actie": "signed"}
    )
    assert "Alleen wie deze aanmelding heeft opgepakt" in refused.text
    with console.database.session() as session:
        lead = session.scalar(select(Lead).where(Lead.public_id == lead_id))
        assert lead is not None and lead.claimed_by == STAFF_ID
        actions = session.scalars(
            select(LeadAudit.action).where(
                LeadAudit.lead_id == lead.id, LeadAudit.actor_id == STAFF_ID
            )
        ).all()
    # claim (status + the details sent privately, as in the chat) and the console view.
    assert actions.count("view_details") >= 2 and "status:claimed" in actions
    assert len(sam.get("/aanmeldingen?toon=mine").text.split(lead_id)) > 1


def test_note_and_status_steps(console: Console) -> None:
    lead_id = make_lead(console)
    sam = sign_in(console, STAFF_ID)
    token = csrf_of(sam)
    sam.post(f"/aanmeldingen/{lead_id}/stap", data={"csrf": token, "actie": "claim"})
    sam.post(f"/aanmeldingen/{lead_id}/notitie", data={"csrf": token, "notitie": "Bel na 16 uur"})
    sam.post(f"/aanmeldingen/{lead_id}/stap", data={"csrf": token, "actie": "contacted"})
    page = sam.post(f"/aanmeldingen/{lead_id}/stap", data={"csrf": token, "actie": "signed"}).text
    assert "aangemeld" in page and "Bel na 16 uur" in page
    counts = console.leads.weekly_counts()
    assert {m for _, source, m, _ in counts if source == "poster_bieb"} >= {
        "contacted",
        "signed_up",
    }


def test_removing_a_member_hands_claims_back(console: Console) -> None:
    lead_id = make_lead(console)
    sam, admin = sign_in(console, STAFF_ID), sign_in(console, ADMIN_ID)
    sam.post(f"/aanmeldingen/{lead_id}/stap", data={"csrf": csrf_of(sam), "actie": "claim"})
    page = admin.post(f"/team/{STAFF_ID}/verwijder", data={"csrf": csrf_of(admin, "/team")}).text
    assert "teruggezet" in page
    with console.database.session() as session:
        lead = session.scalar(select(Lead).where(Lead.public_id == lead_id))
        assert lead is not None and lead.status == "open" and lead.claimed_by is None
    assert console.leads.reannounce_due() == 1  # the card goes out to the team again


def test_hours_tasks_and_certificate(console: Console) -> None:
    amb = make_ambassador(console, 5001, "Noor")
    console.ambassadors.hours.log_hours(5001, 30 * 60, "posters en presentatie")
    coach = sign_in(console, COACH_ID)
    token = csrf_of(coach)
    overview = coach.get("/ambassadeurs").text
    assert "Noor" in overview and "posters en presentatie" in overview
    entry = re.search(r'action="/ambassadeurs/uren/(\d+)"', overview)
    assert entry is not None
    page = coach.post(
        f"/ambassadeurs/uren/{entry[1]}",
        data={"csrf": token, "besluit": "ja", "back": "/ambassadeurs"},
    ).text
    assert "30 uur van Noor bevestigd" in page
    team = re.search(r'href="/ambassadeurs/team/(\d+)"', page)
    assert team is not None
    added = coach.post(
        f"/ambassadeurs/team/{team[1]}/taak",
        data={"csrf": token, "titel": "Posters ophangen", "datum": "2099-10-24", "voor": str(amb)},
    ).text
    assert "Posters ophangen" in added and "toegevoegd" in added
    task = re.search(r'id="taak-(\d+)"[^>]*>\s*<summary><b>#\d+</b> Posters ophangen', added)
    assert task is not None
    moved = coach.post(
        f"/ambassadeurs/taak/{task[1]}",
        data={"csrf": token, "actie": "datum", "datum": "2099-11-02"},
    ).text
    assert "verplaatst" in moved
    renamed = coach.post(
        f"/ambassadeurs/taak/{task[1]}",
        data={"csrf": token, "actie": "titel", "titel": "Posters in de aula"},
    ).text
    assert "heet nu ‘Posters in de aula’" in renamed
    cancelled = coach.post(
        f"/ambassadeurs/taak/{task[1]}", data={"csrf": token, "actie": "schrappen"}
    ).text
    assert "geschrapt" in cancelled
    assert (
        f'action="/ambassadeurs/certificaat/{amb}"'
        in coach.get(f"/ambassadeurs/team/{team[1]}").text
    )
    pdf = coach.post(f"/ambassadeurs/certificaat/{amb}", data={"csrf": token})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    bad = coach.post(
        f"/ambassadeurs/team/{team[1]}/taak", data={"csrf": token, "titel": "x", "datum": ""}
    )
    assert "Kies een datum" in bad.text


def test_invite_link_with_qr(console: Console) -> None:
    coach = sign_in(console, COACH_ID)
    page = coach.post(
        "/ambassadeurs/uitnodiging", data={"csrf": csrf_of(coach), "school": "Het Lyceum"}
    ).text
    assert "https://t.me/joinus_test_bot?start=amb_" in page and "<svg" in page


def test_fact_change_is_validated_previewed_used_at_once_and_kept_in_history(
    console: Console,
) -> None:
    sam = sign_in(console, STAFF_ID)
    token = csrf_of(sam)
    bad = sam.post(
        "/feiten", data={"csrf": token, "sleutel": "contact.email", "waarde": "geen mail"}
    )
    assert "Dit lijkt geen e-mailadres" in bad.text
    preview = sam.post(
        "/feiten",
        data={"csrf": token, "sleutel": "evenings.cost", "waarde": "gratis", "actie": "voorbeeld"},
    ).text
    assert "Meedoen aan Join us kost: gratis." in preview
    # A second Facts on the same database stands for the action server and the bot.
    other_process = Facts(console.settings.facts_file, Database(console.settings.database_url))
    assert other_process.get("evenings.cost") is None
    sam.post(
        "/feiten",
        data={"csrf": token, "sleutel": "evenings.cost", "waarde": "gratis", "actie": "opslaan"},
    )
    assert other_process.get("evenings.cost") == "gratis"
    history = sam.get("/feiten").text
    assert "Sam" in history and "Kosten" in history and "gratis" in history
    crisis = sam.post(
        "/feiten",
        data={"csrf": token, "sleutel": "crisis_lines.veilig_thuis.phone", "waarde": "0800-2001"},
    ).text
    assert "alleen een beheerder" in crisis
    assert other_process.get("crisis_lines.veilig_thuis.phone") == "0800-2000"


def test_campaign_link_qr_poster_and_funnel(console: Console) -> None:
    sam = sign_in(console, STAFF_ID)
    token = csrf_of(sam)
    page = sam.post(
        "/campagnes",
        data={"csrf": token, "titel": "Poster bieb", "soort": "poster", "code": "poster_bieb"},
    ).text
    assert "https://t.me/joinus_test_bot?start=poster_bieb" in page
    make_lead(console, source="poster_bieb")
    console.leads.note_interest("poster_bieb")
    listing = sam.get("/campagnes").text
    assert re.search(r"Poster bieb</a></td><td>Poster</td><td>1</td><td>1</td>", listing)
    assert sam.get("/campagnes/1/poster.pdf").content.startswith(b"%PDF")
    assert sam.get("/campagnes/1/qr.png").content.startswith(b"\x89PNG")
    taken = sam.post(
        "/campagnes",
        data={"csrf": token, "titel": "Nog een", "soort": "poster", "code": "poster_bieb"},
    )
    assert "bestaat al" in taken.text
    reserved = sam.post(
        "/campagnes", data={"csrf": token, "titel": "Stiekem", "soort": "poster", "code": "ouder_X"}
    )
    assert "al in gebruik" in reserved.text


def test_school_request_answer_reaches_the_school_chat(console: Console) -> None:
    from bot.school.requests import RequestDraft

    draft = RequestDraft(
        kind="presentation",
        school="Het Lyceum",
        staff_role="mentor",
        contact="m@lyceum.nl",
        age_band=None,
        parents_informed=None,
        details="periode 3",
    )
    submitted = console.referrals.submit("p-mentor", draft)
    console.referrals.attach_chat("p-mentor", submitted.public_id, 777)
    sam = sign_in(console, STAFF_ID)
    token = csrf_of(sam)
    listing = sam.get("/scholen").text
    assert submitted.public_id in listing and "m@lyceum.nl" not in listing
    page = sam.post(
        f"/scholen/{submitted.public_id}/stap", data={"csrf": token, "actie": "claim"}
    ).text
    assert "m@lyceum.nl" in page
    page = sam.post(
        f"/scholen/{submitted.public_id}/antwoord",
        data={"csrf": token, "antwoord": "Graag op 12 maart!"},
    ).text
    assert "Verstuurd naar de school" in page
    with console.database.session() as session:
        kinds = session.scalars(select(OutboxMessage.dedupe_key)).all()
    assert any("answer" in key for key in kinds)


def test_today_and_figures_count(console: Console) -> None:
    make_lead(console)
    make_lead(console, pseudonym="p2")
    admin = sign_in(console, ADMIN_ID)
    today = admin.get("/").text
    assert re.search(r"<b>2</b><span>aanmeldingen niet opgepakt", today)
    figures = admin.get("/cijfers").text
    assert figures.count("<svg") >= 1 and "Als tabel" in figures and "toestemming" in figures


def test_today_counts_crises_and_failed_deliveries(console: Console) -> None:
    from datetime import UTC, datetime

    from bot.core.crypto import Cipher
    from bot.pipeline.outbox import enqueue
    from bot.safety import SafetyResult
    from bot.staff.crisis_alerts import CrisisAlerts

    alerts = CrisisAlerts(
        console.database, Cipher.from_settings(console.settings), console.settings
    )
    alerts.notify(SafetyResult(level="crisis"))
    alerts.notify(SafetyResult(level="crisis"))
    with console.database.session() as session:
        enqueue(
            session,
            Cipher.from_settings(console.settings),
            chat_id=5,
            text="x",
            kind="lead_update",
            dedupe_key="t:1",
            not_before=datetime.now(UTC),
        )
        session.flush()
        session.execute(
            update(OutboxMessage).values(status="failed").where(OutboxMessage.dedupe_key == "t:1")
        )
    today = sign_in(console, ADMIN_ID).get("/").text
    assert re.search(r"<b>2</b><span>crisisantwoorden deze week", today)
    assert re.search(r"<b>1</b><span>berichten niet bezorgd", today)


def test_broad_update_to_the_referring_school_from_the_lead_page(console: Console) -> None:
    from bot.school.requests import RequestDraft

    submitted = console.referrals.submit(
        "p-mentor",
        RequestDraft(
            kind="referral",
            school="Het Lyceum",
            staff_role="mentor",
            contact="m@lyceum.nl",
            age_band="16-17",
            parents_informed="yes",
            details="aansluiting",
        ),
    )
    assert submitted.referral_code is not None
    console.referrals.attach_chat("p-mentor", submitted.public_id, 777)
    code = "ref_" + submitted.referral_code
    lead_id = make_lead(console, pseudonym="p-student", source=code)
    assert console.referrals.student_agrees("p-student", lead_id, code)
    sam = sign_in(console, STAFF_ID)
    token = csrf_of(sam)
    page = sam.post(f"/aanmeldingen/{lead_id}/stap", data={"csrf": token, "actie": "claim"}).text
    assert 'id="school-update"' not in page  # not signed up yet: the school hears nothing
    sam.post(f"/aanmeldingen/{lead_id}/stap", data={"csrf": token, "actie": "contacted"})
    page = sam.post(f"/aanmeldingen/{lead_id}/stap", data={"csrf": token, "actie": "signed"}).text
    assert 'id="school-update"' in page and "(nog 3;" in page
    page = sam.post(f"/aanmeldingen/{lead_id}/school", data={"csrf": token, "update": "going"}).text
    assert "Update verstuurd naar de school" in page and "(nog 2;" in page
    with console.database.session() as session:
        keys = session.scalars(select(OutboxMessage.dedupe_key)).all()
    assert any(key.endswith(f"upd:{lead_id}:1") for key in keys)
