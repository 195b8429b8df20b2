"""The working-day calendar on real Dutch dates, and every place that schedules by it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.ambassadors.schedule import ReminderPolicy, due_weekly_slots, next_allowed
from bot.ambassadors.year_plan import plan_for
from bot.core.workdays import (
    after_working_hours,
    holiday_name,
    is_working_day,
    next_working_day,
    on_next_working_day,
    previous_working_day,
)

AMS = ZoneInfo("Europe/Amsterdam")
TZ = "Europe/Amsterdam"


def _local(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=AMS)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2027, 4, 27), "Koningsdag"),  # a Tuesday
        (date(2025, 4, 26), "Koningsdag"),  # the 27th was a Sunday: the Saturday before
        (date(2026, 12, 25), "Eerste kerstdag"),
        (date(2026, 12, 26), "Tweede kerstdag"),
        (date(2027, 3, 29), "Tweede paasdag"),  # Easter Monday
        (date(2027, 5, 17), "Tweede pinksterdag"),  # Whit Monday
        (date(2027, 5, 6), "Hemelvaartsdag"),
        (date(2027, 1, 1), "Nieuwjaarsdag"),
    ],
)
def test_dutch_public_holidays_are_days_off(day: date, name: str) -> None:
    assert holiday_name(day) == name
    assert not is_working_day(day)


def test_ordinary_days() -> None:
    assert is_working_day(date(2027, 4, 26))  # the Monday before Koningsdag
    assert not is_working_day(date(2027, 4, 24))  # a Saturday
    assert holiday_name(date(2027, 4, 24)) is None


def test_next_and_previous_working_day() -> None:
    assert next_working_day(date(2026, 12, 25)) == date(2026, 12, 28)  # Fri, Sat, Sun off
    assert next_working_day(date(2027, 3, 29)) == date(2027, 3, 30)
    assert next_working_day(date(2027, 3, 30)) == date(2027, 3, 30)
    assert previous_working_day(date(2027, 5, 17)) == date(2027, 5, 14)  # Whit Monday -> Fri
    assert previous_working_day(date(2027, 3, 29)) == date(2027, 3, 25)  # Easter Mon, Good Fri


def test_one_working_day_skips_the_weekend() -> None:
    friday = datetime(2026, 3, 6, 14, 0, tzinfo=UTC)
    assert after_working_hours(friday, 24, TZ) == datetime(2026, 3, 9, 14, 0, tzinfo=UTC)


def test_koningsdag_does_not_count_as_a_working_day() -> None:
    # Announced Monday 26 April 2027 16:00; Tuesday is Koningsdag: due Wednesday 16:00.
    due = after_working_hours(_local(2027, 4, 26, 16, 0), 24, TZ)
    assert due == _local(2027, 4, 28, 16, 0)


def test_christmas_and_the_weekend_after_do_not_count() -> None:
    # Thursday 24 December 2026 10:00: Christmas (Fri, Sat) and Sunday pass; due Monday 28th.
    due = after_working_hours(_local(2026, 12, 24, 10, 0), 24, TZ)
    assert due == _local(2026, 12, 28, 10, 0)


def test_announced_on_a_holiday_counts_from_the_next_working_day() -> None:
    # A lead that arrives on Easter Monday 2027 at 11:00 is not due before Wednesday 00:00.
    due = after_working_hours(_local(2027, 3, 29, 11, 0), 24, TZ)
    assert due == _local(2027, 3, 31, 0, 0)
    assert is_working_day(due.date())


def test_on_next_working_day_keeps_the_wall_clock_time() -> None:
    monday = _local(2027, 5, 17, 9, 0)  # Whit Monday
    assert on_next_working_day(monday) == _local(2027, 5, 18, 9, 0)
    tuesday = _local(2027, 5, 18, 9, 0)
    assert on_next_working_day(tuesday) is tuesday
    with pytest.raises(ValueError):
        on_next_working_day(datetime(2027, 5, 17, 9, 0))


@pytest.mark.parametrize(
    ("holiday_monday", "tuesday"),
    [
        (date(2027, 3, 29), date(2027, 3, 30)),  # Easter Monday
        (date(2027, 5, 17), date(2027, 5, 18)),  # Whit Monday
        (date(2026, 4, 27), date(2026, 4, 28)),  # Koningsdag on a Monday
    ],
)
def test_monday_summary_on_a_holiday_moves_to_tuesday(holiday_monday: date, tuesday: date) -> None:
    grace = timedelta(hours=6)
    at = time(9, 0)
    nine = datetime.combine(holiday_monday, at, tzinfo=AMS)
    assert due_weekly_slots(nine + timedelta(hours=1), grace, 1, at, AMS) == []
    moved = datetime.combine(tuesday, at, tzinfo=AMS)
    slots = due_weekly_slots(moved, grace, 1, at, AMS)
    iso = holiday_monday.isocalendar()
    assert slots == [(moved, f"{iso.year}-W{iso.week:02d}")]


def test_friday_slot_moved_into_the_next_week_keeps_its_week() -> None:
    # Good Friday 26 March 2027: a Friday 16:00 slot moves to Tuesday 30 March (after Easter).
    moved = _local(2027, 3, 30, 16, 0)
    slots = due_weekly_slots(moved, timedelta(hours=2), 5, time(16, 0), AMS)
    assert slots == [(moved, "2027-W12")]


def test_ordinary_monday_summary_is_on_monday() -> None:
    monday = _local(2027, 4, 19, 9, 0)
    assert due_weekly_slots(monday, timedelta(hours=2), 1, time(9, 0), AMS) == [
        (monday, "2027-W16")
    ]
    assert (
        due_weekly_slots(monday - timedelta(minutes=1), timedelta(hours=2), 1, time(9), AMS) == []
    )


def test_no_school_hours_pause_on_a_holiday() -> None:
    policy = ReminderPolicy(tz=AMS)
    koningsdag = _local(2027, 4, 27, 10, 0)
    assert next_allowed(koningsdag, policy) == koningsdag
    school_day = _local(2027, 4, 28, 10, 0)
    assert next_allowed(school_day, policy) == _local(2027, 4, 28, 15, 30)


def test_year_plan_due_dates_are_working_days() -> None:
    assert all(is_working_day(t.due_date) for year in range(2024, 2045) for t in plan_for(year))
