"""Pure lead helpers: contact checks, age bands, statuses, working days and the preview."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.leads import contact
from bot.leads.cards import LeadFacts, card_lines, consent_preview, staff_card
from bot.leads.contact import ContactInvalid
from bot.leads.status import after_working_hours, can_move, refusal


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0612345678", "+31612345678"),
        ("06-12345678", "+31612345678"),
        ("06 1234 5678", "+31612345678"),
        ("+31612345678", "+31612345678"),
        ("+31 (0)6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("0413-123456", "+31413123456"),
        ("040 123 4567", "+31401234567"),
    ],
)
def test_dutch_phone_numbers(typed: str, expected: str) -> None:
    assert contact.phone(typed) == expected


@pytest.mark.parametrize("typed", ["061234567", "12345", "+32 470 12 34 56", "0800-0113", "bel me"])
def test_bad_phone_numbers_get_a_kind_message(typed: str) -> None:
    with pytest.raises(ContactInvalid) as exc:
        contact.phone(typed)
    assert str(exc.value)[0].isupper() and "Traceback" not in str(exc.value)


def test_email_and_route_matching() -> None:
    assert contact.email(" Sam.Jansen@Example.NL ") == "sam.jansen@example.nl"
    for bad in ["sam@", "sam@example", "sam example.nl"]:
        with pytest.raises(ContactInvalid):
            contact.email(bad)
    with pytest.raises(ContactInvalid, match="e-mailadres"):
        contact.detail_for_route("phone", "sam@example.nl")
    with pytest.raises(ContactInvalid, match="telefoonnummer"):
        contact.detail_for_route("email", "0612345678")
    assert contact.detail_for_route("parent", "mama@example.nl") == "mama@example.nl"
    assert contact.detail_for_route("mentor", "06 12345678") == "+31612345678"
    assert contact.route("via mijn moeder") == "parent"
    assert contact.route("mail maar") == "email"
    assert contact.route("hier in de chat") == "telegram"


@pytest.mark.parametrize(
    ("typed", "band"),
    [
        ("12", "12-15"),
        ("ik ben 15", "12-15"),
        ("zestien", "16-17"),
        ("17 jaar", "16-17"),
        ("25", "18-25"),
    ],
)
def test_age_bands(typed: str, band: str) -> None:
    assert contact.age_band(typed) == band


@pytest.mark.parametrize("typed", ["11", "26", "8 jaar", "oud"])
def test_ages_out_of_range(typed: str) -> None:
    with pytest.raises(ContactInvalid):
        contact.age_band(typed)


def test_parent_needed_below_sixteen_or_unknown() -> None:
    assert contact.needs_parent("12-15") and contact.needs_parent(None)
    assert contact.needs_parent(contact.SKIPPED)
    assert not contact.needs_parent("16-17") and not contact.needs_parent("18-25")


def test_status_steps() -> None:
    assert can_move("open", "claimed") and not can_move("claimed", "claimed")
    assert can_move("claimed", "signed_up") and not can_move("open", "contacted")
    assert "al opgepakt" in refusal("claimed", "claimed")


def test_one_working_day_skips_the_weekend() -> None:
    friday = datetime(2026, 3, 6, 14, 0, tzinfo=UTC)
    assert after_working_hours(friday, 24, "Europe/Amsterdam") == datetime(
        2026, 3, 9, 14, 0, tzinfo=UTC
    )


def test_preview_shows_exactly_the_card_and_escapes_html() -> None:
    facts = LeadFacts(
        public_id="ABC123",
        age_band="16-17",
        area="<b>Uden</b>",
        route="phone",
        contact="+31612345678",
        nickname="Sam",
        wishes=None,
        source=None,
        consent_kind="self",
    )
    preview = consent_preview(facts, retention_days=90)
    assert all(line in preview for line in card_lines(facts))
    assert "+31612345678" in preview and "90 dagen" in preview
    card = staff_card(facts)
    assert "&lt;b&gt;Uden&lt;/b&gt;" in card and "+31612345678" not in card and "Sam" not in card
