"""Reminder planning: local wall-clock times across DST, quiet hours, and the input helpers."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.ambassadors.formats import format_hours, parse_day, parse_hours
from bot.ambassadors.schedule import ReminderPolicy, next_allowed, plan_reminders
from bot.core.errors import AmbassadorError, ConfigError
from bot.core.settings import load_settings

AMS = ZoneInfo("Europe/Amsterdam")
POLICY = ReminderPolicy(tz=AMS)


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_october_dst_change_keeps_0800_local() -> None:
    # Clocks go back on Sunday 26 October 2025: 08:00 is 06:00 UTC before, 07:00 UTC after.
    planned = {r.kind: r.at for r in plan_reminders(date(2025, 10, 27), POLICY)}
    assert planned["d3"] == _utc(2025, 10, 24, 6, 0)
    assert planned["d0"] == _utc(2025, 10, 27, 7, 0)
    assert planned["overdue"] == _utc(2025, 10, 28, 7, 0)
    assert all(p.astimezone(AMS).time() == time(8, 0) for p in planned.values())


def test_march_dst_change_keeps_0800_local() -> None:
    # Clocks go forward on Sunday 29 March 2026: 08:00 is 07:00 UTC before, 06:00 UTC after.
    planned = {r.kind: r.at for r in plan_reminders(date(2026, 3, 30), POLICY)}
    assert planned["d3"] == _utc(2026, 3, 27, 7, 0)
    assert planned["d0"] == _utc(2026, 3, 30, 6, 0)


@pytest.mark.parametrize(
    ("local", "expected"),
    [
        (datetime(2025, 11, 5, 7, 0), datetime(2025, 11, 5, 8, 0)),  # night -> 08:00
        (datetime(2025, 11, 5, 8, 15), datetime(2025, 11, 5, 8, 15)),  # before school: fine
        (datetime(2025, 11, 5, 10, 0), datetime(2025, 11, 5, 15, 30)),  # school hours (Wed)
        (datetime(2025, 11, 8, 10, 0), datetime(2025, 11, 8, 10, 0)),  # Saturday: no school
        (datetime(2025, 11, 7, 23, 0), datetime(2025, 11, 8, 8, 0)),  # Friday night -> Saturday
        (datetime(2025, 11, 9, 23, 30), datetime(2025, 11, 10, 8, 0)),  # Sunday night -> Monday
        (datetime(2025, 11, 5, 22, 0), datetime(2025, 11, 6, 8, 0)),  # quiet starts at 22:00
        (datetime(2026, 3, 29, 2, 30), datetime(2026, 3, 29, 8, 0)),  # in the DST gap
    ],
)
def test_quiet_hours_move_to_next_allowed_time(local: datetime, expected: datetime) -> None:
    moved = next_allowed(local.replace(tzinfo=AMS), POLICY)
    assert moved.replace(tzinfo=None) == expected
    assert moved.utcoffset() == expected.replace(tzinfo=AMS).utcoffset()


def test_reminder_in_school_hours_moves_to_after_school() -> None:
    policy = ReminderPolicy(tz=AMS, at=time(10, 0))
    planned = {r.kind: r.at.astimezone(AMS) for r in plan_reminders(date(2025, 10, 27), policy)}
    assert planned["d3"].replace(tzinfo=None) == datetime(2025, 10, 24, 15, 30)  # Friday
    assert planned["d0"].replace(tzinfo=None) == datetime(2025, 10, 27, 15, 30)  # Monday


def test_quiet_hours_configurable_and_can_be_switched_off() -> None:
    settings = load_settings(
        {
            "AMBASSADOR_QUIET_HOURS": "off",
            "AMBASSADOR_SCHOOL_HOURS": "09:00-12:00",
            "AMBASSADOR_REMINDER_DAYS": "7,1",
            "AMBASSADOR_REMINDER_TIME": "19:30",
        }
    ).ambassadors
    policy = ReminderPolicy.from_settings("Europe/Amsterdam", settings)
    assert policy.quiet is None and policy.school == (time(9), time(12))
    assert [r.kind for r in plan_reminders(date(2025, 11, 5), policy)] == ["d7", "d1", "overdue"]
    night = datetime(2025, 11, 5, 3, 0, tzinfo=AMS)
    assert next_allowed(night, policy) == night
    with pytest.raises(ConfigError, match="AMBASSADOR_QUIET_HOURS"):
        load_settings({"AMBASSADOR_QUIET_HOURS": "late"})


def test_parse_hours_and_days() -> None:
    assert parse_hours("2") == 120
    assert parse_hours("1,5") == 90
    assert parse_hours("0.25u") == 15
    assert format_hours(90) == "1,5" and format_hours(1800) == "30"
    for bad in ("", "twee", "0", "13", "-1"):
        with pytest.raises(AmbassadorError):
            parse_hours(bad)
    today = date(2025, 11, 20)
    assert parse_day("24-11", today) == date(2025, 11, 24)
    assert parse_day("3-1", today) == date(2026, 1, 3)  # already past this year: next year
    assert parse_day("24/10/2026", today) == date(2026, 10, 24)
    assert parse_day("2026-02-01", today) == date(2026, 2, 1)
    with pytest.raises(AmbassadorError):
        parse_day("31-02", today)
