"""Who is writing (issue 10): a parent or a professional named by their own words.

Pure Python (no Rasa import), used by ``engine/role_component.py`` inside the NLU pipeline and
tested in ``tests/unit/test_role_markers.py``. The patterns are the regexes of
``nlu_data/roles.yml`` (also RegexFeaturizer features): one home for them.

DIET weighs a role marker against everything else in a message, and a parent's question about
cost or times looks like a young person's. Here a clear marker decides who the answer is for:
"mijn zoon ..." is never answered as if a young person asked, "ik ben huisarts ..." never gets
the young person's or the school staff's answer. Without a marker, DIET's intent stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

PARENT = "parent_marker"
PROFESSIONAL = "professional_self"
SCHOOL = "school_marker"
MARKERS = (PARENT, PROFESSIONAL, SCHOOL)

# Intents whose answer is written for a young person or for school staff: a marked parent or
# professional gets their own answer instead. Small talk, privacy, handoff, out of scope
# and the form's own intents are left alone.
_YOUTH = frozenset(
    {
        "faq",
        "feeling",
        "cost",
        "when_where",
        "who_is_it_for",
        "what_is_joinus",
        "express_interest",
        "think_about_it",
        "youth_role",
    }
)
_SCHOOL = frozenset(
    {"school_role", "school_faq", "school_refer", "school_presentation", "school_material_request"}
)
# Predictions that mean "how do I sign someone up": the parent's or professional's own version.
_SIGNUP = frozenset({"express_interest", "school_refer", "parent_signup", "professional_refer"})
_SIGNUP_ANSWERS = frozenset({"faq/aanmelden", "school_faq/how_refer"})


def compile_markers(patterns: Mapping[str, Iterable[str]]) -> dict[str, list[re.Pattern[str]]]:
    return {
        name: [re.compile(p, re.IGNORECASE) for p in patterns.get(name, ())] for name in MARKERS
    }


def found(markers: Mapping[str, Sequence[re.Pattern[str]]], text: str) -> set[str]:
    return {name for name, pats in markers.items() if any(p.search(text) for p in pats)}


def role_intent(
    markers: Mapping[str, Sequence[re.Pattern[str]]],
    text: str,
    intent: str,
    answer: str | None = None,
    ranking: Sequence[str] = (),
) -> str | None:
    """The parent's or professional's intent for this message, or None to keep ``intent``.

    ``answer`` is the retrieval answer picked for a retrieval intent (``faq/aanmelden``);
    ``ranking`` is DIET's intent ranking, used to choose between the two intents of a role.
    """
    if not text or text.startswith("/"):
        return None
    marks = found(markers, text)
    if PARENT in marks:
        role, targets = "parent", _YOUTH | _SCHOOL
    elif PROFESSIONAL in marks and SCHOOL not in marks:
        role, targets = "professional", _YOUTH | _SCHOOL
    else:
        return None
    if intent not in targets:
        return None
    general, signup = (
        ("parent_role", "parent_signup")
        if role == "parent"
        else ("professional_role", "professional_refer")
    )
    if intent in _SIGNUP or answer in _SIGNUP_ANSWERS:
        return signup
    for name in ranking:
        if name in (general, signup):
            return name
    return general
