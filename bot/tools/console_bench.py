"""`make bench` (part): every console page's server time on a seeded database.

Seeds 10,000 leads, 300 ambassadors in 40 teams (with the handbook's year plan and hours), a
year of anonymous counts, 600 school requests and 20 campaigns, then requests each page
``--runs`` times in-process (Starlette's TestClient, no network) and prints p50/p95/max.
A benchmark prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import insert

from bot.console.web import Console
from bot.core.settings import PROJECT_ROOT, Settings, load_settings
from bot.staff.members import Actor
from bot.storage.db import migrate
from bot.storage.models_ambassadors import Ambassador, AmbassadorHours
from bot.storage.models_insights import UnansweredCount
from bot.storage.models_leads import Lead, LeadCount, StaffMember
from bot.storage.models_school import SchoolRequest

ADMIN, STAFF = 1, 2
STATUSES = ["open"] * 2 + ["claimed", "contacted"] * 2 + ["signed_up", "closed"] * 6
SOURCES = [f"campagne_{i}" for i in range(18)] + ["", "school_ref"]
TOPICS = ["when_where", "cost", "who_is_it_for", "faq/avond", "faq/therapie", "unknown", "privacy"]


def seed(console: Console, *, leads: int, teams: int, ambassadors: int, rng: random.Random) -> None:
    now = datetime.now(UTC)
    cipher = console.leads._cipher
    db = console.database
    with db.session() as s:
        s.add(StaffMember(telegram_id=STAFF, name="Sam", role="staff", added_at=now))
        for i in range(8):
            s.add(StaffMember(telegram_id=100 + i, name=f"Collega {i}", role="staff", added_at=now))
    areas = [cipher.encrypt(a) for a in ("Veghel", "Uden", "Boekel", "Schijndel", "Sint-Oedenrode")]
    contact = cipher.encrypt("06-12345678")
    rows = []
    for i in range(leads):
        status = rng.choice(STATUSES)
        created = now - timedelta(minutes=rng.randrange(365 * 24 * 60))
        claimed_by = None if status == "open" else rng.choice([STAFF, *range(100, 108)])
        rows.append(
            dict(
                public_id=f"L{i:06d}",
                kind="interest",
                pseudonym=f"p{i}",
                status=status,
                age_band=rng.choice(["12-15", "16-17", "18-25"]),
                route="phone",
                area_enc=rng.choice(areas),
                contact_enc=contact,
                source=rng.choice(SOURCES) or None,
                consent_kind="self",
                claimed_by=claimed_by,
                created_at=created,
                consented_at=created,
                announced_at=created,
                announce_count=1,
            )
        )
    with db.session() as s:
        s.execute(insert(Lead), rows)
        weeks = [(now - timedelta(weeks=w)).date() for w in range(52)]
        counts = [
            dict(
                week_start=w - timedelta(days=w.weekday()),
                source=src,
                metric=m,
                count=rng.randrange(1, 30),
            )
            for w in weeks
            for src in SOURCES
            for m in ("interest", "consented", "contacted", "signed_up")
        ]
        s.execute(insert(LeadCount), counts)
        s.execute(
            insert(UnansweredCount),
            [
                dict(
                    week_start=w - timedelta(days=w.weekday()),
                    kind="fallback",
                    intent_guess=t,
                    count=rng.randrange(1, 15),
                )
                for w in weeks
                for t in TOPICS
            ],
        )
        s.execute(
            insert(SchoolRequest),
            [
                dict(
                    public_id=f"R{i:05d}",
                    kind=rng.choice(["referral", "presentation", "material"]),
                    pseudonym=f"m{i}",
                    status=rng.choice(["open", "claimed", "closed", "closed"]),
                    school_enc=cipher.encrypt(f"School {i % 40}"),
                    contact_enc=contact,
                    created_at=now - timedelta(days=rng.randrange(365)),
                )
                for i in range(600)
            ],
        )
    team_ids = []
    for t in range(teams):
        invite = console.ambassadors.enrolment.create_invite(f"School {t:02d}", coach_chat_id=ADMIN)
        team_ids.append(invite.team_id)
    names = [cipher.encrypt(n) for n in ("Noor", "Daan", "Sem", "Lotte", "Mila", "Finn")]
    with db.session() as s:
        s.execute(
            insert(Ambassador),
            [
                dict(
                    team_id=team_ids[i % teams],
                    user_key=f"u{i}",
                    first_name_enc=rng.choice(names),
                    chat_id_enc=cipher.encrypt(str(10_000 + i)),
                    age_band="16plus",
                    status="active",
                    enrolled_at=now,
                    active_since=now,
                )
                for i in range(ambassadors)
            ],
        )
    with db.session() as s:
        ids = list(range(1, ambassadors + 1))
        s.execute(
            insert(AmbassadorHours),
            [
                dict(
                    ambassador_id=a,
                    activity="posters",
                    minutes=rng.choice([30, 60, 90, 120]),
                    status=rng.choice(["confirmed"] * 8 + ["pending", "rejected"]),
                    logged_at=now - timedelta(days=rng.randrange(200)),
                )
                for a in ids
                for _ in range(8)
            ],
        )
    for c in range(20):
        console.campaigns.create(f"Campagne {c}", "poster", code=f"campagne_{c}", actor_id=ADMIN)
    for i in range(30):
        console.fact_store.set(
            "evenings.times",
            f"19:{i:02d} - 21:00",
            actor_id=ADMIN,
            actor_name="Bench",
            is_admin=True,
        )
    # One claim through the service, so the audit and outbox rows of a real claim exist too.
    first_open = next(row["public_id"] for row in rows if row["status"] == "open")
    console.leads.staff_step(Actor(STAFF, False, "staff"), str(first_open), "claim")


def run(
    settings: Settings, *, runs: int, leads: int, teams: int, ambassadors: int
) -> list[tuple[str, list[float], list[float]]]:
    from starlette.testclient import TestClient

    from bot.console.app import build_app

    migrate(settings.database_url)
    console = Console.open(settings)
    started = time.perf_counter()
    seed(console, leads=leads, teams=teams, ambassadors=ambassadors, rng=random.Random(14))
    print(
        f"seeded in {time.perf_counter() - started:.1f} s: {leads} leads, {ambassadors} ambassadors "
        f"in {teams} teams, 52 weeks of counts, 600 school requests, 20 campaigns"
    )
    http = TestClient(build_app(settings, console), base_url="http://127.0.0.1")
    admin = TestClient(build_app(settings, console), base_url="http://127.0.0.1")
    for client, who in ((http, STAFF), (admin, ADMIN)):
        link = console.auth.create_login_link(who)
        client.post(urlsplit(link).path)
    pages = [
        ("Vandaag", http, "/"),
        ("Aanmeldingen (open)", http, "/aanmeldingen"),
        ("Aanmeldingen (alle, blad 200)", http, "/aanmeldingen?toon=all&van=5000"),
        ("Aanmelding (kaart)", http, "/aanmeldingen/L000001"),
        ("Scholen", http, "/scholen"),
        ("Verzoek", http, "/scholen/R00001"),
        ("Ambassadeurs (40 teams)", http, "/ambassadeurs"),
        ("Team (taken)", http, "/ambassadeurs/team/1"),
        ("Feiten", http, "/feiten"),
        ("Campagnes", http, "/campagnes"),
        ("Campagne (QR)", http, "/campagnes/1"),
        ("Cijfers", http, "/cijfers"),
        ("Team (beheer)", admin, "/team"),
    ]
    results = []
    for name, client, path in pages:
        assert client.get(path).status_code == 200, path  # warm-up, and a sanity check
        times, cpu = [], []
        for _ in range(runs):
            response = client.get(path)
            # Server-Timing: "app" = wall time from the request reaching the app to the response
            # being ready; "cpu" = the page's own CPU time (independent of the machine's load).
            timings = dict(
                part.strip().split(";dur=") for part in response.headers["server-timing"].split(",")
            )
            times.append(float(timings["app"]))
            cpu.append(float(timings["cpu"]))
        results.append((name, times, cpu))
    console.database.dispose()
    return results


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--leads", type=int, default=10_000)
    parser.add_argument("--teams", type=int, default=40)
    parser.add_argument("--ambassadors", type=int, default=300)
    parser.add_argument("--database-url", default="", help="default: a new SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        settings = load_settings(
            {
                "JOINUS_DATA_DIR": tmp,
                "DATABASE_URL": url,
                "ADMIN_TELEGRAM_IDS": str(ADMIN),
                "PSEUDONYM_SECRET": "b" * 32,
                "ENCRYPTION_KEY": "c" * 32,
                "FACTS_FILE": str(PROJECT_ROOT / "content" / "facts.yml"),
                "TELEGRAM_BOT_USERNAME": "joinus_bot",
            }
        )
        results = run(
            settings,
            runs=args.runs,
            leads=args.leads,
            teams=args.teams,
            ambassadors=args.ambassadors,
        )
    print(
        f"\nConsole page server time ({settings.database_url.split(':')[0]}, {args.runs} requests each, ms)"
    )
    print(f"{'page':32} {'p50':>7} {'p95':>7} {'max':>7} {'cpu p50':>8} {'cpu p95':>8}")
    for name, times, cpu in results:
        print(
            f"{name:32} {statistics.median(times):7.1f} {p95(times):7.1f} {max(times):7.1f} "
            f"{statistics.median(cpu):8.1f} {p95(cpu):8.1f}"
        )
    print(f"load average during the run: {os.getloadavg()[0]:.1f} (2 cores)")
    print(f"(date {date.today().isoformat()}; aim: p95 < 150 ms)")


if __name__ == "__main__":
    main()
