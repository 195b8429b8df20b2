"""The handbook's year plan (Bijlage 5) as dated tasks for a school year."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.ambassadors.year_plan import YEAR_PLAN, plan_for, school_year_of

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"


def _by_key(year: int) -> dict[str, date]:
    return {t.key: t.due_date for t in plan_for(year)}


def test_dates_for_2025_2026() -> None:
    due = _by_key(2025)
    assert due["sep-oproep"] == date(2025, 9, 15)
    assert due["sep-gesprekken"] == date(2025, 9, 30)
    assert due["okt-meelopen"] == due["okt-voorbereiden"] == date(2025, 10, 15)
    assert due["okt-presentatie"] == date(2025, 10, 31)
    assert due["nov-promotie"] == due["nov-gemeente"] == date(2025, 12, 31)
    assert due["jan-presentatie-leerlingen"] == date(2026, 3, 31)
    assert due["jan-signalering"] == due["apr-evaluatie"] == date(2026, 6, 30)
    starts = {t.key: t.starts_on for t in plan_for(2025)}
    assert starts["okt-presentatie"] == date(2025, 10, 16)
    assert starts["jan-signalering"] == date(2026, 1, 1)


def test_weekend_due_date_moves_to_friday() -> None:
    # 31 October 2026 is a Saturday.
    assert _by_key(2026)["okt-presentatie"] == date(2026, 10, 30)
    assert all(t.due_date.weekday() < 5 for y in range(2024, 2032) for t in plan_for(y))


def test_team_tasks_start_after_the_coach_has_chosen_the_three() -> None:
    team = plan_for(2025, owner="ambassadors")
    assert team[0].key == "okt-meelopen"
    assert {t.owner for t in team} == {"ambassadors"}
    assert {t.key for t in plan_for(2025, owner="coach")} == {
        "sep-oproep",
        "sep-gesprekken",
        "apr-eindbeoordeling",
    }


def test_every_period_is_the_handbooks_own() -> None:
    files = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    text = next((f.read_text() for f in files if "Een jaarplanning" in f.read_text()), None)
    if text is None:
        pytest.skip(f"handbook not found under {SEED}")
    plan = text[
        text.index("5. Een jaarplanning") : text.index("6. Coaching en begeleiding")
    ].lower()
    for item in YEAR_PLAN:
        assert item.period.lower() + ":" in plan, item.period


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2025, 9, 1), 2025),
        (date(2026, 6, 30), 2025),
        (date(2026, 7, 1), 2026),
        (date(2026, 1, 5), 2025),
    ],
)
def test_school_year_of(day: date, year: int) -> None:
    assert school_year_of(day) == year
