"""School requests (referral, presentation, materials) and the consented loop back to school.

Telegram-free: the Rasa actions call the school employee's and the student's side, and
bot/school/telegram.py the staff side. Like leads, every change and the message it causes
are written in one transaction through the outbox.

The loop: a referral gives the school employee a code (``/start ref_<code>``) for the student.
Only when the student (and, under 16, a parent) says "my school may hear" is a ReferralLink
stored; the lead status listener then tells the school when staff set "signed up".
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.core.code_guard import CodeGuard
from bot.core.errors import CodeInvalid, LeadNotFound, LeadStateError, NotStaff
from bot.core.service import Service
from bot.leads import status as st
from bot.leads import texts as lead_texts
from bot.leads.contact import SKIPPED
from bot.leads.service import (
    StepRules,
    code_hash,
    new_link_token,
    new_parent_code,
    new_typed_code,
    open_for,
    relayed,
    take_step,
)
from bot.pipeline.outbox import OutButton, cancel, enqueue
from bot.school import texts
from bot.school.cards import (
    RequestFacts,
    mentor_signed_up,
    mentor_update,
    staff_card,
    staff_details,
)
from bot.staff import texts as staff_texts
from bot.staff.members import Actor
from bot.storage.models_leads import Consent, Lead, aware
from bot.storage.models_outbox import OutboxMessage
from bot.storage.models_school import ReferralLink, SchoolRequest

log = logging.getLogger(__name__)

REFERRAL_PREFIX = "ref_"
CALLBACK_PREFIX = "r|"
# Staff steps of a school request: the lead statuses, where "done" closes it.
STEPS = {"claim": st.CLAIMED, "contacted": st.CONTACTED, "done": st.CLOSED}
FEEDBACK_PURPOSE = "school_feedback"
FEEDBACK_SCOPE = "signed_up,broad_update"
FEEDBACK_VERSION = "school-v1"
MAX_UPDATES = 3  # a few broad updates, not a running report


def _refusal(current: str, target: str) -> str:
    return (
        st.refusal(current, target)
        .replace("Deze aanmelding", texts.THIS_REQUEST)
        .replace("aanmelding", "verzoek")
    )


_STEP_RULES = StepRules(
    _refusal, texts.ALREADY_YOURS, texts.ONLY_CLAIMER_STATUS, texts.TAKEN_BY_COLLEAGUE
)


@dataclass(frozen=True)
class RequestDraft:
    """What one of the school forms collected; SKIPPED or None means not given."""

    kind: str
    school: str | None
    staff_role: str | None
    contact: str | None
    age_band: str | None = None
    parents_informed: str | None = None
    details: str | None = None


@dataclass(frozen=True)
class SubmittedRequest:
    public_id: str
    referral_code: str | None  # referrals only: typed form (10 characters)
    referral_link: str | None = None  # the same for the deep link /start ref_<token> (128 bits)


def _value(value: str | None) -> str | None:
    return None if value in (None, "", SKIPPED) else value


def subject_of(request: SchoolRequest) -> str:
    return f"school:{request.public_id}"


def staff_buttons(public_id: str, *, claimed: bool = False) -> list[list[OutButton]]:
    """Callback data 'r|<step>|<public id>': checked again server-side on every press."""
    first = [] if claimed else [OutButton("🙋 Oppakken", f"{CALLBACK_PREFIX}claim|{public_id}")]
    return [
        [*first, OutButton("📞 Contact gehad", f"{CALLBACK_PREFIX}contacted|{public_id}")],
        [OutButton("✅ Afgerond", f"{CALLBACK_PREFIX}done|{public_id}")],
    ]


def update_buttons(lead_public_id: str) -> list[list[OutButton]]:
    return [
        [OutButton(title, f"{CALLBACK_PREFIX}upd|{lead_public_id}|{key}")]
        for key, title in texts.UPDATE_TITLES.items()
    ]


class SchoolRequestService(Service):
    def _setup(self) -> None:
        self._codes = CodeGuard(self._db, self._cipher, self._settings, clock=self._clock)

    # ------------------------------------------------------------------ helpers

    def _enc(self, value: str | None) -> str | None:
        value = _value(value)
        return self._cipher.encrypt(value) if value is not None else None

    def _dec(self, value: str | None) -> str | None:
        return self._cipher.decrypt(value) if value else None

    def facts(self, request: SchoolRequest) -> RequestFacts:
        return RequestFacts(
            public_id=request.public_id,
            kind=request.kind,
            school=self._dec(request.school_enc),
            staff_role=request.staff_role,
            contact=self._dec(request.contact_enc),
            age_band=request.age_band,
            parents_informed=request.parents_informed,
            details=self._dec(request.details_enc),
            status=request.status,
            answer=self._dec(request.answer_enc),
        )

    @staticmethod
    def draft_facts(draft: RequestDraft) -> RequestFacts:
        return RequestFacts(
            public_id="(nieuw)",
            kind=draft.kind,
            school=_value(draft.school),
            staff_role=_value(draft.staff_role),
            contact=_value(draft.contact),
            age_band=_value(draft.age_band),
            parents_informed=_value(draft.parents_informed),
            details=_value(draft.details),
        )

    def _get(self, session: Session, public_id: str) -> SchoolRequest:
        request = session.scalar(
            select(SchoolRequest).where(SchoolRequest.public_id == public_id[:12])
        )
        if request is None:
            raise LeadNotFound(texts.REQUEST_UNKNOWN)
        return request

    def _tell_school(self, session: Session, request: SchoolRequest, text: str, key: str) -> bool:
        """A message to the chat the school employee used (only if they let us keep it)."""
        if not request.chat_id_enc:
            return False
        enqueue(
            session,
            self._cipher,
            not_before=self._clock.now(),
            chat_id=int(self._cipher.decrypt(request.chat_id_enc)),
            text=text,
            kind="school_update",
            dedupe_key=f"{subject_of(request)}:{key}",
            subject=subject_of(request),
        )
        return True

    # ------------------------------------------------------------ school employee

    def submit(self, pseudonym: str, draft: RequestDraft) -> SubmittedRequest:
        """Store a request and put its card in the outbox for staff, in one transaction."""
        if draft.kind not in texts.KIND_TITLES:
            raise ValueError(f"unknown school request kind {draft.kind!r}")
        code = new_typed_code() if draft.kind == "referral" else None
        link = new_link_token() if draft.kind == "referral" else None
        with self._db.session() as session:
            request = SchoolRequest(
                public_id=new_parent_code(),
                kind=draft.kind,
                pseudonym=pseudonym,
                status=st.OPEN,
                staff_role=_value(draft.staff_role),
                age_band=_value(draft.age_band),
                parents_informed=_value(draft.parents_informed),
                school_enc=self._enc(draft.school),
                contact_enc=self._enc(draft.contact),
                details_enc=self._enc(draft.details),
                code_hash=code_hash(code) if code else None,
                link_hash=code_hash(link) if link else None,
                created_at=self._clock.now(),
            )
            session.add(request)
            session.flush()
            chats = self._settings.staff_recipients
            if not chats:
                log.warning("school request not announced: set STAFF_CHAT_ID or ADMIN_TELEGRAM_IDS")
            for chat in chats:
                enqueue(
                    session,
                    self._cipher,
                    not_before=self._clock.now(),
                    chat_id=chat,
                    text=staff_card(self.facts(request)),
                    kind="school_card",
                    dedupe_key=f"{subject_of(request)}:card:{chat}",
                    subject=subject_of(request),
                    buttons=staff_buttons(request.public_id),
                )
            return SubmittedRequest(request.public_id, code, link)

    def attach_chat(self, pseudonym: str, public_id: str, chat_id: int) -> bool:
        """The bot process stores the school employee's chat; Rasa never sees the id."""
        with self._db.session() as session:
            request = session.scalar(
                select(SchoolRequest).where(SchoolRequest.public_id == public_id)
            )
            if request is None or request.pseudonym != pseudonym:
                return False
            request.chat_id_enc = self._cipher.encrypt(str(chat_id))
            return True

    # -------------------------------------------------------------- the student

    def referral_exists(self, code: str, who: str | None = None) -> bool:
        """A valid, unexpired referral code or link token; wrong ones by ``who`` are counted."""
        with self._db.session() as session:
            if who is not None:
                try:
                    self._codes.check(session, "referral", who)
                except CodeInvalid:
                    return False
            found = self._referral(session, code) is not None
        if not found and who is not None:
            self._codes.failed("referral", who)
        return found

    def _referral(self, session: Session, code: str) -> SchoolRequest | None:
        digest = code_hash(code.removeprefix(REFERRAL_PREFIX))
        request = session.scalar(
            select(SchoolRequest).where(
                (SchoolRequest.code_hash == digest) | (SchoolRequest.link_hash == digest)
            )
        )
        if request is None or request.kind != "referral":
            return None
        expires = request.created_at + timedelta(days=self._settings.security.referral_code_days)
        return request if expires > self._clock.now() else None

    def _lead(self, session: Session, lead_public_id: str) -> Lead | None:
        return session.scalar(select(Lead).where(Lead.public_id == lead_public_id))

    def _consent(self, session: Session, lead: Lead, given_by: str, pseudonym: str) -> None:
        # The leads' own consent table: erased and anonymised together with the lead.
        session.add(
            Consent(
                lead_id=lead.id,
                purpose=FEEDBACK_PURPOSE,
                scope=FEEDBACK_SCOPE,
                text_version=FEEDBACK_VERSION,
                given_by=given_by,
                pseudonym=pseudonym,
                given_at=self._clock.now(),
            )
        )

    def student_agrees(self, pseudonym: str, lead_public_id: str, code: str) -> bool:
        """The student said yes: link their lead to the referral. False if nothing to link."""
        with self._db.session() as session:
            lead = self._lead(session, lead_public_id)
            request = self._referral(session, code)
            if lead is None or lead.pseudonym != pseudonym or request is None:
                return False
            existing = session.scalar(select(ReferralLink).where(ReferralLink.lead_id == lead.id))
            if existing is not None:
                return True
            session.add(
                ReferralLink(
                    request_id=request.id,
                    lead_id=lead.id,
                    needs_parent=lead.status == st.AWAITING_PARENT or lead.consent_kind == "parent",
                    student_ok_at=self._clock.now(),
                )
            )
            self._consent(session, lead, "young_person", pseudonym)
            return True

    def waits_for_parent(self, lead_public_id: str) -> bool:
        """After a parent confirmed the lead: does the school link still need their yes?"""
        with self._db.session() as session:
            lead = self._lead(session, lead_public_id)
            if lead is None:
                return False
            link = session.scalar(select(ReferralLink).where(ReferralLink.lead_id == lead.id))
            return link is not None and link.needs_parent and link.parent_ok_at is None

    def parent_agrees(self, parent_pseudonym: str, lead_public_id: str) -> bool:
        with self._db.session() as session:
            lead = self._lead(session, lead_public_id)
            if lead is None or lead.consent_kind != "parent":
                return False
            link = session.scalar(select(ReferralLink).where(ReferralLink.lead_id == lead.id))
            if link is None:
                return False
            link.parent_ok_at = self._clock.now()
            self._consent(session, lead, "parent", parent_pseudonym)
            if lead.status == st.SIGNED_UP:  # staff were quicker than this answer
                self.on_lead_status(session, lead, st.SIGNED_UP)
            return True

    def parent_refuses(self, lead_public_id: str) -> None:
        with self._db.session() as session:
            lead = self._lead(session, lead_public_id)
            if lead is not None:
                self._unlink(session, lead)

    def _unlink(self, session: Session, lead: Lead) -> bool:
        link = session.scalar(select(ReferralLink).where(ReferralLink.lead_id == lead.id))
        if link is None:
            return False
        session.delete(link)
        now = self._clock.now()
        for consent in session.scalars(
            select(Consent).where(Consent.lead_id == lead.id, Consent.purpose == FEEDBACK_PURPOSE)
        ):
            consent.withdrawn_at = consent.withdrawn_at or now
        return True

    def withdraw_feedback(self, pseudonym: str) -> bool:
        """'Mijn school hoeft het niet te weten': the school hears nothing (more)."""
        with self._db.session() as session:
            leads = session.scalars(select(Lead).where(Lead.pseudonym == pseudonym))
            return any([self._unlink(session, lead) for lead in leads])

    # ----------------------------------------------------- lead status listener

    def on_lead_status(self, session: Session, lead: Lead, status: str) -> None:
        """Called in the transaction of a staff status change of any lead (LeadService)."""
        if status != st.SIGNED_UP:
            return
        link = session.scalar(select(ReferralLink).where(ReferralLink.lead_id == lead.id))
        if link is None or link.signed_up_told_at is not None:
            return
        if link.needs_parent and link.parent_ok_at is None:
            return  # a parent did not (yet) agree: the school hears nothing
        request = session.get(SchoolRequest, link.request_id)
        if request is None:
            return
        if self._tell_school(
            session, request, mentor_signed_up(request.public_id), f"signed:{lead.public_id}"
        ):
            link.signed_up_told_at = self._clock.now()
            if lead.claimed_by is not None:
                # The claimer may later send a short, broad update; offered with buttons.
                enqueue(
                    session,
                    self._cipher,
                    not_before=self._clock.now(),
                    chat_id=lead.claimed_by,
                    text=texts.STAFF_UPDATE_OFFER.format(id=lead.public_id),
                    kind="school_update_offer",
                    dedupe_key=f"lead:{lead.public_id}:school_offer",
                    subject=f"lead:{lead.public_id}",
                    buttons=update_buttons(lead.public_id),
                )

    def updates_left(self, lead_public_id: str) -> int:
        """How many broad updates the referring school may still get about this lead (0: none)."""
        with self._db.session() as session:
            lead = self._lead(session, lead_public_id)
            if lead is None:
                return 0
            link = session.scalar(select(ReferralLink).where(ReferralLink.lead_id == lead.id))
            if link is None or link.signed_up_told_at is None:
                return 0
            return max(0, MAX_UPDATES - link.updates_sent)

    def send_update(self, actor: Actor, lead_public_id: str, key: str) -> str:
        """A broad update to the referring school, chosen by staff from a fixed list."""
        text = texts.BROAD_UPDATES.get(key)
        if text is None:
            raise LeadStateError(texts.UPDATE_UNKNOWN)
        with self._db.session() as session:
            lead = self._lead(session, lead_public_id)
            link = (
                session.scalar(select(ReferralLink).where(ReferralLink.lead_id == lead.id))
                if lead is not None
                else None
            )
            if lead is None or link is None or link.signed_up_told_at is None:
                raise LeadStateError(texts.SCHOOL_MAY_NOT_HEAR)
            if lead.claimed_by != actor.telegram_id and not actor.is_admin:
                raise NotStaff(texts.ONLY_CLAIMER_UPDATE)
            if link.updates_sent >= MAX_UPDATES:
                raise LeadStateError(texts.ENOUGH_UPDATES)
            request = session.get(SchoolRequest, link.request_id)
            if request is None:
                raise LeadStateError(texts.REQUEST_ERASED)
            link.updates_sent += 1
            self._tell_school(
                session,
                request,
                mentor_update(request.public_id, text),
                f"upd:{lead.public_id}:{link.updates_sent}",
            )
            return texts.UPDATE_SENT

    # ------------------------------------------------------------------ staff

    def staff_step(self, actor: Actor, public_id: str, step: str) -> str:
        target = STEPS.get(step)
        if target is None:
            raise LeadStateError(staff_texts.UNKNOWN_STEP)
        now = self._clock.now()
        with self._db.session() as session:
            request = take_step(
                session,
                SchoolRequest,
                self._get,
                _STEP_RULES,
                public_id=public_id,
                actor=actor,
                target=target,
                now=now,
            )
            if target == st.CLAIMED:
                enqueue(
                    session,
                    self._cipher,
                    not_before=now,
                    chat_id=actor.telegram_id,
                    text=staff_details(self.facts(request)),
                    kind="school_details",
                    dedupe_key=f"{subject_of(request)}:details:{actor.telegram_id}",
                    subject=subject_of(request),
                    buttons=staff_buttons(request.public_id, claimed=True),
                )
                self._tell_school(
                    session,
                    request,
                    texts.MSG_CLAIMED[request.kind].format(id=request.public_id),
                    "claimed",
                )
            elif target == st.CLOSED:
                request.closed_at = now
                self._tell_school(
                    session, request, texts.MSG_DONE.format(id=request.public_id), "done"
                )
            return (
                f"#{request.public_id}: {st.LABELS[target] if target != st.CLOSED else 'afgerond'}."
            )

    def answer(self, actor: Actor, public_id: str, text: str) -> str:
        """Staff answer a school request; the school employee gets it in their chat."""
        with self._db.session() as session:
            request = self._get(session, public_id)
            if request.claimed_by != actor.telegram_id and not actor.is_admin:
                raise NotStaff(texts.CLAIM_FIRST)
            request.answer_enc = self._cipher.encrypt(" ".join(text.split())[:3000])
            sent = self._tell_school(
                session,
                request,
                texts.MSG_ANSWER.format(id=request.public_id, text=relayed(text)),
                f"answer:{secrets.token_hex(6)}",
            )
            if not sent:
                return texts.ANSWER_SAVED_NO_CHAT
            return texts.ANSWER_SENT

    def page(
        self, actor: Actor, *, view: str = "open", offset: int = 0, limit: int = 25
    ) -> tuple[list[tuple[RequestFacts, bool, datetime]], int]:
        """Requests for the console: "open", "mine" or "all"; contact only on the claimer's rows."""
        query = select(SchoolRequest)
        if view == "open":
            query = query.where(SchoolRequest.status == st.OPEN)
        elif view == "mine":
            query = query.where(
                SchoolRequest.claimed_by == actor.telegram_id,
                SchoolRequest.status.in_((st.CLAIMED, st.CONTACTED)),
            )
        with self._db.session() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(
                query.order_by(SchoolRequest.id.desc()).offset(offset).limit(limit)
            ).all()
            out = []
            for request in rows:
                mine = request.claimed_by == actor.telegram_id or actor.is_admin
                facts = self.facts(request)
                if not mine:
                    facts = RequestFacts(**{**facts.__dict__, "contact": None})
                out.append(
                    (facts, request.claimed_by == actor.telegram_id, aware(request.created_at))
                )
            return out, int(total)

    def view(self, actor: Actor, public_id: str) -> tuple[RequestFacts, bool]:
        """One request; the contact detail only for the claimer (or an admin)."""
        with self._db.session() as session:
            request = self._get(session, public_id)
            facts = self.facts(request)
            mine = request.claimed_by == actor.telegram_id
            if not (mine or actor.is_admin):
                facts = RequestFacts(**{**facts.__dict__, "contact": None})
            return facts, mine

    def open_requests(self, actor: Actor) -> list[str]:
        """/verzoeken: open requests, and the ones this staff member claimed."""
        with self._db.session() as session:
            lines = []
            for request in open_for(session, SchoolRequest, actor):
                facts = self.facts(request)
                mine = lead_texts.CLAIMED_BY_YOU if request.claimed_by == actor.telegram_id else ""
                lines.append(
                    texts.OPEN_REQUEST_LINE.format(
                        id=request.public_id,
                        kind=texts.KIND_TITLES[request.kind],
                        status=st.LABELS[request.status],
                        mine=mine,
                        school=facts.school or "?",
                    )
                )
            return lines

    # ------------------------------------------------------------- retention

    def purge_due(self) -> int:
        """Erase requests closed longer ago than LEAD_RETENTION_DAYS (their links go along)."""
        cutoff = self._clock.now() - timedelta(days=self._settings.lead_retention_days)
        with self._db.session() as session:
            rows = list(
                session.scalars(
                    select(SchoolRequest).where(
                        SchoolRequest.status == st.CLOSED, SchoolRequest.closed_at < cutoff
                    )
                )
            )
            for request in rows:
                self._erase(session, request)
            return len(rows)

    def _erase(self, session: Session, request: SchoolRequest) -> None:
        cancel(session, subject=subject_of(request))
        session.execute(delete(OutboxMessage).where(OutboxMessage.subject == subject_of(request)))
        session.execute(delete(ReferralLink).where(ReferralLink.request_id == request.id))
        session.delete(request)

    def summary(self, pseudonym: str) -> str | None:
        """/mijngegevens of a school employee: their requests, in plain Dutch."""
        with self._db.session() as session:
            rows = list(
                session.scalars(select(SchoolRequest).where(SchoolRequest.pseudonym == pseudonym))
            )
            parts = []
            for request in rows:
                facts = self.facts(request)
                parts.append(
                    texts.MY_DATA_REQUEST.format(
                        kind=texts.KIND_TITLES[request.kind],
                        id=request.public_id,
                        status=st.LABELS.get(request.status, request.status),
                        school=facts.school or "-",
                        contact=facts.contact or "-",
                    )
                    + (texts.MY_DATA_CHAT if request.chat_id_enc else "")
                )
        if not parts:
            return None
        return texts.MY_DATA_HEADER + "\n".join(texts.MY_DATA_BULLET.format(line=p) for p in parts)

    def forget(self, pseudonym: str) -> int:
        """The school employee's own /vergeet or /stop: their requests are erased."""
        with self._db.session() as session:
            rows = list(
                session.scalars(select(SchoolRequest).where(SchoolRequest.pseudonym == pseudonym))
            )
            for request in rows:
                self._erase(session, request)
            return len(rows)
