"""Answers built from the staff-editable facts file; missing facts are admitted, never invented.

Pure functions of :class:`bot.answers.facts.Facts` (and of Rasa's parse data for the fallback helpers), so
the Rasa actions stay thin and everything here is testable without Rasa.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.answers import texts
from bot.answers.facts import Facts

# Button payloads; "/intent" is Rasa's syntax for "the user meant this intent".
HANDOFF_PAYLOAD = "/human_handoff"
INTEREST_PAYLOAD = "/express_interest"
SOMETHING_ELSE_PAYLOAD = "/out_of_scope"

# The topics that "Bedoel je ...?" can offer (their titles: texts.INTENT_TITLES, FAQ_TITLES).
# Plain intents are pressed as "/intent"; FAQ sub-intents (retrieval intents) cannot be sent as
# "/faq/x" to Rasa, so their button sends a canonical question the NLU data holds verbatim.
FAQ_QUESTIONS: dict[str, str] = {
    # sub-intent: the canonical question sent as the payload (titles: texts.FAQ_TITLES)
    "faq/avond": "wat doen jullie op een avond",
    "faq/therapie": "is het therapie",
    "faq/moet_ik_praten": "moet ik vertellen dat ik me alleen voel",
    "faq/welkom": "ik ben best verlegen, kan ik toch komen",
    "faq/eerst_kijken": "kan ik eerst een keer komen kijken",
    "faq/aanmelden": "hoe werkt aanmelden",
    "faq/ouders_school": "moeten mijn ouders het weten",
    "faq/begeleiders": "wie zijn de begeleiders",
    "faq/groepsgrootte": "hoeveel jongeren zitten er in een groep",
    "faq/ervaringen": "wat vinden andere jongeren ervan",
    "faq/wat_met_info": "wat doet join us met wat ik vertel",
}
# Never offered as "did you mean": they are not questions about Join us.
NOT_OFFERED = frozenset(
    {"nlu_fallback", "out_of_scope", "greet", "goodbye", "thanks", "express_interest"}
)
# Topics an unanswered question can be counted under (see bot.staff.insights).
GUESSABLE_TOPICS = frozenset(texts.INTENT_TITLES) | {"express_interest"}
MAX_SUGGESTIONS = 3
MIN_SUGGESTION_CONFIDENCE = 0.05

_SAFE_LABEL = re.compile(r"^[a-z0-9_/]{1,80}$")


def contact_line(facts: Facts, *, formal: bool = False) -> str:
    parts = []
    if phone := facts.get("contact.phone"):
        parts.append(texts.CALL.format(phone=phone))
    if email := facts.get("contact.email"):
        parts.append(texts.MAIL.format(email=email))
    if not parts:
        return texts.ASK_SOMEONE_FORMAL if formal else texts.ASK_SOMEONE
    contact = texts.CONTACT_JOINUS_FORMAL if formal else texts.CONTACT_JOINUS
    return contact.format(ways=texts.OR.join(parts))


def when_where_text(facts: Facts, *, formal: bool = False) -> str:
    """The evenings' rhythm, time and place; ``formal``: for a parent or professional ("u")."""
    rhythm = facts.get("evenings.rhythm") or texts.DEFAULT_RHYTHM
    lines = [texts.EVENINGS_ARE.format(rhythm=rhythm)]
    times = facts.get("evenings.times")
    location = facts.get("evenings.location")
    if times:
        lines.append(texts.EVENING_TIME.format(times=times))
    if location:
        lines.append(texts.EVENING_PLACE.format(location=location))
    if not times or not location:
        missing = texts.AND.join(
            word
            for word, value in ((texts.WHAT_TIME, times), (texts.WHERE_EXACTLY, location))
            if not value
        )
        unsure = texts.NOT_SURE_NOW.format(missing=missing)
        lines.append(f"{unsure[:1].upper()}{unsure[1:]} {contact_line(facts, formal=formal)}")
    return " ".join(lines)


def who_is_it_for_text(facts: Facts, *, formal: bool = False) -> str:
    """Ages and age groups from the report; the current groups only when staff filled them in."""
    lines = [
        texts.WHO_IS_IT_FOR,
        texts.AGE_GROUPS,
    ]
    current = facts.get("groups.current")
    if isinstance(current, list):
        current = ", ".join(str(item) for item in current if str(item).strip())
    if current:
        lines.append(texts.CURRENT_GROUPS.format(groups=current))
    lines.append(texts.WELCOME_AS_THEY_ARE if formal else texts.WELCOME_AS_YOU_ARE)
    return " ".join(lines)


def cost_text(facts: Facts, *, formal: bool = False) -> str:
    """What taking part costs: only what staff wrote down; otherwise say so honestly."""
    cost = facts.get("evenings.cost")
    if cost:
        return texts.COST_IS.format(cost=cost)
    unknown = texts.COST_UNKNOWN_FORMAL if formal else texts.COST_UNKNOWN
    return f"{unknown} {contact_line(facts, formal=formal)}"


