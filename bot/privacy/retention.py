"""Retention, enforced by a scheduled job in the bot process (APScheduler, see bot/ops/runtime.py).

- conversation events older than CONVERSATION_RETENTION_DAYS (per event, not per session);
- leads: LEAD_RETENTION_DAYS after they were closed or signed up;
- under-16 leads whose parent code expired without a parent's consent;
- come-back codes and audit rows of erased leads after LEAD_RETENTION_DAYS;
- used or expired staff invites at the next run;
- form drafts (personal answers kept out of Rasa) once expired;
- ids of our messages that showed personal details after 48 hours (no longer deletable);
- long button payloads with the conversation (CONVERSATION_RETENTION_DAYS).
Only ``lead_counts`` (anonymous weekly numbers per source) remains.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, or_, select

from bot.core.clock import Clock, SystemClock
from bot.core.settings import Settings
from bot.leads import status as st
from bot.leads.service import LeadService
from bot.pipeline.tracker import TrackerStore
from bot.privacy.drafts import DraftService
from bot.storage.db import Database
from bot.storage.models import ButtonPayload
from bot.storage.models_leads import ComebackCode, Lead, LeadAudit, StaffInvite
from bot.storage.models_privacy import PersonalMessage

log = logging.getLogger(__name__)

DELETABLE_FOR = timedelta(hours=48)


@dataclass(frozen=True)
class Purged:
    conversation_events: int
    leads: int
    pending_leads: int
    codes: int


class RetentionJob:
    def __init__(
        self,
        database: Database,
        settings: Settings,
        leads: LeadService,
        tracker: TrackerStore,
        *,
        clock: Clock | None = None,
        drafts: DraftService | None = None,
    ) -> None:
        self._db = database
        self._settings = settings
        self._leads = leads
        self._tracker = tracker
        self._clock = clock or SystemClock()
        self._drafts = drafts

    def run_once(self) -> Purged:
        now = self._clock.now()
        events = self._tracker.purge_before(
            now - timedelta(days=self._settings.conversation_retention_days)
        )
        lead_cutoff = now - timedelta(days=self._settings.lead_retention_days)
        with self._db.session() as session:
            finished = list(
                session.scalars(
                    select(Lead).where(
                        Lead.status.in_((st.SIGNED_UP, st.CLOSED)), Lead.closed_at < lead_cutoff
                    )
                )
            )
            pending = list(
                session.scalars(
                    select(Lead).where(
                        Lead.status == st.AWAITING_PARENT, Lead.parent_code_expires_at < now
                    )
                )
            )
            for lead in finished + pending:
                self._leads.erase_in(session, lead)
            old_codes = list(
                session.scalars(select(ComebackCode).where(ComebackCode.created_at < lead_cutoff))
            )
            for code in old_codes:
                session.delete(code)
            # Audit rows of erased leads say only "staff member X did Y"; kept as long as a lead.
            session.execute(
                delete(LeadAudit).where(LeadAudit.lead_id.is_(None), LeadAudit.at < lead_cutoff)
            )
            session.execute(
                delete(StaffInvite).where(
                    or_(StaffInvite.expires_at < now, StaffInvite.used_at.is_not(None))
                )
            )
        if self._drafts is not None:
            self._drafts.purge_expired(now)
        with self._db.session() as session:
            # Telegram lets a bot delete its messages for 48 hours only: older ids are useless.
            session.execute(
                delete(PersonalMessage).where(PersonalMessage.sent_at < now - DELETABLE_FOR)
            )
            session.execute(
                delete(ButtonPayload).where(
                    ButtonPayload.created_at
                    < now - timedelta(days=self._settings.conversation_retention_days)
                )
            )
        purged = Purged(events, len(finished), len(pending), len(old_codes))
        if any(purged.__dict__.values()):
            log.info("retention: %s", purged)
        return purged
