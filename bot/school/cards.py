"""What staff and the school employee read about a school request: titles, card, details.

Pure (no database), so the summary a school employee confirms is built from the same lines as
the staff card and the claimer's details: they see exactly what Join us receives.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.leads.contact import AGE_BAND_TITLES, SKIPPED
from bot.leads.status import LABELS

KINDS = ("referral", "presentation", "material")
KIND_TITLES = {
    "referral": "Verwijzing van school",
    "presentation": "Verzoek om een presentatie",
    "material": "Verzoek om materiaal",
}
STAFF_ROLES = {
    "mentor": "mentor",
    "docent": "docent",
    "zorgcoordinator": "zorgcoördinator",
    "teamleider": "teamleider",
    "anders": "andere functie op school",
}
PARENTS_INFORMED = {
    "yes": "ja, ouders weten ervan",
    "not_yet": "nog niet",
    "adult": "niet van toepassing (18+)",
}
PERIODS = {
    "sep_okt": "september - oktober",
    "nov_dec": "november - december",
    "jan_mrt": "januari - maart",
    "apr_jun": "april - juni",
}
MATERIALS = {
    "flyers": "flyers",
    "posters": "posters",
    "factsheet": "factsheet",
    "all": "flyers, posters en factsheet",
}
UNKNOWN = "niet ingevuld"

# Broad updates staff may send after "signed up": nothing about what was said or done.
BROAD_UPDATES = {
    "going": "De leerling komt naar de groepsavonden.",
    "settling": "De leerling is nog aan het wennen bij de groep.",
    "paused": "De leerling komt op dit moment niet naar de groep.",
}


@dataclass(frozen=True)
class RequestFacts:
    """A school request as far as it is known; ``None`` or SKIPPED means not given."""

    public_id: str
    kind: str
    school: str | None
    staff_role: str | None
    contact: str | None
    age_band: str | None = None
    parents_informed: str | None = None
    details: str | None = None
    status: str = "open"
    answer: str | None = None


def given(value: str | None) -> str:
    return UNKNOWN if value in (None, "", SKIPPED) else str(value)


def role_title(role: str | None) -> str:
    return STAFF_ROLES.get(role or "", given(role))


def detail_title(facts: RequestFacts) -> str:
    if facts.kind == "presentation":
        return "Voorkeursperiode"
    if facts.kind == "material":
        return "Materiaal"
    return "Wat hoopt de school"


def details_text(facts: RequestFacts) -> str:
    value = facts.details
    if facts.kind == "presentation":
        return PERIODS.get(value or "", given(value))
    if facts.kind == "material":
        return MATERIALS.get(value or "", given(value))
    return given(value)


def card_lines(facts: RequestFacts) -> list[str]:
    """The group-chat card: the school and what is asked, no contact detail."""
    lines = [f"School: {given(facts.school)}", f"Functie: {role_title(facts.staff_role)}"]
    if facts.kind == "referral":
        lines += [
            f"Leeftijd leerling: {AGE_BAND_TITLES.get(facts.age_band or '', UNKNOWN)}",
            "Leerling vindt verwijzing goed: ja",
            f"Ouders op de hoogte: {PARENTS_INFORMED.get(facts.parents_informed or '', UNKNOWN)}",
        ]
    lines.append(f"{detail_title(facts)}: {details_text(facts)}")
    return lines


def staff_card(facts: RequestFacts) -> str:
    """HTML for the outbox; every value escaped."""
    head = f"<b>{KIND_TITLES[facts.kind]}: #{html.escape(facts.public_id)}</b>"
    body = "\n".join(html.escape(line) for line in card_lines(facts))
    return f"{head}\n{body}\n\nOppakken? Dan krijg je het contactgegeven privé van mij."


def staff_details(facts: RequestFacts) -> str:
    status = LABELS.get(facts.status, facts.status)
    head = (
        f"<b>{KIND_TITLES[facts.kind]} #{html.escape(facts.public_id)}</b> ({html.escape(status)})"
    )
    lines = [*card_lines(facts), f"Contact school: {given(facts.contact)}"]
    body = "\n".join(html.escape(line) for line in lines)
    hint = f"\n\nAntwoorden aan de school: /verzoek {html.escape(facts.public_id)} &lt;tekst&gt;"
    return f"{head}\n{body}{hint}"


def summary(facts: RequestFacts) -> str:
    """Plain text for Rasa: what the school employee is about to send, and what we keep."""
    lines = "\n".join(
        f"• {line}" for line in [*card_lines(facts), f"Je contact: {given(facts.contact)}"]
    )
    return (
        f"Dit stuur ik naar Join us:\n{lines}\n\n"
        "Alle medewerkers van Join us zien dit zonder je contactgegeven; alleen wie het oppakt ziet "
        "dat ook. Ik bewaar ook via welke chat je dit stuurt, zodat je hier antwoord krijgt. "
        "Alles wordt gewist als het verzoek is afgerond, plus de bewaartermijn. Versturen?"
    )


def mentor_signed_up(public_id: str) -> str:
    return (
        f"Goed nieuws over je verwijzing #{public_id}: de leerling heeft zich aangemeld bij Join us. 🎉\n"
        "De leerling (en bij jonger dan 16 ook een ouder) gaf toestemming dat je dit hoort. Meer "
        "details delen we niet; vraag de leerling gerust zelf hoe het gaat."
    )


def mentor_update(public_id: str, update: str) -> str:
    return (
        f"Korte update over je verwijzing #{public_id}: {html.escape(update, quote=False)}\n"
        "(Met toestemming van de leerling.)"
    )
