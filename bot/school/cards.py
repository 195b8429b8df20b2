"""What staff and the school employee read about a school request: titles, card, details.

Pure (no database), so the summary a school employee confirms is built from the same lines as
the staff card and the claimer's details: they see exactly what Join us receives.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.leads import texts as lead_texts
from bot.leads.contact import SKIPPED
from bot.leads.status import LABELS
from bot.school import texts

KINDS = ("referral", "presentation", "material")

# Broad updates staff may send after "signed up": nothing about what was said or done.


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
    return lead_texts.UNKNOWN if value in (None, "", SKIPPED) else str(value)


def role_title(role: str | None) -> str:
    return texts.STAFF_ROLES.get(role or "", given(role))


def detail_title(facts: RequestFacts) -> str:
    if facts.kind == "presentation":
        return texts.DETAIL_TITLE_PERIOD
    if facts.kind == "material":
        return texts.DETAIL_TITLE_MATERIAL
    return texts.DETAIL_TITLE_HOPES


def details_text(facts: RequestFacts) -> str:
    value = facts.details
    if facts.kind == "presentation":
        return texts.PERIODS.get(value or "", given(value))
    if facts.kind == "material":
        return texts.MATERIALS.get(value or "", given(value))
    return given(value)


def card_lines(facts: RequestFacts) -> list[str]:
    """The group-chat card: the school and what is asked, no contact detail."""
    lines = [
        texts.CARD_SCHOOL.format(school=given(facts.school)),
        texts.CARD_ROLE.format(role=role_title(facts.staff_role)),
    ]
    if facts.kind == "referral":
        age = lead_texts.AGE_BAND_TITLES.get(facts.age_band or "", lead_texts.UNKNOWN)
        informed = texts.PARENTS_INFORMED.get(facts.parents_informed or "", lead_texts.UNKNOWN)
        lines += [
            texts.CARD_STUDENT_AGE.format(age=age),
            texts.CARD_STUDENT_AGREES,
            texts.CARD_PARENTS_INFORMED.format(informed=informed),
        ]
    lines.append(texts.CARD_DETAIL.format(title=detail_title(facts), value=details_text(facts)))
    return lines


def staff_card(facts: RequestFacts) -> str:
    """HTML for the outbox; every value escaped."""
    body = "\n".join(html.escape(line) for line in card_lines(facts))
    return texts.STAFF_CARD.format(
        kind=texts.KIND_TITLES[facts.kind], id=html.escape(facts.public_id), lines=body
    )


def staff_details(facts: RequestFacts) -> str:
    status = LABELS.get(facts.status, facts.status)
    lines = [*card_lines(facts), texts.CARD_SCHOOL_CONTACT.format(contact=given(facts.contact))]
    return texts.STAFF_DETAILS.format(
        kind=texts.KIND_TITLES[facts.kind],
        id=html.escape(facts.public_id),
        status=html.escape(status),
        lines="\n".join(html.escape(line) for line in lines),
    )


def summary(facts: RequestFacts) -> str:
    """Plain text for Rasa: what the school employee is about to send, and what we keep."""
    mine = texts.CARD_YOUR_CONTACT.format(contact=given(facts.contact))
    lines = "\n".join(texts.MY_DATA_BULLET.format(line=line) for line in [*card_lines(facts), mine])
    return texts.REQUEST_SUMMARY.format(lines=lines)


def mentor_signed_up(public_id: str) -> str:
    return texts.MENTOR_SIGNED_UP.format(id=public_id)


def mentor_update(public_id: str, update: str) -> str:
    return texts.MENTOR_UPDATE.format(id=public_id, update=html.escape(update, quote=False))
