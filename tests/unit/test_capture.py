"""Which typed messages the bot process takes as a personal answer, and which go to Rasa."""

from __future__ import annotations

import pytest

from bot.pipeline.capture import is_not_an_answer, placeholder, typed_parent_code


@pytest.mark.parametrize(
    "text",
    ["stop", "Stop!", "ik wil niet meer meedoen", "waarom wil je dat weten", "wat kost het",
     "hoe werkt dat", "is het gratis?", "ik denk erover na", "laat maar", "help"],
)  # fmt: skip
def test_no_answer_goes_to_rasa(text: str) -> None:
    assert is_not_an_answer(text, contact=False)


@pytest.mark.parametrize(
    "text",
    ["Veghel", "Sam", "wat gamen en chillen", "ben graag buiten", "koken, sporten",
     "Zwijsen College Veghel", "hoeven niet veel"],
)  # fmt: skip
def test_answers_are_taken(text: str) -> None:
    assert not is_not_an_answer(text, contact=False)


def test_contact_answers_with_digits_or_at_are_always_answers() -> None:
    assert not is_not_an_answer("06 1234 5678?", contact=True)
    assert not is_not_an_answer("wat is sam@example.nl", contact=True)
    assert is_not_an_answer("wat is dat?", contact=True)


@pytest.mark.parametrize(
    ("text", "code"),
    [("K7Q2MX", "K7Q2MX"), ("mijn code is k7q2mx", "K7Q2MX"), ("code: QW7RT2.", "QW7RT2"),
     ("ik ben de ouder, code 9PXW4K", "9PXW4K"), ("ik zit in 2havo3 op school", None),
     ("hallo", None), ("ik heb 2 katten", None)],
)  # fmt: skip
def test_typed_parent_codes(text: str, code: str | None) -> None:
    assert typed_parent_code(text) == code


def test_placeholder_carries_no_value() -> None:
    assert placeholder("lead_area") == '/inform{"lead_area": "captured"}'
