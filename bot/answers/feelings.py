"""Replies to a young person who says how they feel (issue 10): pure functions, no Rasa.

The acknowledgement itself is a Rasa response (``utter_feeling/<kind>``, several wordings); this
module builds what follows it: the first time, that they are not the only one (only where the
2018 report backs it up) and how Join us fits, with choices; when they keep talking about how
they feel, a listening reply with someone to talk to now (numbers from ``content/facts.yml``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.answers import texts
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
# Report §2.4 and §4.6: many participants find making contact hard; fun comes first there.
NOT_ALONE: Mapping[str, str] = {
    "lonely": texts.FIGURE,
    "no_friends": texts.FIGURE,
    "left_out": texts.FIGURE,
    "lonely_among_people": texts.FIGURE,
    "shy": texts.NOT_ALONE_SHY,
    "different": (texts.NOT_ALONE_DIFFERENT),
    "new_in_town": texts.NOT_ALONE_NEW_IN_TOWN,
    "nothing_to_do": texts.NOT_ALONE_NOTHING_TO_DO,
    "bullied": (texts.NOT_ALONE_BULLIED),
}


def kind_of(parse_data: Mapping[str, Any]) -> str | None:
    """The feeling the ResponseSelector picked (``lonely``, ...), or None when unknown."""
    selector = (parse_data.get("response_selector") or {}).get(FEELING) or {}
    key = ((selector.get("response") or {}).get("intent_response_key")) or ""
    if not isinstance(key, str) or not key.startswith(FEELING + "/"):
        return None
    kind = key.split("/", 1)[1]
    return kind if kind in KINDS else None


# "ik voel me alleen" is someone speaking about themself; "hij zit alleen op zijn kamer" or "mijn
# dochter" is an adult speaking about a child or client. "ze" stays out: "ze lachen me uit" is a
# young person's sentence.
_SELF = re.compile(r"\b(ik|k|me|mij|mijn|m'n|mn|i|i'm|im|my|myself)\b", re.IGNORECASE)
_SOMEONE_ELSE = re.compile(
    r"\b(hij|zij|hem|his|he|she|her|"
    r"zoon|zoontje|dochter|dochtertje|kind|kinderen|kleinzoon|kleindochter|kleinkind|"
    r"pleegzoon|pleegdochter|pleegkind|stiefzoon|stiefdochter|neef|nicht|"
    r"cli[eë]nt(en)?|leerling(en)?|pupil(len)?|patiënt(en)?|patient(en)?)\b",
    re.IGNORECASE,
)


def speaks_for_self(text: str) -> bool:
    """Whether a feelings message is about the writer themself: first person, and nobody else
    (a child, client or pupil; he or she) named. Decides over an earlier parent's or
    professional's role, which one misread message could otherwise set for a whole conversation."""
    return bool(_SELF.search(text)) and not _SOMEONE_ELSE.search(text)


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
        return texts.FIRST_EVENING
    lines = [NOT_ALONE.get(kind or "", ""), pick(texts.HOW_IT_FITS, seed), texts.WHAT_NOW]
    return " ".join(line for line in lines if line)


def first_buttons(kind: str | None) -> list[dict[str, str]]:
    look = (
        {"title": texts.FAQ_TITLES["faq/eerst_kijken"], "payload": FIRST_LOOK_QUESTION}
        if kind == NERVOUS
        else {"title": texts.WHAT_IS_AN_EVENING_BUTTON, "payload": EVENING_QUESTION}
    )
    return [
        look,
        {"title": texts.TALK_TO_JOINUS_BUTTON, "payload": "/human_handoff"},
        {"title": texts.JOINUS_MAY_CONTACT_ME_BUTTON, "payload": "/express_interest"},
        {"title": texts.ANOTHER_QUESTION_BUTTON, "payload": "/help"},
    ]


def _line(entry: Any, *, adult: bool) -> str | None:
    if not isinstance(entry, Mapping) or not entry.get("name"):
        return None
    how = [
        texts.LINE_CALL.format(phone=entry["phone"]) if entry.get("phone") else "",
        texts.LINE_CHAT.format(chat=entry["chat"]) if entry.get("chat") else "",
    ]
    reach = texts.OR.join(part for part in how if part)
    if not reach:
        return None
    extra = entry.get("hours") if adult else entry.get("ages")
    return f"{entry['name']}: {reach}" + (f" ({extra})" if extra else "")


def talk_now(facts: Facts, age_band: str | None) -> str:
    """Someone to talk to now: De Kindertelefoon under 18, De Luisterlijn from 18, both if unknown."""
    kids = _line(facts.get("crisis_lines.kindertelefoon"), adult=False)
    adults = _line(facts.get("crisis_lines.luisterlijn"), adult=True)
    if age_band in YOUNG_BANDS and kids:
        return texts.TALK_TO_KIDS_LINE.format(line=kids)
    if age_band in ADULT_BANDS and adults:
        return texts.TALK_TO_ADULTS_LINE.format(line=adults)
    lines = []
    if kids:
        lines.append(texts.UNDER_18_LINE.format(line=kids))
    if adults:
        lines.append(texts.FROM_18_LINE.format(line=adults))
    if not lines:
        return texts.TALK_TO_SOMEONE_YOU_TRUST
    return " ".join(lines)


def listening_reply(facts: Facts, age_band: str | None, told: int) -> str:
    """The second and later messages about how they feel: listen, then someone to talk to now."""
    listen = texts.LISTEN[(told - LISTEN_FROM) % len(texts.LISTEN)]
    return f"{listen} {texts.BOT_LIMIT}\n{talk_now(facts, age_band)}"


def listening_buttons() -> list[dict[str, str]]:
    return [
        {"title": texts.TALK_TO_JOINUS_BUTTON, "payload": "/human_handoff"},
        {"title": texts.WHAT_IS_AN_EVENING_BUTTON, "payload": EVENING_QUESTION},
    ]
