"""The person's rights: see everything stored about them (/mijngegevens), erase it all (/vergeet).

Keyed by the pseudonym only: the same key Rasa uses as sender_id, so the conversation in the
tracker store is found without ever handling a Telegram id here.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.core.crypto import Cipher
from bot.core.settings import Settings
from bot.leads import texts as lead_texts
from bot.leads.cards import age_title, route_title
from bot.leads.service import LeadService
from bot.leads.status import LABELS
from bot.privacy import texts
from bot.storage.db import Database
from bot.storage.models_leads import Consent, Lead


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
                route = route_title(facts.route)
                lines = [
                    texts.MY_LEAD.format(
                        id=lead.public_id,
                        status=LABELS.get(lead.status, lead.status),
                        date=f"{lead.created_at:%d-%m-%Y}",
                    ),
                    texts.MY_AGE.format(age=age_title(facts.age_band)),
                    texts.MY_AREA.format(area=facts.area or lead_texts.UNKNOWN),
                    texts.MY_CONTACT_WITH_DETAIL.format(route=route, contact=facts.contact)
                    if facts.contact
                    else texts.MY_CONTACT.format(route=route),
                    texts.MY_NICKNAME.format(nickname=facts.nickname or lead_texts.UNKNOWN),
                    texts.MY_WISHES.format(wishes=facts.wishes or lead_texts.UNKNOWN),
                    texts.MY_SOURCE.format(source=facts.source or texts.NO_SOURCE),
                ]
                if lead.chat_id_enc:
                    lines.append(texts.MY_CHAT)
                if facts.parent_contact:
                    lines.append(texts.MY_PARENT_CONTACT.format(contact=facts.parent_contact))
                if facts.note:
                    lines.append(texts.MY_NOTE.format(note=facts.note))
                lines.append(texts.MY_LEAD_KEPT.format(days=self._settings.lead_retention_days))
                parts.append("\n".join(lines))
            given = session.scalars(
                select(Consent).where(Consent.pseudonym == pseudonym, Consent.given_by == "parent")
            )
            for consent in given:
                contact = self._cipher.decrypt(consent.contact_enc) if consent.contact_enc else "-"
                parts.append(
                    texts.MY_PARENT_CONSENT.format(
                        date=f"{consent.given_at:%d-%m-%Y}",
                        version=consent.text_version,
                        contact=contact,
                    )
                )
        if not parts:
            parts.append(texts.NOTHING_STORED)
        days = self._settings.conversation_retention_days
        count = texts.MY_CONVERSATION_COUNT.format(count=conversation_events)
        parts.append(
            texts.MY_CONVERSATION.format(count=count if conversation_events else "", days=days)
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
