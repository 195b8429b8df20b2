"""Pure helpers for what ambassadors and coaches type and read: hours, dates, Dutch day names."""

from __future__ import annotations

import re
from datetime import date

from bot.core.errors import AmbassadorError

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

# One activity rarely takes longer; a typo like "20" instead of "2,0" is caught here.
MAX_MINUTES_PER_ENTRY = 12 * 60

_HOURS = re.compile(r"^\s*(\d{1,2})(?:[.,](\d{1,2}))?\s*(?:u|uur|h)?\s*$", re.IGNORECASE)
_DAY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{2,4}))?\s*$")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_hours(text: str) -> int:
    """"2", "1,5", "1.5u", "0,25 uur" -> minutes (rounded to whole minutes)."""
    match = _HOURS.match(text)
    if not match:
        raise AmbassadorError("Typ het aantal uren als getal, bijvoorbeeld 2 of 1,5.")
    whole: str = match.group(1)
    fraction: str = match.group(2) or "0"
    minutes: int = round((int(whole) + int(fraction) / 10 ** len(fraction)) * 60)
    if not 0 < minutes <= MAX_MINUTES_PER_ENTRY:
        raise AmbassadorError("Dat aantal uren klopt niet helemaal: kies iets tussen 0,25 en 12.")
    return minutes


def parse_day(text: str, today: date) -> date:
    """"24-10", "24/10/2026", "2026-10-24" -> a date; without a year, the next such day."""
    try:
        iso = _ISO_DAY.match(text)
        if iso:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        match = _DAY.match(text)
        if match:
            day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
            if year:
                full_year = int(year) + (2000 if len(year) == 2 else 0)
                return date(full_year, month, day)
            candidate = date(today.year, month, day)
            return candidate if candidate >= today else date(today.year + 1, month, day)
    except ValueError:
        pass
    raise AmbassadorError("Die datum snap ik niet. Typ hem zo: 24-10 of 24-10-2026.")


def format_day(day: date) -> str:
    """"vrijdag 24 oktober"."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def format_hours(minutes: int) -> str:
    """120 -> "2", 90 -> "1,5", 20 -> "0,33"."""
    hours = minutes / 60
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
