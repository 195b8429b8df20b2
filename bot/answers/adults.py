"""Answers for parents and professionals outside school (issue 10): formal Dutch ("u").

Pure functions of the facts file, like bot/answers/youth.py. Facts come from the 2018 report (§2.4,
§3, §4.6: who signs young people up, the get-acquainted talk, voluntary, no care indication);
times, place, cost and contact from ``content/facts.yml``, admitted when unknown.
"""

from __future__ import annotations

from bot.answers import texts
from bot.answers.facts import Facts

PARENT = "parent"
PROFESSIONAL = "professional"
ROLES = frozenset({PARENT, PROFESSIONAL})
EVENING_QUESTION = "wat doen jullie op een avond"


def contact_formal(facts: Facts) -> str:
    """How to reach Join us, or an honest 'not at hand'."""
    parts = [
        texts.CONTACT_LINE.format(label=label, value=facts.get(fact))
        for fact, label in texts.CONTACT_FORMAL_LABELS.items()
        if facts.get(fact)
    ]
    if not parts:
        return texts.CONTACT_FORMAL_UNKNOWN
    return texts.CONTACT_FORMAL + ", ".join(parts) + "."


def practical(facts: Facts) -> str:
    """Rhythm, times, place and cost: what staff filled in, and honestly what is not known."""
    rhythm = facts.get("evenings.rhythm") or texts.DEFAULT_RHYTHM
    lines = [texts.EVENINGS_ARE.format(rhythm=rhythm)]
    known = [
        texts.PRACTICAL_KNOWN.format(label=label, value=facts.get(fact))
        for fact, label in texts.PRACTICAL_LABELS.items()
        if facts.get(fact)
    ]
    lines.extend(known)
    missing = [
        word
        for word, key in (
            (texts.THE_TIMES, "evenings.times"),
            (texts.THE_PLACE, "evenings.location"),
            (texts.THE_COST, "evenings.cost"),
        )
        if not facts.get(key)
    ]
    if missing:
        listed = ", ".join(missing[:-1]) + (texts.AND if len(missing) > 1 else "") + missing[-1]
        lines.append(texts.PRACTICAL_UNKNOWN.format(missing=listed))
        if not facts.get("evenings.cost"):
            lines.append(texts.COST_IN_2018)
    return " ".join(lines)


def parent_text(facts: Facts) -> str:
    return texts.PARENT_ANSWER.format(practical=practical(facts))


def parent_buttons() -> list[dict[str, str]]:
    return [
        {"title": texts.PARENT_SIGNUP_BUTTON, "payload": "/parent_signup"},
        {"title": texts.EVENING_BUTTON, "payload": EVENING_QUESTION},
        {"title": texts.CONTACT_JOINUS_BUTTON, "payload": "/human_handoff"},
    ]


def parent_signup_text(facts: Facts) -> str:
    return texts.PARENT_SIGNUP.format(contact=contact_formal(facts))


def parent_signup_buttons() -> list[dict[str, str]]:
    return [
        {"title": texts.WHAT_IS_IT_FOR_MY_CHILD_BUTTON, "payload": "/parent_role"},
        {"title": texts.CONTACT_JOINUS_BUTTON, "payload": "/human_handoff"},
    ]


def professional_text(facts: Facts) -> str:
    return texts.PROFESSIONAL_ANSWER.format(contact=contact_formal(facts))


def professional_buttons() -> list[dict[str, str]]:
    return [
        {"title": texts.HOW_TO_REFER_BUTTON, "payload": "/professional_refer"},
        {"title": texts.EVENING_BUTTON, "payload": EVENING_QUESTION},
        {"title": texts.CONTACT_JOINUS_BUTTON, "payload": "/human_handoff"},
    ]


def professional_refer_text(facts: Facts) -> str:
    return texts.PROFESSIONAL_REFER.format(contact=contact_formal(facts))


def professional_refer_buttons() -> list[dict[str, str]]:
    return [
        {"title": texts.INTENT_TITLES["what_is_joinus"], "payload": "/professional_role"},
        {"title": texts.CONTACT_JOINUS_BUTTON, "payload": "/human_handoff"},
    ]


def adult_contact_text(facts: Facts) -> str:
    """'Ik wil iemand spreken' from a parent or professional: contact, no youth interest form."""
    return texts.ADULT_CONTACT.format(contact=contact_formal(facts))
