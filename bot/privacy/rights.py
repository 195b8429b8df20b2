"""The person's rights: see everything stored about them (/mijngegevens), erase it all (/vergeet).

Keyed by the pseudonym only: the same key Rasa uses as sender_id, so the conversation in the
tracker store is found without ever handling a Telegram id here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.core.crypto import Cipher
from bot.core.settings import Settings
from bot.leads.cards import age_title, route_title
from bot.leads.service import LeadService
from bot.leads.status import LABELS
from bot.storage.db import Database
from bot.storage.models_leads import Consent, Lead

NOTHING_STORED = (
    "Ik heb niets over je opgeslagen waarmee iemand je kan herkennen: geen aanmelding en geen "
    "contactgegevens. Alleen ons gesprek zelf, onder een code in plaats van je Telegram-nummer."
)


@dataclass(frozen=True)
class Erased:
    leads: int
    parent_consents: int
    conversation_events: int


class PrivacyService:
    def __init__(
        self, database: Database, cipher: Cipher, settings: Settings, leads: LeadService
    ) -> None:
        self._db = database
        self._cipher = cipher
        self._settings = settings
        self._leads = leads

    def summary(self, pseudonym: str, conversation_events: int | None = None) -> str:
        """Everything about this person in our database, in plain Dutch (for them only)."""
        parts: list[str] = []
        with self._db.session() as session:
            for lead in session.scalars(select(Lead).where(Lead.pseudonym == pseudonym)):
                facts = self._leads.facts(session, lead)
                lines = [
                    f"Aanmelding #{lead.public_id} ({LABELS.get(lead.status, lead.status)}), "
                    f"gemaakt op {lead.created_at:%d-%m-%Y}:",
                    f"• leeftijd: {age_title(facts.age_band)}",
                    f"• gebied: {facts.area or 'niet ingevuld'}",
                    f"• contact: {route_title(facts.route)}"
                    + (f" ({facts.contact})" if facts.contact else ""),
                    f"• naam/bijnaam: {facts.nickname or 'niet ingevuld'}",
                    f"• wat je leuk lijkt: {facts.wishes or 'niet ingevuld'}",
                    f"• bron: {facts.source or 'geen'}",
                ]
                if lead.chat_id_enc:
                    lines.append("• je chat met mij, zodat Join us je hier kan berichten")
                if facts.parent_contact:
                    lines.append(f"• contact van je ouder/verzorger: {facts.parent_contact}")
                if facts.note:
                    lines.append(f"• notitie van Join us: {facts.note}")
                lines.append(
                    f"Bewaard tot {self._settings.lead_retention_days} dagen na het afronden."
                )
                parts.append("\n".join(lines))
            given = session.scalars(
                select(Consent).where(Consent.pseudonym == pseudonym, Consent.given_by == "parent")
            )
            for consent in given:
                contact = self._cipher.decrypt(consent.contact_enc) if consent.contact_enc else "-"
                parts.append(
                    f"Je gaf als ouder/verzorger toestemming op {consent.given_at:%d-%m-%Y} "
                    f"(tekstversie {consent.text_version}), met je contactgegeven {contact}."
                )
        if not parts:
            parts.append(NOTHING_STORED)
        days = self._settings.conversation_retention_days
        count = f" ({conversation_events} berichten en stappen)" if conversation_events else ""
        parts.append(
            f"Ons gesprek{count} bewaar ik {days} dagen, daarna wis ik het. "
            "Met /vergeet wis je alles meteen, met /stop trek je een aanmelding in."
        )
        return "\n\n".join(parts)

    def erase(self, pseudonym: str) -> Erased:
        """Erase leads, consents' personal parts, audit links and outbox rows of this person.

        The Rasa conversation is erased by the bot process right after the turn (see
        bot/leads/directives.py): Rasa saves the tracker at the end of the turn and would
        otherwise write it straight back.
        """
        with self._db.session() as session:
            own = list(session.scalars(select(Lead).where(Lead.pseudonym == pseudonym)))
            for lead in own:
                self._leads.erase_in(session, lead)
            session.flush()
            as_parent = self._leads.withdraw_parent_consents(session, pseudonym)
            # Consents whose lead is gone already still carry the pseudonym: drop it.
            for consent in session.scalars(select(Consent).where(Consent.pseudonym == pseudonym)):
                consent.pseudonym, consent.contact_enc, consent.lead_id = None, None, None
            return Erased(len(own), as_parent, 0)
