"""Pure helpers of bot/answers/youth.py: facts present -> used, facts missing -> admitted, never invented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.answers import youth as answers
from bot.answers.facts import Facts


def make_facts(tmp_path: Path, data: dict[str, Any]) -> Facts:
    path = tmp_path / "facts.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return Facts(path)


FULL = {
    "evenings": {"times": "19:00 - 21:00", "location": "De Blauwe Kei, Veghel", "cost": "gratis"},
    "contact": {"phone": "0413 123456", "email": "info@example.org", "office_hours": "ma-do 9-17"},
    "groups": {"current": ["12-15 jaar Veghel", "18-25 jaar Uden"]},
}


def test_when_where_with_and_without_facts(tmp_path: Path) -> None:
    full = answers.when_where_text(make_facts(tmp_path, FULL))
    assert "19:00 - 21:00" in full and "De Blauwe Kei" in full and "weet ik niet" not in full
    empty = answers.when_where_text(make_facts(tmp_path, {}))
    assert "om de twee weken op vrijdagavond" in empty
    assert "weet ik niet zeker" in empty


def test_cost_present_and_missing(tmp_path: Path) -> None:
    assert "gratis" in answers.cost_text(make_facts(tmp_path, FULL))
    missing = answers.cost_text(make_facts(tmp_path, {"evenings": {"cost": ""}}))
    assert "weet ik niet zeker" in missing
    assert "gratis" not in missing  # never invented
    assert "ik wil met iemand praten" in missing  # contact offered


def test_who_is_it_for_lists_current_groups_only_when_known(tmp_path: Path) -> None:
    full = answers.who_is_it_for_text(make_facts(tmp_path, FULL))
    assert "12 tot 25" in full and "12-15 jaar Veghel, 18-25 jaar Uden" in full
    bare = answers.who_is_it_for_text(make_facts(tmp_path, {}))
    assert "12 tot 18" in bare and "18 tot 25" in bare and "Nu zijn er" not in bare


def test_handoff_with_contact_and_office_hours(tmp_path: Path) -> None:
    text = answers.handoff_text(make_facts(tmp_path, FULL))
    assert "0413 123456" in text and "info@example.org" in text and "ma-do 9-17" in text
    assert "nergens aan vast" in text


def test_handoff_without_contact_is_honest(tmp_path: Path) -> None:
    text = answers.handoff_text(make_facts(tmp_path, {"contact": {"phone": "", "email": ""}}))
    assert "heb ik nu niet" in text
    assert "@" not in text and "bereikbaar" not in text


def test_handoff_phone_without_hours(tmp_path: Path) -> None:
    text = answers.handoff_text(make_facts(tmp_path, {"contact": {"phone": "0413 1"}}))
    assert "Bel 0413 1." in text and "weet ik niet" in text


def test_handoff_buttons_offer_interest_without_pressure() -> None:
    payloads = [b["payload"] for b in answers.handoff_buttons()]
    assert payloads == ["/express_interest", "/help"]


def _parse(
    ranking: list[tuple[str, float]], faq: list[tuple[str, float]] | None = None
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "intent": {"name": ranking[0][0], "confidence": ranking[0][1]},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
    }
    if faq is not None:
        data["response_selector"] = {
            "faq": {"ranking": [{"intent_response_key": n, "confidence": c} for n, c in faq]}
        }
    return data


def test_suggestions_skip_fallback_and_chitchat_and_map_titles() -> None:
    data = _parse(
        [("nlu_fallback", 0.5), ("cost", 0.4), ("greet", 0.3), ("when_where", 0.2), ("help", 0.1)]
    )
    buttons = answers.suggestions(data)
    assert buttons == [
        {"title": "Wat kost het?", "payload": "/cost"},
        {"title": "Wanneer en waar?", "payload": "/when_where"},
        {"title": "Wat kan ik vragen?", "payload": "/help"},
    ]


def test_suggestions_expand_faq_into_its_canonical_question() -> None:
    data = _parse(
        [("nlu_fallback", 0.4), ("faq", 0.35), ("cost", 0.2)], faq=[("faq/therapie", 0.9)]
    )
    buttons = answers.suggestions(data)
    assert buttons[0] == {"title": "Is het therapie?", "payload": "is het therapie"}
    assert buttons[1]["payload"] == "/cost"


def test_suggestions_drop_near_zero_guesses() -> None:
    data = _parse([("nlu_fallback", 0.9), ("cost", 0.01)])
    assert answers.suggestions(data) == []


def test_affirmation_message_always_ends_with_something_else() -> None:
    text, buttons = answers.affirmation_message(_parse([("nlu_fallback", 0.5), ("cost", 0.4)]))
    assert text.endswith("Bedoel je een van deze?")
    assert buttons[-1] == {"title": "Iets anders", "payload": "/out_of_scope"}
    text, buttons = answers.affirmation_message({})
    assert "iets anders" in text and buttons == [
        {"title": "Iets anders", "payload": "/out_of_scope"}
    ]


def test_every_faq_canonical_question_is_in_the_training_data() -> None:
    """A "Bedoel je" button for an FAQ sends its question as text: it must be a known example."""
    data = yaml.safe_load(Path("nlu_data/faq.yml").read_text(encoding="utf-8"))
    examples = {
        item["intent"]: {line.strip()[2:].strip() for line in item["examples"].splitlines()}
        for item in data["nlu"]
    }
    for sub, question in answers.FAQ_QUESTIONS.items():
        assert question in examples[sub], sub


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_parse([("nlu_fallback", 0.5), ("cost", 0.3)]), "cost"),
        (_parse([("out_of_scope", 0.8), ("when_where", 0.1)]), "when_where"),
        (_parse([("faq", 0.6)], faq=[("faq/avond", 0.7)]), "faq/avond"),
        ({}, "unknown"),
        (_parse([("nlu_fallback", 0.5), ("Ik wil dood", 0.3)]), "unknown"),
        (_parse([("out_of_scope", 0.8), ("decline", 0.1), ("cost", 0.05)]), "cost"),
        (_parse([("nlu_fallback", 0.5), ("greet", 0.3)]), "unknown"),
    ],
)
def test_topic_guess_is_a_label_never_text(data: dict[str, Any], expected: str) -> None:
    assert answers.topic_guess(data) == expected


def test_last_missed_message_finds_the_fallback_turn() -> None:
    missed = _parse([("nlu_fallback", 0.4), ("cost", 0.3)])
    events: list[dict[str, Any]] = [
        {"event": "user", "parse_data": missed},
        {"event": "action", "name": "action_two_stage_fallback"},
        {"event": "user", "parse_data": _parse([("out_of_scope", 1.0)])},
    ]
    assert answers.last_missed_message(events) is missed
    assert answers.last_missed_message(events[2:]) is None
