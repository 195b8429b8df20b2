"""Pure helpers for what ambassadors and coaches type and read: hours and dates."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bot.ambassadors.texts import (
    HOURS_NOT_UNDERSTOOD,
    HOURS_OUT_OF_RANGE,
    MONTHS,
    WEEKDAYS,
)
from bot.core import dates
from bot.core.errors import AmbassadorError

# One activity rarely takes longer; a typo like "20" instead of "2,0" is caught here.
MAX_MINUTES_PER_ENTRY = 12 * 60

_HOURS = re.compile(r"^\s*(\d{1,2})(?:[.,](\d{1,2}))?\s*(?:u|uur|h)?\s*$", re.IGNORECASE)


def parse_hours(text: str) -> int:
    """ "2", "1,5", "1.5u", "0,25 uur" -> minutes (rounded to whole minutes)."""
    match = _HOURS.match(text)
    if not match:
        raise AmbassadorError(HOURS_NOT_UNDERSTOOD)
    whole: str = match.group(1)
    fraction: str = match.group(2) or "0"
    minutes: int = round((int(whole) + int(fraction) / 10 ** len(fraction)) * 60)
    if not 0 < minutes <= MAX_MINUTES_PER_ENTRY:
        raise AmbassadorError(HOURS_OUT_OF_RANGE)
    return minutes


def parse_day(text: str, today: date) -> date:
    """ "vrijdag", "morgen", "24 oktober", "24-10", "over twee weken" -> a date (bot/core/dates.py)."""
    try:
        return dates.parse_day(text, today)
    except dates.DateNotUnderstood as exc:
        raise AmbassadorError(str(exc)) from None


def split_day(words: Sequence[str], today: date) -> tuple[date, str]:
    """ "24 oktober Flyers uitdelen" -> (the date, "Flyers uitdelen"): a date, then a title."""
    try:
        day, rest = dates.split_day(words, today)
    except dates.DateNotUnderstood as exc:
        raise AmbassadorError(str(exc)) from None
    return day, " ".join(rest)


def format_day(day: date) -> str:
    """ "vrijdag 24 oktober"."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def format_hours(minutes: int) -> str:
    """120 -> "2", 90 -> "1,5", 20 -> "0,33"."""
    hours = minutes / 60
    text = f"{hours:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")
