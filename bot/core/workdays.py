"""The one working-day calendar: weekends and Dutch public holidays (the `holidays` package).

Everything that counts working days or decides when staff and coaches hear from us asks this
module: the re-announcement of unclaimed leads, the weekly coach summary, the school-hours
pause of ambassador reminders, and the due dates of the ambassador year plan.

The holidays are the package's public holidays for the Netherlands (Nieuwjaarsdag, Goede
Vrijdag, Eerste en Tweede Paasdag, Koningsdag — the 26th when the 27th is a Sunday —,
Bevrijdingsdag in lustrum years, Hemelvaartsdag, Eerste en Tweede Pinksterdag, Eerste en
Tweede Kerstdag), so a rule change such as Koningsdag moving is a package upgrade, not a code
change. School holidays are not public holidays and are not known here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

COUNTRY = "NL"
_MAX_DAYS_OFF_IN_A_ROW = 14  # far more than any real run of weekend + holidays; stops a bad loop


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> dict[date, str]:
    """One year's public holidays with their Dutch names (cached: built once per year)."""
    return dict(holidays.country_holidays(COUNTRY, years=year, language="nl").items())


def holiday_name(day: date) -> str | None:
    """ "Koningsdag" for 27 April 2027; None on an ordinary day (weekends included)."""
    return _holidays_of(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def next_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the first working day after it."""
    for _ in range(_MAX_DAYS_OFF_IN_A_ROW):
        if is_working_day(day):
            return day
        day += timedelta(days=1)
    return day


def previous_working_day(day: date) -> date:
    """``day`` itself when it is a working day, else the last working day before it."""
    for _ in range(_MAX_DAYS_OFF_IN_A_ROW):
        if is_working_day(day):
            return day
        day -= timedelta(days=1)
    return day


def on_next_working_day(moment: datetime) -> datetime:
    """The same local wall-clock time on the first working day from ``moment``'s local date."""
    if moment.tzinfo is None:
        raise ValueError("on_next_working_day needs a timezone-aware moment")
    day = moment.date()
    moved = next_working_day(day)
    if moved == day:
        return moment
    return datetime.combine(moved, moment.timetz().replace(fold=0))


def after_working_hours(start: datetime, hours: int, timezone: str) -> datetime:
    """``start`` plus ``hours`` counted on working days only (local time); 24 = one working day.

    A lead announced on Friday 16:00 is due again on Monday 16:00, not on Saturday; one
    announced on Monday 26 April 2027 16:00 on Wednesday 28 April 16:00 (Koningsdag does not
    count), and the result never falls on a weekend or holiday.
    """
    local = start.astimezone(ZoneInfo(timezone))
    left = timedelta(hours=hours)
    step = timedelta(minutes=30)
    while left > timedelta(0):
        chunk = min(step, left)
        if is_working_day(local.date()):
            left -= chunk
        local += chunk
    while not is_working_day(local.date()):  # never due on a day off
        local += step
    return local.astimezone(start.tzinfo or ZoneInfo("UTC"))
