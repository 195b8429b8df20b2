"""The answers of the safety net: a calm crisis reply and a light check-in.

The phone numbers are not in the code: they come from the staff-editable ``content/facts.yml``
(key ``crisis_lines`` of ``content/facts.yml``). A missing or
malformed entry is skipped; only when *no* line is usable does the reply fall back to the
two national numbers 112 and 113, so a broken data file can never leave a young person in
crisis without a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .model import CrisisCategory, SafetyResult

__all__ = [
    "ACUTE_FIRST_LINE",
    "STAFF_PHRASE",
    "ask_reply",
    "check_in_reply",
    "crisis_reply",
    "distress_check_in",
    "grief_reply",
    "lines_for",
]

# What the young person can type to reach a Join us staff member.
STAFF_PHRASE = "ik wil met iemand praten"
# The first line of the reply to acute danger (roof, pills taken, a weapon, a threat now).
ACUTE_FIRST_LINE = (
    "Ben je nu in gevaar? Bel meteen 112. Dat is gratis en kan altijd, ook zonder beltegoed."
)

_SUICIDE_KEYS = ("113", "112", "kindertelefoon", "luisterlijn")
_ABUSE_KEYS = ("veilig_thuis", "kindertelefoon", "112")

# Used only when the mapping has no usable line at all (numbers from the knowledge file).
_FALLBACK_SUICIDE = "• 113 Zelfmoordpreventie: bel 113 of chat via 113.nl (dag en nacht, anoniem)"
_FALLBACK_112 = "• Bel 112 bij direct gevaar"


def lines_for(categories: Iterable[CrisisCategory]) -> tuple[str, ...]:
    """The keys of ``crisis_lines`` to show, most relevant first."""
    cats = set(categories)
    acute = CrisisCategory.ACUTE_DANGER in cats
    keys: list[str] = ["112"] if acute else []
    if cats & {CrisisCategory.SUICIDE, CrisisCategory.SELF_HARM}:
        keys += _SUICIDE_KEYS
    if cats & {CrisisCategory.ABUSE, CrisisCategory.DOMESTIC_VIOLENCE}:
        keys += _ABUSE_KEYS
    if acute and len(keys) == 1:  # acute danger only: 112, then someone to talk to
        keys.append("kindertelefoon")
    if not keys:  # a crisis without a category: show everything
        keys = [*_SUICIDE_KEYS, "veilig_thuis"]
    return tuple(dict.fromkeys(keys))


def _text(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, str | int | float):
        return str(value).strip()
    return ""


def _entry(lines: Mapping[Any, Any], key: str) -> Mapping[Any, Any] | None:
    # YAML turns an unquoted 112: into the integer 112; accept both.
    candidates: list[Any] = [key]
    if key.isdigit():
        candidates.append(int(key))
    for candidate in candidates:
        try:
            entry = lines.get(candidate)
        except Exception:  # an odd mapping type must not break the crisis reply
            return None
        if isinstance(entry, Mapping):
            return entry
    return None


def _format(entry: Mapping[Any, Any]) -> str | None:
    """One bullet, e.g. "• De Kindertelefoon: bel 0800-0432 of chat via kindertelefoon.nl"."""
    name = _text(entry.get("name"))
    phone = _text(entry.get("phone"))
    free = _text(entry.get("phone_free"))
    chat = _text(entry.get("chat"))
    note = _text(entry.get("note"))
    if not phone and not chat:
        return None
    if phone and (not name or name == phone) and not chat:
        # 112: "Bel 112 bij direct gevaar"
        return f"• Bel {phone}" + (f" {note}" if note else "")
    how = []
    if phone:
        how.append(f"bel {phone}" + (f" of gratis {free}" if free and free != phone else ""))
    if chat:
        how.append(f"chat via {chat}")
    extras = [x for x in (_text(entry.get("hours")), _text(entry.get("ages")), note) if x]
    line = f"• {name or phone}: {', of '.join(how)}"
    return line + (f" ({', '.join(extras)})" if extras else "")


def _bullets(keys: Iterable[str], lines: Mapping[Any, Any]) -> list[str]:
    out: list[str] = []
    for key in keys:
        entry = _entry(lines, key)
        if entry is None:
            continue
        try:
            bullet = _format(entry)
        except Exception:  # malformed entry: skip it, never crash
            bullet = None
        if bullet:
            out.append(bullet)
    return out


def crisis_reply(result: SafetyResult, lines: Mapping[str, Any]) -> str | None:
    """The calm, warm Dutch answer to a crisis message; ``None`` when it is not a crisis.

    ``lines`` is the ``crisis_lines`` mapping of ``content/facts.yml``. Missing entries are
    skipped; without any usable entry the reply still names 112 and 113.
    """
    if result.level != "crisis":
        return None
    if not isinstance(lines, Mapping):
        lines = {}
    cats = set(result.categories)
    acute = CrisisCategory.ACUTE_DANGER in cats
    suicidal = bool(cats & {CrisisCategory.SUICIDE, CrisisCategory.SELF_HARM})
    abuse = bool(cats & {CrisisCategory.ABUSE, CrisisCategory.DOMESTIC_VIOLENCE})
    if not (acute or suicidal or abuse):
        suicidal = abuse = True

    parts: list[str] = []
    if acute:
        # First, alone and plain: in acute danger nothing else matters as much.
        parts.append(ACUTE_FIRST_LINE)
    if abuse and not suicidal:
        parts.append(
            "Wat goed dat je dit vertelt. Wat er gebeurt, is niet jouw schuld. "
            "Je staat er niet alleen voor."
        )
    elif suicidal:
        parts.append(
            "Wat goed dat je dit tegen me zegt. Het klinkt alsof het nu heel zwaar voor je is. "
            "Je staat er niet alleen voor."
        )
    else:
        parts.append("Wat goed dat je dit laat weten. Je veiligheid gaat nu voor.")

    # With acute danger the first sentence already says 112.
    keys = [k for k in lines_for(cats) if not (acute and k == "112")]
    bullets = _bullets(keys, lines)
    if not bullets:
        bullets = [_FALLBACK_SUICIDE] if suicidal else []
        if not acute:
            bullets.append(_FALLBACK_112)
    if bullets:
        parts.append("Hier kun je nu meteen terecht:\n" + "\n".join(bullets))

    parts.append(
        "Je mag hier ook gewoon verder praten. Wil je liever iemand van Join us spreken? "
        f'Typ dan "{STAFF_PHRASE}". Join us is geen hulpdienst en niet altijd meteen '
        "bereikbaar. Gaat het nu echt niet goed? Bel of chat dan met een van de nummers "
        "hierboven."
    )
    return "\n\n".join(parts)


def check_in_reply(lines: Mapping[str, Any] | None = None) -> str:
    """A light check-in for probably figurative words ("ik ga dood van het lachen")."""
    phone, chat = "113", "113.nl"
    entry = _entry(lines, "113") if isinstance(lines, Mapping) else None
    if entry is not None:
        phone = _text(entry.get("phone")) or phone
        chat = _text(entry.get("chat")) or chat
    return (
        "Ik hoop dat je het figuurlijk bedoelt 🙂 Gaat het niet goed met je? "
        f"Dan kun je altijd {phone} bellen of chatten via {chat}, gratis en anoniem. "
        f'Praten met iemand van Join us kan ook: typ "{STAFF_PHRASE}". '
        "Je mag me hier ook gewoon alles vragen."
    )


def _short(lines: Mapping[str, Any] | None, key: str, default: str) -> str:
    """ "113 (0800-0113, 113.nl)"-style mention of one line, from the facts file if usable."""
    entry = _entry(lines, key) if isinstance(lines, Mapping) else None
    if entry is None:
        return default
    name = _text(entry.get("name")) or key
    how = [x for x in (_text(entry.get("phone")), _text(entry.get("chat"))) if x]
    if not how:
        return default
    if name in how:
        how.remove(name)
    return f"{name} ({', '.join(how)})" if how else name


def grief_reply(lines: Mapping[str, Any] | None = None, *, suicide_loss: bool = False) -> str:
    """Warmth for a loss ("mijn opa is overleden"): no alarm, someone to talk to.

    ``suicide_loss``: the person who died took their own life; 113 also talks with those left
    behind, so it is named too (gently: the bereaved by suicide carry a higher risk)."""
    kindertelefoon = _short(lines, "kindertelefoon", "De Kindertelefoon (0800-0432)")
    luisterlijn = _short(lines, "luisterlijn", "De Luisterlijn (088-0767 000)")
    bereaved = ""
    if suicide_loss:
        line_113 = _short(lines, "113", "113 (0800-0113, 113.nl)")
        bereaved = (
            f"Na een zelfdoding kun je ook bij {line_113} terecht: zij praten ook met wie "
            "iemand zo verloren heeft, en met wie er zelf aan denkt.\n\n"
        )
    return (
        "Wat verdrietig. Fijn dat je het me vertelt. 💛 "
        "Verdriet mag er zijn, en het mag ook lang duren.\n\n"
        f"{bereaved}"
        f"Wil je erover praten met iemand? Dat kan bij {kindertelefoon} of {luisterlijn}. "
        f'Praten met iemand van Join us kan ook: typ "{STAFF_PHRASE}". '
        "En je mag me hier ook gewoon iets vragen."
    )


def distress_check_in(lines: Mapping[str, Any] | None = None) -> str:
    """A gentle check-in when a message with a distress marker was not understood."""
    line_113 = _short(lines, "113", "113 (0800-0113, 113.nl)")
    kindertelefoon = _short(lines, "kindertelefoon", "De Kindertelefoon (0800-0432)")
    return (
        "Ik weet niet zeker of ik je goed begrijp. Het klinkt alsof het misschien niet zo goed "
        "met je gaat, en dat wil ik niet zomaar voorbij laten gaan. Hoe gaat het met je?\n\n"
        f"Als je met iemand wilt praten: {kindertelefoon} of {line_113} is er voor je, "
        "gratis en anoniem. Ben je in gevaar? Bel dan 112.\n\n"
        f'Iemand van Join us spreken kan ook: typ "{STAFF_PHRASE}".'
    )


def ask_reply(lines: Mapping[str, Any] | None = None) -> str:
    """The direct question of a crisis-line trainer, with the lines (signal "ask").

    For a message that may mean danger but does not say so: sadness or loneliness the model
    reads as dark without any danger word, or a plan without saying what ("vanavond doe ik het
    gewoon") with no distress before it. Asking plainly about suicide does not put the idea in
    someone's head; it shows that they may talk about it. A "ja" to it gets the crisis reply
    (``SafetyNet``)."""
    line_113 = _short(lines, "113", "113 (0800-0113, 113.nl)")
    kindertelefoon = _short(lines, "kindertelefoon", "De Kindertelefoon (0800-0432)")
    return (
        "Wat je schrijft raakt me, en ik wil je goed begrijpen. Daarom vraag ik het je gewoon: "
        "bedoel je dat je jezelf iets wilt aandoen, of dat je er niet meer wilt zijn? "
        "Je mag eerlijk zijn, ook als het antwoord ja is.\n\n"
        f"Denk je daaraan, of twijfel je? Praat erover met {line_113} of {kindertelefoon}, "
        "gratis en anoniem. Ben je nu in gevaar? Bel dan 112.\n\n"
        "Bedoelde je iets anders? Vertel het me gerust. Iemand van Join us spreken kan ook: "
        f'typ "{STAFF_PHRASE}".'
    )
