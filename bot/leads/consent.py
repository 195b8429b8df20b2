"""Consent records: what was agreed, under which text version, when, and by whom.

Bump CONSENT_VERSION whenever the preview or the explanation in bot/leads/cards.py changes meaning,
so every stored consent points at the wording the person actually saw.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.crypto import Cipher
from bot.storage.models_leads import Consent, Lead

CONSENT_VERSION = "lead-v1"

# Purposes: the young person asks for a parent's consent (under 16), or agrees to routing.
ASK_PARENT = "ask_parent"
ROUTE_TO_STAFF = "route_to_staff"
YOUNG_PERSON = "young_person"
PARENT = "parent"

# What staff receive, by field name (no values): the card plus the claimer's details.
SCOPE = "age_band,area,route,source,contact,nickname,wishes"


def record(
    session: Session,
    lead: Lead,
    *,
    purpose: str,
    given_by: str,
    pseudonym: str | None,
    at: datetime,
    cipher: Cipher | None = None,
    contact: str | None = None,
) -> Consent:
    consent = Consent(
        lead_id=lead.id,
        purpose=purpose,
        scope=SCOPE + (",parent_contact" if contact else ""),
        text_version=CONSENT_VERSION,
        given_by=given_by,
        pseudonym=pseudonym,
        contact_enc=cipher.encrypt(contact) if cipher and contact else None,
        given_at=at,
    )
    session.add(consent)
    return consent


def for_lead(session: Session, lead_id: int) -> list[Consent]:
    return list(
        session.scalars(select(Consent).where(Consent.lead_id == lead_id).order_by(Consent.id))
    )


def withdraw_and_anonymise(session: Session, lead_id: int, at: datetime) -> None:
    """Mark the lead's consents withdrawn and drop their personal parts (keep the bare record)."""
    for consent in for_lead(session, lead_id):
        consent.withdrawn_at = consent.withdrawn_at or at
        consent.pseudonym = None
        consent.contact_enc = None
        consent.lead_id = None


def parent_contact(session: Session, cipher: Cipher, lead_id: int) -> str | None:
    for consent in for_lead(session, lead_id):
        if consent.given_by == PARENT and consent.contact_enc:
            return cipher.decrypt(consent.contact_enc)
    return None