def handoff_text(facts: Facts) -> str:
    """How and when a person at Join us can be reached; honest when staff left it empty."""
    phone = facts.get("contact.phone")
    email = facts.get("contact.email")
    hours = facts.get("contact.office_hours")
    lines = [texts.HANDOFF_BOT_AND_HUMAN]
    if phone and email:
        lines.append(texts.HANDOFF_CALL_OR_MAIL.format(phone=phone, email=email))
    elif phone:
        lines.append(texts.HANDOFF_CALL.format(phone=phone))
    elif email:
        lines.append(texts.HANDOFF_MAIL.format(email=email))
    else:
        lines.append(texts.HANDOFF_CONTACT_UNKNOWN)
    if phone or email:
        if hours:
            lines.append(texts.HANDOFF_HOURS.format(hours=hours))
        else:
            lines.append(texts.HANDOFF_HOURS_UNKNOWN)
    lines.append(texts.HANDOFF_OR_WE_CONTACT_YOU)
    return " ".join(lines)


def handoff_buttons() -> list[dict[str, str]]:
    return [
        {"title": texts.HANDOFF_YES_BUTTON, "payload": INTEREST_PAYLOAD},
        {"title": texts.HANDOFF_NO_BUTTON, "payload": "/help"},
    ]


# --- fallback helpers ----------------------------------------------------------------------


def _ranked_names(ranking: Iterable[Mapping[str, Any]], key: str) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for item in ranking:
        name = item.get(key)
        confidence = item.get("confidence", 0.0)
        if isinstance(name, str) and isinstance(confidence, int | float):
            out.append((name, float(confidence)))
    return out


def faq_ranking(parse_data: Mapping[str, Any]) -> list[tuple[str, float]]:
    """The ResponseSelector's ranking of FAQ sub-intents (``faq/...``), best first."""
    selector = parse_data.get("response_selector") or {}
    faq = selector.get("faq") or selector.get("default") or {}
    ranking = faq.get("ranking") or []
    return [
        (name, conf)
        for name, conf in _ranked_names(ranking, "intent_response_key")
        if name.startswith("faq/")
    ]


def suggestions(
    parse_data: Mapping[str, Any], limit: int = MAX_SUGGESTIONS
) -> list[dict[str, str]]:
    """Buttons for the most likely topics of a message Rasa was unsure about (best first).

    ``faq`` is expanded into its most likely sub-intent; topics without a Dutch title and
    near-zero guesses are skipped, so the list may be shorter than ``limit`` (even empty).
    """
    buttons: list[dict[str, str]] = []
    seen: set[str] = set()
    for name, confidence in _ranked_names(parse_data.get("intent_ranking") or [], "name"):
        if len(buttons) >= limit:
            break
        if name in NOT_OFFERED or confidence < MIN_SUGGESTION_CONFIDENCE:
            continue
        if name == "faq":
            for sub, _ in faq_ranking(parse_data)[:1]:
                if sub in FAQ_QUESTIONS and sub not in seen:
                    title, question = texts.FAQ_TITLES[sub], FAQ_QUESTIONS[sub]
                    buttons.append({"title": title, "payload": question})
                    seen.add(sub)
            continue
        if name in texts.INTENT_TITLES and name not in seen:
            buttons.append({"title": texts.INTENT_TITLES[name], "payload": f"/{name}"})
            seen.add(name)
    return buttons


def affirmation_message(parse_data: Mapping[str, Any]) -> tuple[str, list[dict[str, str]]]:
    """ "Bedoel je ...?" with the likely topics plus "Iets anders"."""
    buttons = suggestions(parse_data)
    text = texts.DID_YOU_MEAN if buttons else texts.DID_YOU_MEAN_NOTHING
    buttons.append({"title": texts.SOMETHING_ELSE_BUTTON, "payload": SOMETHING_ELSE_PAYLOAD})
    return text, buttons


def topic_guess(parse_data: Mapping[str, Any]) -> str:
    """Best guess of which Join us topic a message was about: a topic label or ``unknown``.

    Only topics staff can add answers for count (form and chit-chat intents are skipped), and
    only a label from our own model is returned, never the user's words, so it can be counted
    without keeping message text.
    """
    for name, _ in _ranked_names(parse_data.get("intent_ranking") or [], "name"):
        if name == "faq":
            subs = faq_ranking(parse_data)
            return safe_label(subs[0][0]) if subs else "faq"
        if name in GUESSABLE_TOPICS:
            return name
    return "unknown"


def safe_label(name: str) -> str:
    """An intent label as stored: lower-case identifier characters only, else ``unknown``."""
    name = name.strip().lower()
    return name if _SAFE_LABEL.match(name) else "unknown"


def last_missed_message(events: Sequence[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """Parse data of the most recent user message that fell below the NLU threshold."""
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        data = event.get("parse_data") or {}
        if (data.get("intent") or {}).get("name") == "nlu_fallback":
            return data  # type: ignore[no-any-return]
    return None
