"""Replies to a young person who says how they feel (issue 10): pure functions, no Rasa.

The acknowledgement itself is a Rasa response (``utter_feeling/<kind>``, several wordings); this
module builds what follows it: the first time, that they are not the only one (only where the
2018 report backs it up) and how Join us fits, with choices; when they keep talking about how
they feel, a listening reply with someone to talk to now (numbers from ``content/facts.yml``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import Any

from bot.answers.facts import Facts

FEELING = "feeling"
NERVOUS = "nervous_first_evening"
KINDS = frozenset(
    {
        "lonely",
        "no_friends",
        "left_out",
        "bullied",
        "shy",
        "new_in_town",
        "nothing_to_do",
        "different",
        "lonely_among_people",
        NERVOUS,
    }
)
# From the second message about how they feel: listen, and point to someone to talk to now.
LISTEN_FROM = 2
YOUNG_BANDS = frozenset({"12-15", "16-17"})
ADULT_BANDS = frozenset({"18-25"})

# A canonical question the FAQ training data holds verbatim (see bot/answers.FAQ_QUESTIONS).
EVENING_QUESTION = "wat doen jullie op een avond"
FIRST_LOOK_QUESTION = "kan ik eerst een keer komen kijken"

# GGD Brabant-Zuidoost, Jeugdmonitor 2015 (report §2.1): 22% of 12-18 year olds, 3% severely.
FIGURE = (
    "Je bent echt niet de enige: in Zuidoost-Brabant zegt ongeveer 1 op de 5 jongeren van 12 tot "
    "18 jaar dat ze zich eenzaam voelen (22%, GGD Jeugdmonitor 2015)."
)
# Report §2.4 and §4.6: many participants find making contact hard; fun comes first there.
NOT_ALONE: Mapping[str, str] = {
    "lonely": FIGURE,
    "no_friends": FIGURE,
    "left_out": FIGURE,
    "lonely_among_people": FIGURE,
    "shy": "Veel jongeren die bij Join us komen, vinden contact maken ook spannend. Daar is het juist voor.",
    "different": (
        "Bij Join us zijn jongeren heel verschillend, en iedereen is welkom zoals die is. "
        "Een deelnemer zei: “ik durf meer mezelf te zijn”."
    ),
    "new_in_town": "Bij Join us leer je jongeren uit de buurt kennen, op een vaste plek in de gemeente.",
    "nothing_to_do": "Bij Join us gaat het juist om je vrije tijd: samen iets leuks doen, het weekendgevoel.",
    "bullied": (
        "Bij Join us kom je buiten school, dus je begint er zonder 'geschiedenis'. "
        "Wat er op school gebeurt, hoef je daar niet mee te nemen."
    ),
}
HOW_IT_FITS: Sequence[str] = (
    "Join us is er voor jongeren van 12 tot 25 die meer contact met andere jongeren willen. Om de "
    "twee weken op vrijdagavond doe je in een kleine groep leuke dingen, met begeleiders erbij. "
    "Plezier staat voorop, en je hebt geen indicatie of verwijzing nodig.",
    "Misschien is Join us iets voor jou: om de twee weken op vrijdagavond samen leuke dingen doen "
    "met andere jongeren, met een begeleider op de achtergrond. Plezier staat voorop, het is geen "
    "therapie, en je kunt je gewoon zelf aanmelden.",
)
FIRST_EVENING = (
    "Zo gaat het: voordat je meedoet, is er eerst een kennismakingsgesprek. Dan leer je Join us "
    "kennen, stel je al je vragen en kijk je samen of het bij je past. Op de avonden zijn "
    "begeleiders erbij die op de achtergrond meekijken en helpen als dat nodig is. Je hoeft niets "
    "over jezelf te vertellen wat je niet wilt, en plezier staat voorop."
)
LISTEN: Sequence[str] = (
    "Ik lees wat je schrijft, en het is goed dat je het niet voor jezelf houdt.",
    "Ik hoor je. Het klinkt alsof het al een tijdje zo voelt.",
    "Dank je dat je me dit allemaal vertelt. Dat vraagt moed.",
)
BOT_LIMIT = (
    "Ik ben maar een bot, dus echt goed luisteren kan een mens beter. Wil je er nu met iemand "
    "over praten?"
)


def kind_of(parse_data: Mapping[str, Any]) -> str | None:
    """The feeling the ResponseSelector picked (``lonely``, ...), or None when unknown."""
    selector = (parse_data.get("response_selector") or {}).get(FEELING) or {}
    key = ((selector.get("response") or {}).get("intent_response_key")) or ""
    if not isinstance(key, str) or not key.startswith(FEELING + "/"):
        return None
    kind = key.split("/", 1)[1]
    return kind if kind in KINDS else None


def feelings_told(events: Sequence[Mapping[str, Any]]) -> int:
    """How many messages of this session said how the person feels (nervousness about a first
    evening is a question about Join us, not counted). Labels only: no text is looked at."""
    count = 0
    for event in events:
        if event.get("event") == "session_started":
            count = 0
        if event.get("event") != "user":
            continue
        data = event.get("parse_data") or {}
        if (data.get("intent") or {}).get("name") == FEELING and kind_of(data) != NERVOUS:
            count += 1
    return count


def pick(options: Sequence[str], seed: str) -> str:
    """A stable choice per conversation and turn (varied wording, repeatable in tests)."""
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    return options[digest[0] % len(options)]


def first_reply(kind: str | None, seed: str) -> str:
    """After the acknowledgement: not the only one (where the report says so) and how Join us fits."""
    if kind == NERVOUS:
        return FIRST_EVENING
    lines = [NOT_ALONE.get(kind or "", ""), pick(HOW_IT_FITS, seed), "Wat wil je nu?"]
    return " ".join(line for line in lines if line)


def first_buttons(kind: str | None) -> list[dict[str, str]]:
    look = (
        {"title": "Kan ik eerst komen kijken?", "payload": FIRST_LOOK_QUESTION}
        if kind == NERVOUS
        else {"title": "Hoe ziet een avond eruit?", "payload": EVENING_QUESTION}
    )
    return [
        look,
        {"title": "Praten met iemand van Join us", "payload": "/human_handoff"},
        {"title": "Join us mag contact met me opnemen", "payload": "/express_interest"},
        {"title": "Ik wil nog iets vragen", "payload": "/help"},
    ]


def _line(entry: Any, *, adult: bool) -> str | None:
    if not isinstance(entry, Mapping) or not entry.get("name"):
        return None
    how = [f"bel {entry['phone']}" if entry.get("phone") else "", f"chat via {entry['chat']}" if entry.get("chat") else ""]
    reach = " of ".join(part for part in how if part)
    if not reach:
        return None
    extra = entry.get("hours") if adult else entry.get("ages")
    return f"{entry['name']}: {reach}" + (f" ({extra})" if extra else "")


def talk_now(facts: Facts, age_band: str | None) -> str:
    """Someone to talk to now: De Kindertelefoon under 18, De Luisterlijn from 18, both if unknown."""
    kids = _line(facts.get("crisis_lines.kindertelefoon"), adult=False)
    adults = _line(facts.get("crisis_lines.luisterlijn"), adult=True)
    if age_band in YOUNG_BANDS and kids:
        return f"Je kunt met iemand praten bij {kids}."
    if age_band in ADULT_BANDS and adults:
        return f"Je kunt altijd met iemand praten bij {adults}."
    lines = []
    if kids:
        lines.append(f"Jonger dan 18? {kids}.")
    if adults:
        lines.append(f"18 of ouder? {adults}.")
    if not lines:
        return "Praat er ook eens over met iemand die je vertrouwt, of met iemand van Join us."
    return " ".join(lines)


def listening_reply(facts: Facts, age_band: str | None, told: int) -> str:
    """The second and later messages about how they feel: listen, then someone to talk to now."""
    listen = LISTEN[(told - LISTEN_FROM) % len(LISTEN)]
    return f"{listen} {BOT_LIMIT}\n{talk_now(facts, age_band)}"


def listening_buttons() -> list[dict[str, str]]:
    return [
        {"title": "Praten met iemand van Join us", "payload": "/human_handoff"},
        {"title": "Hoe ziet een avond eruit?", "payload": EVENING_QUESTION},
    ]
