"""Dates staff, coaches and ambassadors type, read by dateparser in Dutch (bot/core/dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.ambassadors import formats as ambassador_text
from bot.core.dates import DateNotUnderstood, parse_day, split_day
from bot.core.errors import AmbassadorError

FRIDAY = date(2026, 11, 20)  # "today" in these tests: Friday 20 November 2026


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("vrijdag", date(2026, 11, 27)),  # on a Friday: next week's Friday
        ("maandag", date(2026, 11, 23)),
        ("Dinsdag", date(2026, 11, 24)),
        ("komende dinsdag", date(2026, 11, 24)),
        ("volgende week vrijdag", date(2026, 11, 27)),
        ("woensdag volgende week", date(2026, 11, 25)),
        ("morgen", date(2026, 11, 21)),
        ("overmorgen", date(2026, 11, 22)),
        ("vandaag", FRIDAY),
        ("24 oktober", date(2027, 10, 24)),  # past this year: next year
        ("24 okt", date(2027, 10, 24)),
        ("1 december", date(2026, 12, 1)),
        ("1e december", date(2026, 12, 1)),
        ("za 28 nov", date(2026, 11, 28)),
        ("24 oktober 2027", date(2027, 10, 24)),
        ("24-10", date(2027, 10, 24)),
        ("24/10", date(2027, 10, 24)),
        ("24.10", date(2027, 10, 24)),
        ("3-1", date(2027, 1, 3)),
        ("24-10-2027", date(2027, 10, 24)),
        ("28-11-26", date(2026, 11, 28)),
        ("2027-02-01", date(2027, 2, 1)),  # what the console's date field sends
        ("20-11", FRIDAY),  # today's own date without a year is today, not next year
        ("over twee weken", date(2026, 12, 4)),
        ("over 2 weken", date(2026, 12, 4)),
        ("over een week", date(2026, 11, 27)),
        ("over 10 dagen", date(2026, 11, 30)),
        ("  Morgen. ", date(2026, 11, 21)),
    ],
)
def test_dutch_dates(typed: str, expected: date) -> None:
    assert parse_day(typed, FRIDAY) == expected


@pytest.mark.parametrize(
    "typed",
    ["", "blabla", "13", "oktober", "31-02", "2026-13-01", "kerstavond", "over een maand"],
)
def test_vague_or_wrong_dates_get_a_kind_dutch_error_that_quotes_them(typed: str) -> None:
    with pytest.raises(DateNotUnderstood) as caught:
        parse_day(typed, FRIDAY)
    message = str(caught.value)
    assert "24 oktober" in message and "Typ bijvoorbeeld" in message
    if typed:
        assert f"‘{typed}’" in message


@pytest.mark.parametrize(
    ("typed", "expected", "title"),
    [
        ("24 oktober Flyers uitdelen", date(2027, 10, 24), "Flyers uitdelen"),
        ("vrijdag 24 oktober presentatie", date(2027, 10, 24), "presentatie"),
        ("24 oktober 2027 evaluatie", date(2027, 10, 24), "evaluatie"),
        ("over twee weken presentatie geven", date(2026, 12, 4), "presentatie geven"),
        ("morgen met de klas praten", date(2026, 11, 21), "met de klas praten"),
        ("24-10 2 flyers", date(2027, 10, 24), "2 flyers"),
        ("volgende week vrijdag posters", date(2026, 11, 27), "posters"),
    ],
)
def test_a_date_then_a_title(typed: str, expected: date, title: str) -> None:
    day, rest = split_day(typed.split(), FRIDAY)
    assert (day, " ".join(rest)) == (expected, title)


def test_no_date_in_front_of_a_title_quotes_everything_typed() -> None:
    with pytest.raises(DateNotUnderstood, match="Vooraan in ‘eind oktober Flyers uitdelen’"):
        split_day(["eind", "oktober", "Flyers", "uitdelen"], FRIDAY)


def test_ambassador_commands_get_the_same_message_as_their_own_error() -> None:
    with pytest.raises(AmbassadorError, match="‘blabla’"):
        ambassador_text.parse_day("blabla", FRIDAY)
    assert ambassador_text.split_day(["morgen", "Flyers"], FRIDAY) == (date(2026, 11, 21), "Flyers")
