"""Dates that staff and coaches type ("vrijdag", "morgen", "24 oktober", "24-10", "over twee weken").

Parsed by dateparser (Dutch) relative to today's date in Europe/Amsterdam (the caller's
``today``), with the settings a due date needs: a day without a year is the next such day
(``PREFER_DATES_FROM: future``), numbers are day-month (``DATE_ORDER: DMY``). Around it, only
what dateparser does not read in Dutch: number words ("twee weken"), ordinals ("1e"), and
"komende/volgende vrijdag", "volgende week vrijdag". A month or year alone ("oktober") and a
bare number ("13") are refused: too vague for a due date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from dateparser.date import DateDataParser

from bot.core import texts
from bot.core.errors import JoinUsError

MAX_WORDS = 4  # "vrijdag 24 oktober 2027"; longer runs are never one date

_NUMBER_WORDS = {
    "een": "1",
    "één": "1",
    "twee": "2",
    "drie": "3",
    "vier": "4",
    "vijf": "5",
    "zes": "6",
    "zeven": "7",
    "acht": "8",
    "negen": "9",
    "tien": "10",
    "elf": "11",
    "twaalf": "12",
}
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
_ORDINAL = re.compile(r"\b(\d{1,2})(?:ste|de|e)\b")
_UPCOMING = re.compile(r"^(?:komende|aanstaande|volgende|deze)\s+(?P<day>\w+)$")
_NEXT_WEEK = re.compile(r"^(?:volgende week\s+(?P<a>\w+)|(?P<b>\w+)\s+volgende week)$")
_BARE_NUMBER = re.compile(r"^\d+$")
_ISO = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


class DateNotUnderstood(JoinUsError):
    """What was typed is not one day; the message is Dutch, for the person who typed it."""

    def __init__(self, typed: str, *, leading: bool = False) -> None:
        self.typed = typed
        if not typed:
            message = texts.DATE_MISSING.format(examples=texts.DATE_EXAMPLES)
        elif leading:
            message = texts.DATE_NOT_AT_START.format(typed=typed, examples=texts.DATE_EXAMPLES)
        else:
            message = texts.DATE_NOT_UNDERSTOOD.format(typed=typed, examples=texts.DATE_EXAMPLES)
        super().__init__(message)


def _parser(base: date, prefer: str) -> DateDataParser:
    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": prefer,
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": datetime.combine(base, time()),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["nl"], settings=settings)


def _normalise(text: str) -> str:
    words = text.lower().replace(",", " ").split()
    joined = " ".join(_NUMBER_WORDS.get(w, w) for w in words).rstrip(".")
    return _ORDINAL.sub(r"\1", joined)


def _dateparser_day(text: str, today: date) -> date | None:
    """One day from dateparser, or None when it reads no day (or only a month or year)."""
    data = _parser(today, "future").get_date_data(text)
    parsed: datetime | None = data.date_obj
    if parsed is None or data.period not in ("day", "week"):
        return None
    day = parsed.date()
    if day == _same_day_next_year(today):
        # "20-11" typed on 20 November is today, not next year (dateparser's "future"
        # counts today's date as past); a typed year keeps its year.
        current: datetime | None = _parser(today, "current_period").get_date_data(text).date_obj
        if current is not None and current.date() == today:
            return today
    return day


def _same_day_next_year(today: date) -> date | None:
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return None


def _read(text: str, today: date) -> date | None:
    if _BARE_NUMBER.match(text):
        return None
    if _ISO.match(text):
        try:
            return date.fromisoformat("-".join(part.zfill(2) for part in text.split("-")))
        except ValueError:
            return None
    next_week = _NEXT_WEEK.match(text)
    if next_week:
        name = next_week.group("a") or next_week.group("b")
        if name not in WEEKDAYS:
            return None
        monday = today + timedelta(days=7 - today.weekday())
        return monday + timedelta(days=WEEKDAYS.index(name))
    upcoming = _UPCOMING.match(text)
    if upcoming and upcoming.group("day") in WEEKDAYS:
        text = upcoming.group("day")
    return _dateparser_day(text, today)


def parse_day(text: str, today: date) -> date:
    """The one day ``text`` names, relative to ``today``; else DateNotUnderstood."""
    typed = " ".join(text.split())
    day = _read(_normalise(typed), today) if typed else None
    if day is None:
        raise DateNotUnderstood(typed)
    return day


def _is_date_word(word: str, today: date) -> bool:
    """A year ("2027") or a word that is a date by itself ("vrijdag"), unlike "met" or "de"."""
    if re.fullmatch(r"\d{4}", word):
        return True
    try:
        parse_day(word, today)
    except DateNotUnderstood:
        return False
    return True


def split_day(words: Sequence[str], today: date, *, keep: int = 1) -> tuple[date, list[str]]:
    """The date at the start of ``words`` and the words after it (at least ``keep`` of them).

    For commands with a date followed by free text ("24 oktober Flyers uitdelen"): the longest
    leading run of words that reads as one day, where each word adds to the date (changes it,
    or is a date word itself), so a title that starts with "met" or with a number ("2 flyers")
    keeps its first word.
    """
    best: tuple[date, int] | None = None
    previous: date | None = None
    for length in range(1, min(MAX_WORDS, len(words) - keep) + 1):
        prefix = words[:length]
        last = prefix[-1]
        try:
            day = parse_day(" ".join(prefix), today)
        except DateNotUnderstood:
            previous = None
            continue
        adds = length == 1 or day != previous or _is_date_word(last, today)
        if adds and not (length > 1 and re.fullmatch(r"\d{1,2}", last)):
            best = (day, length)
        previous = day
    if best is None:
        raise DateNotUnderstood(" ".join(words), leading=True)
    day, length = best
    return day, list(words[length:])
