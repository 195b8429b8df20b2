"""Answers built from the staff-editable facts file; missing facts are admitted, never invented.

Pure functions of :class:`bot.answers.facts.Facts` (and of Rasa's parse data for the fallback helpers), so
the Rasa actions stay thin and everything here is testable without Rasa.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from bot.answers.facts import Facts

UNKNOWN_CONTACT = "Dat weet ik niet precies. Vraag het gerust aan iemand van Join us: typ 'ik wil met iemand praten'."

# Button payloads; "/intent" is Rasa's syntax for "the user meant this intent".
HANDOFF_PAYLOAD = "/human_handoff"
INTEREST_PAYLOAD = "/express_interest"
SOMETHING_ELSE_PAYLOAD = "/out_of_scope"

# Dutch titles of the topics that "Bedoel je ...?" can offer. Plain intents are pressed as
# "/intent"; FAQ sub-intents (retrieval intents) cannot be sent as "/faq/x" to Rasa, so their
# button sends a canonical question that the NLU training data contains verbatim.
INTENT_TITLES: dict[str, str] = {
    "what_is_joinus": "Wat is Join us?",
    "who_is_it_for": "Voor wie is het?",
    "when_where": "Wanneer en waar?",
    "cost": "Wat kost het?",
    "human_handoff": "Met iemand praten",
    "privacy": "Privacy en anoniem",
    "help": "Wat kan ik vragen?",
    "bot_challenge": "Ben jij een bot?",
}
FAQ_QUESTIONS: dict[str, tuple[str, str]] = {
    # sub-intent: (button title, canonical question sent as the payload)
    "faq/avond": ("Wat doe je op een avond?", "wat doen jullie op een avond"),
    "faq/therapie": ("Is het therapie?", "is het therapie"),
    "faq/moet_ik_praten": ("Moet ik over mezelf praten?", "moet ik vertellen dat ik me alleen voel"),
    "faq/welkom": ("Ik ben verlegen of zenuwachtig", "ik ben best verlegen, kan ik toch komen"),
    "faq/eerst_kijken": ("Kan ik eerst komen kijken?", "kan ik eerst een keer komen kijken"),
    "faq/aanmelden": ("Hoe meld ik me aan?", "hoe werkt aanmelden"),
    "faq/ouders_school": ("Moeten ouders of school het weten?", "moeten mijn ouders het weten"),
    "faq/begeleiders": ("Wie zijn de begeleiders?", "wie zijn de begeleiders"),
    "faq/groepsgrootte": ("Hoe groot is een groep?", "hoeveel jongeren zitten er in een groep"),
    "faq/ervaringen": ("Wat vinden anderen ervan?", "wat vinden andere jongeren ervan"),
    "faq/wat_met_info": ("Wat doet Join us met wat ik vertel?", "wat doet join us met wat ik vertel"),
}
# Never offered as "did you mean": they are not questions about Join us.
NOT_OFFERED = frozenset(
    {"nlu_fallback", "out_of_scope", "greet", "goodbye", "thanks", "express_interest"}
)
# Topics an unanswered question can be counted under (see bot.staff.insights).
GUESSABLE_TOPICS = frozenset(INTENT_TITLES) | {"express_interest"}
MAX_SUGGESTIONS = 3
MIN_SUGGESTION_CONFIDENCE = 0.05

_SAFE_LABEL = re.compile(r"^[a-z0-9_/]{1,80}$")


def contact_line(facts: Facts) -> str:
    parts = []
    if phone := facts.get("contact.phone"):
        parts.append(f"bellen naar {phone}")
    if email := facts.get("contact.email"):
        parts.append(f"mailen naar {email}")
    if not parts:
        return "Je kunt het ook vragen aan iemand van Join us: typ 'ik wil met iemand praten'."
    return "Je kunt Join us ook " + " of ".join(parts) + "."


def when_where_text(facts: Facts) -> str:
    rhythm = facts.get("evenings.rhythm") or "om de twee weken op vrijdagavond"
    lines = [f"De groepsavonden zijn {rhythm}."]
    times = facts.get("evenings.times")
    location = facts.get("evenings.location")
    if times:
        lines.append(f"Tijd: {times}.")
    if location:
        lines.append(f"Plek: {location}.")
    if not times or not location:
        missing = " en ".join(
            word for word, value in (("hoe laat", times), ("waar precies", location)) if not value
        )
        lines.append(f"{missing.capitalize()} het nu is, weet ik niet zeker. {contact_line(facts)}")
    return " ".join(lines)


def who_is_it_for_text(facts: Facts) -> str:
    """Ages and age groups from the report; the current groups only when staff filled them in."""
    lines = [
        "Join us is voor jongeren van 12 tot 25 jaar die meer contact met andere jongeren willen "
        "en daar wel wat hulp bij kunnen gebruiken.",
        "Er zijn groepen voor 12 tot 18 jaar en voor 18 tot 25 jaar.",
    ]
    current = facts.get("groups.current")
    if isinstance(current, list):
        current = ", ".join(str(item) for item in current if str(item).strip())
    if current:
        lines.append(f"Nu zijn er deze groepen: {current}.")
    lines.append("Je bent welkom zoals je bent. 🙂")
    return " ".join(lines)


def cost_text(facts: Facts) -> str:
    """What taking part costs: only what staff wrote down; otherwise say so honestly."""
    cost = facts.get("evenings.cost")
    if cost:
        return f"Meedoen aan Join us kost: {cost}."
    return (
        "Wat meedoen nu kost, weet ik niet zeker. In 2018 betaalden de gemeenten de avonden, "
        f"maar vraag het voor de zekerheid even na. {contact_line(facts)}"
    )


def handoff_text(facts: Facts) -> str:
    """How and when a person at Join us can be reached; honest when staff left it empty."""
    phone = facts.get("contact.phone")
    email = facts.get("contact.email")
    hours = facts.get("contact.office_hours")
    lines = ["Ik ben een bot, maar je kunt ook met een mens van Join us praten."]
    if phone and email:
        lines.append(f"Bel {phone} of mail naar {email}.")
    elif phone:
        lines.append(f"Bel {phone}.")
    elif email:
        lines.append(f"Mail naar {email}.")
    else:
        lines.append("Het telefoonnummer en e-mailadres van Join us heb ik nu niet, sorry.")
    if phone or email:
        if hours:
            lines.append(f"Je kunt ze bereiken: {hours}.")
        else:
            lines.append("Wanneer ze precies bereikbaar zijn, weet ik niet.")
    lines.append(
        "Wil je liever dat iemand van Join us contact met jou opneemt? Dat kan ook. "
        "Je zit nergens aan vast."
    )
    return " ".join(lines)


def handoff_buttons() -> list[dict[str, str]]:
    return [
        {"title": "Ja, neem contact met me op", "payload": INTEREST_PAYLOAD},
        {"title": "Nee, ik heb nog een vraag", "payload": "/help"},
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


def suggestions(parse_data: Mapping[str, Any], limit: int = MAX_SUGGESTIONS) -> list[dict[str, str]]:
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
                    title, question = FAQ_QUESTIONS[sub]
                    buttons.append({"title": title, "payload": question})
                    seen.add(sub)
            continue
        if name in INTENT_TITLES and name not in seen:
            buttons.append({"title": INTENT_TITLES[name], "payload": f"/{name}"})
            seen.add(name)
    return buttons


def affirmation_message(parse_data: Mapping[str, Any]) -> tuple[str, list[dict[str, str]]]:
    """ "Bedoel je ...?" with the likely topics plus "Iets anders"."""
    buttons = suggestions(parse_data)
    if buttons:
        text = "Ik weet niet zeker of ik je goed begrijp. Bedoel je een van deze?"
    else:
        text = "Ik weet niet zeker of ik je goed begrijp. Gaat je vraag over iets anders?"
    buttons.append({"title": "Iets anders", "payload": SOMETHING_ELSE_PAYLOAD})
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
