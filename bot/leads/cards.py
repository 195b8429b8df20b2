"""What staff and the young person read about a lead: the card, the details, the preview.

The consent preview is built from the very same functions as the staff card and the claimer's
details, so the young person sees exactly what staff will receive.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.leads.contact import AGE_BAND_TITLES, ROUTE_TITLES, SKIPPED
from bot.leads.status import LABELS

CONSENT_KIND_TITLES = {
    "self": "eigen toestemming (16+)",
    "parent": "toestemming van ouder/verzorger",
}
UNKNOWN = "niet ingevuld"


@dataclass(frozen=True)
class LeadFacts:
    """Decrypted lead data, as far as it is known; ``None`` or SKIPPED means not given."""

    public_id: str
    age_band: str | None
    area: str | None
    route: str | None
    contact: str | None
    nickname: str | None
    wishes: str | None
    source: str | None
    consent_kind: str | None
    status: str = "open"
    parent_contact: str | None = None
    note: str | None = None
    kind: str = "interest"


def _given(value: str | None) -> str:
    return UNKNOWN if value in (None, "", SKIPPED) else str(value)


def age_title(band: str | None) -> str:
    return AGE_BAND_TITLES.get(band or "", "leeftijd niet ingevuld")


def route_title(route: str | None) -> str:
    return ROUTE_TITLES.get(route or "", UNKNOWN)


def card_lines(facts: LeadFacts) -> list[str]:
    """The group-chat card: no contact details, no name, no free text about the person."""
    return [
        f"Leeftijd: {age_title(facts.age_band)}",
        f"Gebied: {_given(facts.area)}",
        f"Contact bij voorkeur: {route_title(facts.route)}",
        f"Toestemming: {CONSENT_KIND_TITLES.get(facts.consent_kind or '', UNKNOWN)}",
        f"Bron/campagne: {facts.source or 'geen (direct)'}",
    ]


def detail_lines(facts: LeadFacts) -> list[str]:
    """Only for the staff member who claimed the lead, in a private chat."""
    contact = "een bericht via deze chatbot" if facts.route == "telegram" else _given(facts.contact)
    lines = [
        f"Naam/bijnaam: {_given(facts.nickname)}",
        f"Contactgegeven ({route_title(facts.route)}): {contact}",
        f"Wat lijkt leuk om te doen: {_given(facts.wishes)}",
    ]
    if facts.parent_contact:
        lines.append(f"Contact ouder/verzorger (gaf toestemming): {facts.parent_contact}")
    return lines


def staff_card(facts: LeadFacts, *, reannounce: bool = False) -> str:
    """HTML for the outbox (parse_mode=HTML): every value escaped."""
    title = "Nog niet opgepakt" if reannounce else "Nieuwe aanmelding"
    head = f"<b>{title}: #{html.escape(facts.public_id)}</b>"
    body = "\n".join(html.escape(line) for line in card_lines(facts))
    return f"{head}\n{body}\n\nOppakken? Dan krijg je de contactgegevens privé van mij."


def staff_details(facts: LeadFacts) -> str:
    head = f"<b>Aanmelding #{html.escape(facts.public_id)}</b> ({html.escape(LABELS.get(facts.status, facts.status))})"
    lines = card_lines(facts) + detail_lines(facts)
    if facts.route == "telegram":
        lines.append(f"Bericht sturen: /bericht {facts.public_id} <tekst>")
    if facts.note:
        lines.append(f"Notitie: {facts.note}")
    body = "\n".join(html.escape(line) for line in lines)
    return f"{head}\n{body}"


def consent_preview(facts: LeadFacts, *, retention_days: int, for_parent: bool = False) -> str:
    """Plain text for Rasa (the front end escapes it): what, why, who, how long."""
    you = "je kind" if for_parent else "jij"
    shared = "\n".join(f"• {line}" for line in card_lines(facts))
    private = "\n".join(
        f"• {line}" for line in detail_lines(facts) if "ouder/verzorger" not in line
    )
    intro = (
        "Je kind wil graag meedoen met Join us en vraagt jouw toestemming om dit door te geven."
        if for_parent
        else "Dit stuur ik naar Join us als je het goed vindt:"
    )
    return (
        f"{intro}\n\n"
        f"Alle medewerkers van Join us zien in hun groepschat:\n{shared}\n\n"
        f"Alleen de medewerker die {you} gaat helpen ziet daarnaast:\n{private}\n\n"
        f"Waarom? Zodat iemand van Join us contact kan opnemen over meedoen. Niemand anders krijgt dit te zien.\n"
        f"Hoe lang? Tot de aanmelding is afgerond, daarna nog {retention_days} dagen. Dan wordt het gewist. "
        f"Intrekken kan altijd met /stop, en /vergeet wist alles meteen."
    )
