"""Issue 10: a clear parent or professional marker decides who the answer is for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from engine.role_markers import compile_markers, role_intent

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def markers() -> dict[str, list[re.Pattern[str]]]:
    data = yaml.safe_load((ROOT / "nlu_data" / "roles.yml").read_text(encoding="utf-8"))
    patterns = {
        block["regex"]: [
            line[2:] for line in block["examples"].splitlines() if line.startswith("- ")
        ]
        for block in data["nlu"]
        if "regex" in block
    }
    return compile_markers(patterns)


@pytest.mark.parametrize(
    ("text", "intent", "answer", "expected"),
    [
        ("wat kost het voor mijn dochter", "cost", None, "parent_role"),
        ("hoe laat is het klaar? ik haal mijn zoon op", "when_where", None, "parent_role"),
        ("kan ik mijn kind aanmelden", "faq", "faq/aanmelden", "parent_signup"),
        ("als moeder wil ik weten wat jullie doen", "what_is_joinus", None, "parent_role"),
        (
            "ik ben huisarts, is dit ook voor jongeren met autisme",
            "faq",
            "faq/welkom",
            "professional_role",
        ),
        (
            "kunnen jullie iets vertellen bij ons wijkteam, ik werk bij het cjg",
            "school_presentation",
            None,
            "professional_role",
        ),
        ("hoe verwijs ik een cliënt", "school_refer", None, "professional_refer"),
    ],
)
def test_a_marked_parent_or_professional_gets_their_own_intent(
    markers: dict[str, list[re.Pattern[str]]],
    text: str,
    intent: str,
    answer: str | None,
    expected: str,
) -> None:
    assert role_intent(markers, text, intent, answer) == expected


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("mag mijn moeder mee de eerste keer", "faq"),  # a young person about their parent
        ("ik ben ouder dan 18, mag ik komen", "who_is_it_for"),
        ("kan mijn vader mij aanmelden", "faq"),
        ("ik ben orthopedagoog op een school", "school_role"),  # school staff stay school staff
        (
            "mijn psycholoog zei dat ik moest komen",
            "who_is_it_for",
        ),  # a young person's own therapist
        ("mijn zoon is jarig, bedankt", "thanks"),  # small talk is left alone
        ("/faq", "faq"),
    ],
)
def test_no_marker_or_no_role_question_keeps_the_intent(
    markers: dict[str, list[re.Pattern[str]]], text: str, intent: str
) -> None:
    assert role_intent(markers, text, intent) is None


def test_ranking_chooses_between_the_two_intents_of_a_role(
    markers: dict[str, list[re.Pattern[str]]],
) -> None:
    ranking = ["faq", "parent_signup", "parent_role"]
    assert (
        role_intent(markers, "mijn zoon wil graag meedoen", "faq", "faq/eerst_kijken", ranking)
        == "parent_signup"
    )
