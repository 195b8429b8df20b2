"""What staff and the young person read about a lead: the card, the details, the preview.

The consent preview is built from the very same functions as the staff card and the claimer's
details, so the young person sees exactly what staff will receive.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.leads import texts
from bot.leads.contact import SKIPPED
from bot.leads.status import LABELS


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
    return texts.UNKNOWN if value in (None, "", SKIPPED) else str(value)


def age_title(band: str | None) -> str:
    return texts.AGE_BAND_TITLES.get(band or "", texts.AGE_UNKNOWN)


def route_title(route: str | None) -> str:
    return texts.ROUTE_TITLES.get(route or "", texts.UNKNOWN)


def card_lines(facts: LeadFacts) -> list[str]:
    """The group-chat card: no contact details, no name, no free text about the person."""
    return [
        texts.CARD_AGE.format(age=age_title(facts.age_band)),
        texts.CARD_AREA.format(area=_given(facts.area)),
        texts.CARD_ROUTE.format(route=route_title(facts.route)),
        texts.CARD_CONSENT.format(
            consent=texts.CONSENT_KIND_TITLES.get(facts.consent_kind or "", texts.UNKNOWN)
        ),
        texts.CARD_SOURCE.format(source=facts.source or texts.NO_SOURCE),
    ]


def detail_lines(facts: LeadFacts, *, with_parent: bool = True) -> list[str]:
    """Only for the staff member who claimed the lead, in a private chat."""
    contact = texts.VIA_THIS_CHATBOT if facts.route == "telegram" else _given(facts.contact)
    lines = [
        texts.DETAIL_NICKNAME.format(nickname=_given(facts.nickname)),
        texts.DETAIL_CONTACT.format(route=route_title(facts.route), contact=contact),
        texts.DETAIL_WISHES.format(wishes=_given(facts.wishes)),
    ]
    if facts.parent_contact and with_parent:
        lines.append(texts.DETAIL_PARENT_CONTACT.format(contact=facts.parent_contact))
    return lines


def staff_card(facts: LeadFacts, *, reannounce: bool = False) -> str:
    """HTML for the outbox (parse_mode=HTML): every value escaped."""
    title = texts.CARD_NOT_YET_CLAIMED if reannounce else texts.CARD_NEW
    body = "\n".join(html.escape(line) for line in card_lines(facts))
    return texts.STAFF_CARD.format(title=title, id=html.escape(facts.public_id), lines=body)


def staff_details(facts: LeadFacts) -> str:
    lines = card_lines(facts) + detail_lines(facts)
    if facts.route == "telegram":
        lines.append(texts.DETAIL_SEND_MESSAGE.format(id=facts.public_id))
    if facts.note:
        lines.append(texts.DETAIL_NOTE.format(note=facts.note))
    return texts.STAFF_DETAILS.format(
        id=html.escape(facts.public_id),
        status=html.escape(LABELS.get(facts.status, facts.status)),
        lines="\n".join(html.escape(line) for line in lines),
    )


def consent_preview(facts: LeadFacts, *, retention_days: int, for_parent: bool = False) -> str:
    """Plain text for Rasa (the front end escapes it): what, why, who, how long."""
    you = texts.YOUR_CHILD if for_parent else texts.YOU
    shared = "\n".join(texts.BULLET.format(line=line) for line in card_lines(facts))
    private = "\n".join(
        texts.BULLET.format(line=line) for line in detail_lines(facts, with_parent=False)
    )
    intro = texts.CONSENT_PREVIEW_INTRO_PARENT if for_parent else texts.CONSENT_PREVIEW_INTRO
    return texts.CONSENT_PREVIEW.format(
        intro=intro, shared=shared, you=you, private=private, days=retention_days
    )
