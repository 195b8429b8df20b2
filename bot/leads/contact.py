"""Pure checks of what a young person types in the interest form: age, route, phone, e-mail.

Every check returns a normalised value or raises :class:`ContactInvalid` with a short, kind
Dutch message that the form shows as is.
"""

from __future__ import annotations

import re

from bot.core.errors import LeadError


class ContactInvalid(LeadError):
    """What was typed does not fit the question; ``str(exc)`` is the Dutch explanation."""


# Sentinel for "sla over" / "weet ik niet": a filled slot, so the form moves on.
SKIPPED = "_skip"

AGE_BANDS = ("12-15", "16-17", "18-25")
AGE_BAND_TITLES = {"12-15": "12 t/m 15 jaar", "16-17": "16 of 17 jaar", "18-25": "18 t/m 25 jaar"}

ROUTES = ("telegram", "phone", "email", "parent", "mentor")
ROUTE_TITLES = {
    "telegram": "via deze chat (Telegram)",
    "phone": "bellen of appen",
    "email": "e-mail",
    "parent": "via je ouder of verzorger",
    "mentor": "via je mentor",
}
# Routes without a separate contact detail: the chat itself is the route.
ROUTES_WITHOUT_DETAIL = frozenset({"telegram"})

_SKIP_WORDS = {
    "weet ik niet", "weet niet", "geen idee", "sla over", "overslaan", "skip", "liever niet",
    "zeg ik liever niet", "geen", "nee", "-", "idk", "wil ik niet zeggen", "volgende",
}  # fmt: skip
_NUMBER_WORDS = {
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20,
    "eenentwintig": 21, "tweeëntwintig": 22, "tweeentwintig": 22, "drieëntwintig": 23,
    "drieentwintig": 23, "vierentwintig": 24, "vijfentwintig": 25,
}  # fmt: skip
_ROUTE_WORDS = (
    ("telegram", ("telegram", "chat", "hier", "deze app", "via jou", "bot")),
    ("email", ("mail", "e-mail", "email")),
    ("phone", ("bel", "telefoon", "mobiel", "app ", "whatsapp", "sms", "nummer")),
    ("parent", ("ouder", "moeder", "vader", "mama", "papa", "verzorger", "voogd")),
    ("mentor", ("mentor", "school", "leraar", "docent", "zorgcoördinator")),
)
_EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
_EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE_CHARS = re.compile(r"[\s\-().]")


def is_skip(text: str | None) -> bool:
    if text is None:
        return False
    cleaned = text.strip().lower().strip("!.?")
    return text == SKIPPED or cleaned in _SKIP_WORDS


def age_band(text: str) -> str:
    """'14', 'ik ben 14', 'veertien', or a band id itself -> '12-15' / '16-17' / '18-25'."""
    cleaned = text.strip().lower()
    if cleaned in AGE_BANDS:
        return cleaned
    match = re.search(r"\d{1,3}", cleaned)
    age = int(match.group()) if match else None
    if age is None:
        age = next((n for word, n in _NUMBER_WORDS.items() if word in cleaned.split()), None)
    if age is None:
        raise ContactInvalid(
            "Ik snap je leeftijd niet helemaal. Kies een van de knoppen, of typ je leeftijd als getal (bijvoorbeeld 15)."
        )
    if age < 12 or age > 25:
        raise ContactInvalid(
            "Join us is voor jongeren van 12 tot en met 25 jaar. Klopt je leeftijd? "
            "Kies dan een van de knoppen. Je mag me altijd alles over Join us vragen, en met 'stop' houd je op."
        )
    return "12-15" if age <= 15 else "16-17" if age <= 17 else "18-25"


def needs_parent(band: str | None) -> bool:
    """Under 16 (or age not given): a parent or guardian must consent first (UAVG art. 5)."""
    return band not in {"16-17", "18-25"}


def route(text: str) -> str:
    cleaned = text.strip().lower()
    if cleaned in ROUTES:
        return cleaned
    if "@" in cleaned:
        return "email"
    if re.search(r"\d{6,}", _PHONE_CHARS.sub("", cleaned)):
        return "phone"
    for name, words in _ROUTE_WORDS:
        if any(word in cleaned + " " for word in words):
            return name
    raise ContactInvalid("Kies hoe we contact met je mogen opnemen met een van de knoppen. 🙂")


def phone(text: str) -> str:
    """Dutch mobile and landline numbers (06…, +316…, 0031…, 013-…) -> '+31XXXXXXXXX'."""
    raw = _PHONE_CHARS.sub("", text.strip()).replace("+31(0)", "+31").replace("(0)", "")
    if raw.startswith("+31"):
        national = raw[3:]
    elif raw.startswith("0031"):
        national = raw[4:]
    elif raw.startswith("0") and not raw.startswith("00"):
        national = raw[1:]
    elif raw.startswith(("+", "00")):
        raise ContactInvalid(
            "Ik kan alleen Nederlandse telefoonnummers doorgeven. Heb je een Nederlands nummer of een e-mailadres?"
        )
    else:
        national = raw
    national = national.removeprefix("0")
    if not national.isdigit() or len(national) != 9 or national[0] == "0":
        raise ContactInvalid(
            "Dat telefoonnummer klopt nog niet helemaal. Een mobiel nummer heeft 10 cijfers, "
            "bijvoorbeeld 06 12345678. Probeer je het nog een keer?"
        )
    if national.startswith(("800", "900", "906", "909")):
        raise ContactInvalid(
            "Dat is een servicenummer. Typ een nummer waarop je zelf bereikbaar bent."
        )
    return "+31" + national


def email(text: str) -> str:
    cleaned = text.strip().strip("<>").strip()
    if not _EMAIL.match(cleaned):
        raise ContactInvalid(
            "Dat e-mailadres klopt nog niet helemaal. Het ziet eruit als naam@voorbeeld.nl. Probeer je het nog een keer?"
        )
    return cleaned.lower()


def detail_for_route(chosen_route: str, text: str) -> str:
    """The contact detail, checked against the chosen route (phone for 'phone', and so on)."""
    cleaned = text.strip()
    looks_like_email = bool(_EMAIL_IN_TEXT.search(cleaned))
    if chosen_route == "phone":
        if looks_like_email:
            raise ContactInvalid(
                "Dat lijkt een e-mailadres, maar je koos voor bellen of appen. Typ je telefoonnummer, "
                "of kies hieronder toch voor e-mail."
            )
        return phone(cleaned)
    if chosen_route == "email":
        if not looks_like_email and re.search(r"\d{6,}", _PHONE_CHARS.sub("", cleaned)):
            raise ContactInvalid(
                "Dat lijkt een telefoonnummer, maar je koos voor e-mail. Typ je e-mailadres, "
                "of kies hieronder toch voor bellen."
            )
        return email(cleaned)
    if chosen_route in {"parent", "mentor"}:
        # A parent or mentor is reached by phone or e-mail; either is fine.
        who = "je ouder of verzorger" if chosen_route == "parent" else "je mentor"
        if looks_like_email:
            return email(_EMAIL_IN_TEXT.search(cleaned).group())  # type: ignore[union-attr]
        try:
            return phone(cleaned)
        except ContactInvalid:
            raise ContactInvalid(
                f"Typ het telefoonnummer of e-mailadres van {who}, bijvoorbeeld 06 12345678 of naam@voorbeeld.nl."
            ) from None
    raise ContactInvalid("Voor deze manier van contact heb ik geen gegevens nodig.")


def short_text(text: str, limit: int = 200) -> str:
    """Free text (area, nickname, wishes): trimmed, single-spaced, capped."""
    return " ".join(text.split())[:limit]
