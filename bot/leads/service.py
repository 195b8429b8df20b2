"""Warm leads: from a consented form to the staff card, claim and status, and back out again.

Telegram-free: the Rasa actions call the young person's side, bot/staff/telegram.py the staff
side. Every change and the message it causes are written in one transaction (bot/pipeline/outbox.py),
so an outage or restart never loses or duplicates a lead card.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from bot.core.code_guard import CodeGuard
from bot.core.errors import CodeInvalid, LeadNotFound, LeadStateError, NotStaff
from bot.core.service import Service
from bot.core.workdays import after_working_hours
from bot.leads import consent, texts
from bot.leads import status as st
from bot.leads.cards import LeadFacts, staff_card, staff_details
from bot.leads.contact import SKIPPED, needs_parent
from bot.leads.counts import bump, clean_source, weekly
from bot.pipeline.outbox import OutButton, cancel, enqueue
from bot.staff import texts as staff_texts
from bot.staff.members import Actor
from bot.storage.db import rows_changed
from bot.storage.models_leads import ComebackCode, Consent, Lead, LeadAudit, aware
from bot.storage.models_outbox import OutboxMessage
from bot.storage.models_school import SchoolRequest

log = logging.getLogger(__name__)

# Unambiguous when read aloud or typed from a phone screen (no 0/O, 1/I/L, U/V).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"
PARENT_PREFIX = "ouder_"
COMEBACK_PREFIX = "terug_"
CALLBACK_PREFIX = "s|"


# Called in the transaction of every staff status change: (session, lead, new status).
# Referrals (issue 5) hook in here to tell a school when their student signed up.
StatusListener = Callable[[Session, Lead, str], None]


@dataclass(frozen=True)
class LeadDraft:
    """What the interest form collected; SKIPPED or None means not given."""

    age_band: str | None
    area: str | None
    route: str | None
    contact: str | None
    nickname: str | None
    wishes: str | None
    source: str | None

    @property
    def reachable(self) -> bool:
        if self.route in (None, SKIPPED):
            return False
        return self.route == "telegram" or self.contact not in (None, SKIPPED)

    @property
    def needs_parent(self) -> bool:
        return needs_parent(self.age_band)


@dataclass(frozen=True)
class LeadRow:
    """One line of the console's list: the card's fields, never contact details."""

    public_id: str
    status: str
    age_band: str | None
    area: str | None
    source: str | None
    created_at: datetime
    mine: bool
    claimed: bool


@dataclass(frozen=True)
class Submitted:
    public_id: str
    parent_code: str | None  # set for under-16 leads: give it to a parent (typed form)
    parent_link: str | None = None  # the same, for the deep link: a 128-bit random token


# Typed codes: 10 characters of CODE_ALPHABET (about 48 bits); wrong guesses are capped per
# person and globally in the database (bot/core/code_guard.py).
TYPED_CODE_LENGTH = 10


def new_code(length: int = 6) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


# A typed parent code inside a message (the shape new_parent_code makes; older 6-character
# codes still count).
TYPED_PARENT_CODE = re.compile(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])([A-Za-z0-9]{6,10})\b")


def new_parent_code(length: int = 6) -> str:
    """Characters with at least one digit and one letter, so it can be told from words."""
    while True:
        code = new_code(length)
        if any(c.isdigit() for c in code) and any(c.isalpha() for c in code):
            return code


def new_typed_code() -> str:
    """A code a person types (parent consent, school referral): 10 unambiguous characters."""
    return new_parent_code(TYPED_CODE_LENGTH)


def new_link_token() -> str:
    """The random part of a deep link (/start <prefix>_<token>): 128 bits, base32, 26 chars."""
    return base64.b32encode(secrets.token_bytes(16)).decode().rstrip("=")


def code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def relayed(text: str, limit: int = 3000) -> str:
    """A person's own words inside an HTML message (the outbox sends parse_mode=HTML): cut, then
    escaped, so "<3" arrives as "<3" and nobody can put a link or markup in another's chat."""
    return html.escape(text.strip()[:limit], quote=False)


def _value(value: str | None) -> str | None:
    return None if value in (None, "", SKIPPED) else value


def claim_open(
    session: Session, model: type[Any], public_id: str, staff_id: int, now: datetime
) -> bool:
    """Claim an open, unclaimed lead or school request in one conditional UPDATE: of two staff
    members pressing "claim" at once, exactly one matches the row (True for the winner)."""
    won = session.execute(
        update(model)
        .where(
            model.public_id == public_id[:12],
            model.status == st.OPEN,
            model.claimed_by.is_(None),
        )
        .values(status=st.CLAIMED, claimed_by=staff_id, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    return rows_changed(won) == 1


# The two things staff claim and move through the same states (bot/leads/status.py).
RowT = TypeVar("RowT", Lead, SchoolRequest)


@dataclass(frozen=True)
class StepRules:
    """What a staff step says when it is refused (leads and school requests word it apart)."""

    refusal: Callable[[str, str], str]
    already_yours: str
    only_claimer: str
    taken_by_colleague: str | None = None


def take_step(
    session: Session,
    model: type[RowT],
    get: Callable[[Session, str], RowT],
    rules: StepRules,
    *,
    public_id: str,
    actor: Actor,
    target: str,
    now: datetime,
) -> RowT:
    """Move a lead or school request to ``target`` for a staff member, or raise why not.

    Claiming runs the conditional UPDATE first, before any read: of two staff members pressing
    "claim" at once exactly one matches the row (it also takes SQLite's write lock before a
    snapshot is read, so the loser waits instead of failing). Other steps need the row's state to
    allow them and, unless an admin acts, the claimer's own hand.
    """
    if target == st.CLAIMED:
        won = claim_open(session, model, public_id, actor.telegram_id, now)
        row = get(session, public_id)
        if not won:
            if row.claimed_by == actor.telegram_id:
                raise LeadStateError(rules.already_yours)
            if rules.taken_by_colleague and row.claimed_by is not None:
                raise LeadStateError(rules.taken_by_colleague)
            raise LeadStateError(rules.refusal(row.status, target))
        session.refresh(row)
    else:
        row = get(session, public_id)
        if not st.can_move(row.status, target):
            raise LeadStateError(rules.refusal(row.status, target))
        others = row.claimed_by not in (None, actor.telegram_id)
        if others and not actor.is_admin:
            raise NotStaff(rules.only_claimer)
    row.status = target
    return row


def open_for(session: Session, model: type[RowT], actor: Actor) -> list[RowT]:
    """Open leads or requests, and the ones this staff member claimed and works on, oldest first."""
    rows = session.scalars(
        select(model)
        .where(model.status.in_((st.OPEN, st.CLAIMED, st.CONTACTED)))
        .order_by(model.id)
    )
    return [row for row in rows if row.status == st.OPEN or row.claimed_by == actor.telegram_id]


class LeadService(Service):
    def _setup(self) -> None:
        self.status_listeners: list[StatusListener] = []
        # Wrong parent codes: counted in the database, per person and for everyone.
        self.codes = CodeGuard(self._db, self._cipher, self._settings, clock=self._clock)

    # ------------------------------------------------------------------ helpers

    def _enc(self, value: str | None) -> str | None:
        value = _value(value)
        return self._cipher.encrypt(value) if value is not None else None

    def _dec(self, value: str | None) -> str | None:
        return self._cipher.decrypt(value) if value else None

    def facts(self, session: Session, lead: Lead) -> LeadFacts:
        return LeadFacts(
            public_id=lead.public_id,
            age_band=lead.age_band,
            area=self._dec(lead.area_enc),
            route=lead.route,
            contact=self._dec(lead.contact_enc),
            nickname=self._dec(lead.nickname_enc),
            wishes=self._dec(lead.wishes_enc),
            source=lead.source,
            consent_kind=lead.consent_kind,
            status=lead.status,
            parent_contact=consent.parent_contact(session, self._cipher, lead.id),
            note=self._dec(lead.note_enc),
            kind=lead.kind,
        )

    def draft_facts(self, draft: LeadDraft, consent_kind: str) -> LeadFacts:
        """The preview of a lead that is not stored yet."""
        return LeadFacts(
            public_id="(nieuw)",
            age_band=_value(draft.age_band),
            area=_value(draft.area),
            route=_value(draft.route),
            contact=_value(draft.contact),
            nickname=_value(draft.nickname),
            wishes=_value(draft.wishes),
            source=self.resolve_source(draft.source),
            consent_kind=consent_kind,
        )

    def announce(self, session: Session, lead: Lead, *, reannounce: bool = False) -> bool:
        """Post the staff card (outbox, caller's transaction); other lead kinds reuse this."""
        chats = self._settings.staff_recipients
        if not chats:
            log.warning("lead %s not announced: set STAFF_CHAT_ID or ADMIN_TELEGRAM_IDS", lead.id)
            return False
        lead.announce_count += 1
        lead.announced_at = self._clock.now()
        text = staff_card(self.facts(session, lead), reannounce=reannounce)
        buttons = staff_buttons(lead.public_id)
        for chat in chats:
            enqueue(
                session,
                self._cipher,
                not_before=self._clock.now(),
                chat_id=chat,
                text=text,
                kind="lead_card",
                dedupe_key=f"lead:{lead.public_id}:card:{lead.announce_count}:{chat}",
                subject=subject_of(lead),
                buttons=buttons,
            )
        return True

    def _get(self, session: Session, public_id: str) -> Lead:
        lead = session.scalar(select(Lead).where(Lead.public_id == public_id[:12]))
        if lead is None:
            raise LeadNotFound(texts.LEAD_UNKNOWN)
        return lead

    def _audit(self, session: Session, lead: Lead, actor: Actor, action: str) -> None:
        session.add(
            LeadAudit(
                lead_id=lead.id, actor_id=actor.telegram_id, action=action, at=self._clock.now()
            )
        )

    def _notify_young_person(
        self, session: Session, lead: Lead, text: str, key: str, *, detached: bool = False
    ) -> None:
        if lead.route != "telegram" or not lead.chat_id_enc:
            return
        enqueue(
            session,
            self._cipher,
            not_before=self._clock.now(),
            chat_id=int(self._cipher.decrypt(lead.chat_id_enc)),
            text=text,
            kind="lead_update",
            dedupe_key=f"notice:{key}" if detached else f"lead:{lead.public_id}:{key}",
            subject=None if detached else subject_of(lead),
        )

    # ------------------------------------------------------- the young person

    def active_lead(self, pseudonym: str) -> Lead | None:
        with self._db.session() as session:
            return session.scalar(
                select(Lead)
                .where(Lead.pseudonym == pseudonym, Lead.status.in_(st.ACTIVE))
                .order_by(Lead.id.desc())
                .limit(1)
            )

    def note_interest(self, source: str | None) -> None:
        with self._db.session() as session:
            bump(session, "interest", self.resolve_source(source), self._clock.now())

    def comeback_code(self, source: str | None) -> str:
        """'Ik denk erover na': a code that remembers only the campaign, never the person."""
        with self._db.session() as session:
            code = new_code(8)
            session.add(
                ComebackCode(
                    code=code, source=self.resolve_source(source), created_at=self._clock.now()
                )
            )
        return code

    def resolve_source(self, source: str | None) -> str | None:
        """The campaign of a deep link; a come-back code gives back the original campaign."""
        if not source:
            return None
        if source.startswith(COMEBACK_PREFIX):
            with self._db.session() as session:
                row = session.get(ComebackCode, source.removeprefix(COMEBACK_PREFIX).upper())
                return row.source if row is not None else None
        if source.startswith((PARENT_PREFIX, "staff_")):
            return None  # codes, not campaigns
        if source.startswith("ref_"):
            # Issue 5: a school's personal referral code is counted as one channel, never per code.
            return "school_ref"
        return clean_source(source)

    def submit(self, pseudonym: str, draft: LeadDraft) -> Submitted:
        """Store a consented lead; 16+ goes to staff now, under 16 waits for a parent."""
        now = self._clock.now()
        parent_code = new_typed_code() if draft.needs_parent else None
        parent_link = new_link_token() if draft.needs_parent else None
        with self._db.session() as session:
            lead = Lead(
                public_id=new_code(6),
                kind="interest",
                pseudonym=pseudonym,
                status=st.AWAITING_PARENT if parent_code else st.OPEN,
                age_band=_value(draft.age_band),
                route=_value(draft.route),
                area_enc=self._enc(draft.area),
                contact_enc=self._enc(draft.contact) if draft.route != "telegram" else None,
                nickname_enc=self._enc(draft.nickname),
                wishes_enc=self._enc(draft.wishes),
                source=self.resolve_source(draft.source),
                consent_kind=None if parent_code else "self",
                parent_code_hash=code_hash(parent_code) if parent_code else None,
                parent_link_hash=code_hash(parent_link) if parent_link else None,
                parent_code_expires_at=now + timedelta(days=self._settings.parent_code_days)
                if parent_code
                else None,
                created_at=now,
                consented_at=None if parent_code else now,
                announce_count=0,
            )
            session.add(lead)
            session.flush()
            consent.record(
                session,
                lead,
                purpose=consent.ASK_PARENT if parent_code else consent.ROUTE_TO_STAFF,
                given_by=consent.YOUNG_PERSON,
                pseudonym=pseudonym,
                at=now,
            )
            if not parent_code:
                bump(session, "consented", lead.source, now)
                self.announce(session, lead)
            return Submitted(lead.public_id, parent_code, parent_link)

    def attach_chat(self, pseudonym: str, public_id: str, chat_id: int) -> bool:
        """The bot process links the chat of a 'via deze chat' lead; Rasa never sees the id."""
        with self._db.session() as session:
            lead = session.scalar(select(Lead).where(Lead.public_id == public_id))
            if lead is None or lead.pseudonym != pseudonym or lead.route != "telegram":
                return False
            lead.chat_id_enc = self._cipher.encrypt(str(chat_id))
            return True

    # ------------------------------------------------------------- the parent

    def _pending(self, session: Session, code: str, parent_pseudonym: str) -> Lead:
        """The lead waiting for this parent code (typed) or link token; wrong ones are counted."""
        now = self._clock.now()
        self.codes.check(session, "parent", parent_pseudonym)
        digest = code_hash(code.removeprefix(PARENT_PREFIX))
        lead = session.scalar(
            select(Lead).where(
                (Lead.parent_code_hash == digest) | (Lead.parent_link_hash == digest)
            )
        )
        if (
            lead is None
            or lead.status != st.AWAITING_PARENT
            or lead.parent_code_expires_at is None
            or aware(lead.parent_code_expires_at) < now
        ):
            self.codes.failed("parent", parent_pseudonym)
            raise CodeInvalid(texts.PARENT_CODE_UNKNOWN)
        if lead.pseudonym == parent_pseudonym:
            raise CodeInvalid(texts.PARENT_CODE_IS_FOR_PARENT)
        return lead

    def parent_preview(self, code: str, parent_pseudonym: str) -> LeadFacts:
        with self._db.session() as session:
            lead = self._pending(session, code, parent_pseudonym)
            facts = self.facts(session, lead)
            return LeadFacts(**{**facts.__dict__, "consent_kind": "parent"})

    def confirm_parent(self, code: str, parent_pseudonym: str, parent_contact: str) -> str:
        now = self._clock.now()
        with self._db.session() as session:
            lead = self._pending(session, code, parent_pseudonym)
            consent.record(
                session,
                lead,
                purpose=consent.ROUTE_TO_STAFF,
                given_by=consent.PARENT,
                pseudonym=parent_pseudonym,
                at=now,
                cipher=self._cipher,
                contact=parent_contact,
            )
            lead.status, lead.consent_kind, lead.consented_at = st.OPEN, "parent", now
            lead.parent_code_hash, lead.parent_code_expires_at = None, None
            lead.parent_link_hash = None
            bump(session, "consented", lead.source, now)
            self.announce(session, lead)
            return lead.public_id

    def parent_refuses(self, code: str, parent_pseudonym: str) -> str | None:
        """A parent says no: the child's lead is erased; returns the child's pseudonym."""
        with self._db.session() as session:
            lead = self._pending(session, code, parent_pseudonym)
            child = lead.pseudonym
            # A random key and no subject: the notice must outlive the erasure just below.
            self._notify_young_person(
                session, lead, texts.MSG_PARENT_REFUSED, secrets.token_hex(8), detached=True
            )
            self._erase(session, lead)
            return child

    # --------------------------------------------------------- withdrawal, erasure

    def _erase(self, session: Session, lead: Lead, *, tell_staff: bool = False) -> None:
        """Remove a lead and everything personal around it, in the caller's transaction."""
        now = self._clock.now()
        subject = subject_of(lead)
        cancel(session, subject=subject)
        session.execute(delete(OutboxMessage).where(OutboxMessage.subject == subject))
        session.execute(update(LeadAudit).where(LeadAudit.lead_id == lead.id).values(lead_id=None))
        consent.withdraw_and_anonymise(session, lead.id, now)
        if tell_staff and lead.announced_at is not None:
            for chat in self._settings.staff_recipients:
                enqueue(
                    session,
                    self._cipher,
                    not_before=self._clock.now(),
                    chat_id=chat,
                    text=texts.STAFF_LEAD_WITHDRAWN.format(id=lead.public_id),
                    kind="lead_notice",
                    dedupe_key=f"withdrawn:{secrets.token_hex(8)}",
                )
        session.delete(lead)

    def withdraw(self, pseudonym: str) -> int:
        """'/stop': stop routing and erase every lead of this person; returns how many.

        A parent's /stop withdraws the consent they gave, which erases that child's lead too
        (without it the lead may not be passed on), as /vergeet does.
        """
        with self._db.session() as session:
            leads = list(session.scalars(select(Lead).where(Lead.pseudonym == pseudonym)))
            for lead in leads:
                self._erase(session, lead, tell_staff=lead.status in st.ACTIVE)
            session.flush()
            return len(leads) + self.withdraw_parent_consents(session, pseudonym)

    def withdraw_parent_consents(self, session: Session, parent_pseudonym: str) -> int:
        """A parent who is forgotten takes their consent along: those leads are erased too."""
        rows = session.scalars(
            select(Lead)
            .join(Consent, Consent.lead_id == Lead.id)
            .where(Consent.pseudonym == parent_pseudonym)
        )
        leads = list(rows)
        for lead in leads:
            self._erase(session, lead, tell_staff=lead.status in st.ACTIVE)
        return len(leads)

    def erase_in(self, session: Session, lead: Lead) -> None:
        self._erase(session, lead, tell_staff=lead.status in st.ACTIVE)

    # ------------------------------------------------------------------ staff

    def staff_step(self, actor: Actor, public_id: str, action: str) -> str:
        """A staff button or command: claim / contacted / signed / close. Returns a short reply."""
        target = st.STAFF_ACTIONS.get(action)
        if target is None:
            raise LeadStateError(staff_texts.UNKNOWN_STEP)
        now = self._clock.now()
        with self._db.session() as session:
            lead = take_step(
                session,
                Lead,
                self._get,
                StepRules(st.refusal, texts.ALREADY_YOURS, texts.ONLY_CLAIMER_STATUS),
                public_id=public_id,
                actor=actor,
                target=target,
                now=now,
            )
            self._audit(session, lead, actor, f"status:{target}")
            if target == st.CLAIMED:
                self._send_details(session, lead, actor)
                self._notify_young_person(session, lead, texts.MSG_CLAIMED, "claimed")
            elif target == st.CONTACTED:
                lead.contacted_at = lead.contacted_at or now
                bump(session, "contacted", lead.source, now)
            elif target == st.SIGNED_UP:
                lead.signed_up_at = lead.closed_at = now
                bump(session, "signed_up", lead.source, now)
            elif target == st.CLOSED:
                lead.closed_at = now
            for listener in self.status_listeners:
                listener(session, lead, target)
            return f"#{lead.public_id}: {st.LABELS[target]}."

    def _send_details(self, session: Session, lead: Lead, actor: Actor) -> None:
        self._audit(session, lead, actor, "view_details")
        enqueue(
            session,
            self._cipher,
            not_before=self._clock.now(),
            chat_id=actor.telegram_id,
            text=staff_details(self.facts(session, lead)),
            kind="lead_details",
            dedupe_key=f"lead:{lead.public_id}:details:{actor.telegram_id}:{lead.claimed_at}",
            subject=subject_of(lead),
            buttons=staff_buttons(lead.public_id, claimed=True),
        )

    def details(self, actor: Actor, public_id: str) -> str:
        """Full details for the claimer (or an admin); every view is audited."""
        return staff_details(self.detail_facts(actor, public_id))

    def detail_facts(self, actor: Actor, public_id: str) -> LeadFacts:
        """The decrypted lead for the claimer (or an admin), audited like /lead (the console)."""
        with self._db.session() as session:
            lead = self._get(session, public_id)
            if lead.claimed_by != actor.telegram_id and not actor.is_admin:
                raise NotStaff(texts.ONLY_CLAIMER_DETAILS)
            self._audit(session, lead, actor, "view_details")
            return self.facts(session, lead)

    def card_facts(self, public_id: str) -> tuple[LeadFacts, int | None]:
        """What the staff card shows (no contact, name or free text) and who claimed it."""
        with self._db.session() as session:
            lead = self._get(session, public_id)
            facts = LeadFacts(
                public_id=lead.public_id,
                age_band=lead.age_band,
                area=self._dec(lead.area_enc),
                route=lead.route,
                contact=None,
                nickname=None,
                wishes=None,
                source=lead.source,
                consent_kind=lead.consent_kind,
                status=lead.status,
                kind=lead.kind,
            )
            return facts, lead.claimed_by

    def page(
        self, actor: Actor, *, view: str = "open", offset: int = 0, limit: int = 25
    ) -> tuple[list[LeadRow], int]:
        """A page of leads for the console: "open" (unclaimed), "mine", or "all" (announced)."""
        query = select(Lead).where(Lead.status != st.AWAITING_PARENT)
        if view == "open":
            query = query.where(Lead.status == st.OPEN)
        elif view == "mine":
            query = query.where(
                Lead.claimed_by == actor.telegram_id,
                Lead.status.in_((st.CLAIMED, st.CONTACTED)),
            )
        with self._db.session() as session:
            total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
            rows = session.scalars(query.order_by(Lead.id.desc()).offset(offset).limit(limit))
            out = [
                LeadRow(
                    public_id=lead.public_id,
                    status=lead.status,
                    age_band=lead.age_band,
                    area=self._dec(lead.area_enc),
                    source=lead.source,
                    created_at=aware(lead.created_at),
                    mine=lead.claimed_by == actor.telegram_id,
                    claimed=lead.claimed_by is not None,
                )
                for lead in rows
            ]
            return out, int(total)

    def add_note(self, actor: Actor, public_id: str, note: str) -> str:
        with self._db.session() as session:
            lead = self._get(session, public_id)
            if lead.claimed_by != actor.telegram_id and not actor.is_admin:
                raise NotStaff(texts.ONLY_CLAIMER_NOTE)
            lead.note_enc = self._cipher.encrypt(" ".join(note.split())[:500])
            self._audit(session, lead, actor, "note")
            return texts.NOTE_SAVED.format(id=lead.public_id)

    def relay(self, actor: Actor, public_id: str, text: str) -> str:
        """A staff message to a young person who chose 'via deze chat'."""
        with self._db.session() as session:
            lead = self._get(session, public_id)
            if lead.claimed_by != actor.telegram_id:
                raise NotStaff(texts.ONLY_CLAIMER_MESSAGE)
            if lead.route != "telegram" or not lead.chat_id_enc:
                raise LeadStateError(texts.NO_CHAT_CONTACT)
            self._audit(session, lead, actor, "message")
            enqueue(
                session,
                self._cipher,
                not_before=self._clock.now(),
                chat_id=int(self._cipher.decrypt(lead.chat_id_enc)),
                text=texts.MSG_CHAT_RELAY.format(text=relayed(text)),
                kind="lead_message",
                dedupe_key=f"lead:{lead.public_id}:msg:{secrets.token_hex(8)}",
                subject=subject_of(lead),
            )
            return "Verstuurd."

    def reply_from_young_person(self, pseudonym: str, text: str) -> bool:
        """'/antwoord ...' from the young person goes privately to the claimer."""
        with self._db.session() as session:
            lead = session.scalar(
                select(Lead)
                .where(
                    Lead.pseudonym == pseudonym,
                    Lead.status.in_((st.CLAIMED, st.CONTACTED)),
                    Lead.route == "telegram",
                )
                .order_by(Lead.id.desc())
                .limit(1)
            )
            if lead is None or lead.claimed_by is None:
                return False
            enqueue(
                session,
                self._cipher,
                not_before=self._clock.now(),
                chat_id=lead.claimed_by,
                text=texts.YOUNG_PERSON_ANSWERED.format(id=lead.public_id, text=relayed(text)),
                kind="lead_message",
                dedupe_key=f"lead:{lead.public_id}:reply:{secrets.token_hex(8)}",
                subject=subject_of(lead),
            )
            return True

    def weekly_counts(self) -> list[tuple[date, str, str, int]]:
        """The anonymous funnel counts per week and source (for staff figures)."""
        with self._db.session() as session:
            return weekly(session)

    def open_leads(self, actor: Actor) -> list[str]:
        """One line per lead that is still open or claimed by this staff member."""
        with self._db.session() as session:
            lines = []
            for lead in open_for(session, Lead, actor):
                facts = self.facts(session, lead)
                mine = texts.CLAIMED_BY_YOU if lead.claimed_by == actor.telegram_id else ""
                lines.append(
                    texts.OPEN_LEAD_LINE.format(
                        id=lead.public_id,
                        status=st.LABELS[lead.status],
                        mine=mine,
                        age=facts.age_band or "?",
                        area=facts.area or "?",
                    )
                )
            return lines

    def reannounce_due(self) -> int:
        """Re-post cards nobody claimed within LEAD_REANNOUNCE_HOURS working hours (core/workdays)."""
        now = self._clock.now()
        count = 0
        with self._db.session() as session:
            rows = list(session.scalars(select(Lead).where(Lead.status == st.OPEN)))
            for lead in rows:
                if lead.announced_at is not None:
                    due = after_working_hours(
                        aware(lead.announced_at),
                        self._settings.lead_reannounce_hours,
                        self._settings.timezone,
                    )
                    if due > now:
                        continue
                if self.announce(session, lead, reannounce=lead.announce_count > 0):
                    count += 1
        return count


def subject_of(lead: Lead) -> str:
    """Outbox subject of everything sent about a lead: found and deleted when it is erased."""
    return f"lead:{lead.public_id}"


def staff_buttons(public_id: str, *, claimed: bool = False) -> list[list[OutButton]]:
    """Callback data 's|<action>|<public id>': checked again server-side on every press."""
    first = [] if claimed else [OutButton("🙋 Oppakken", f"{CALLBACK_PREFIX}claim|{public_id}")]
    return [
        [*first, OutButton("📞 Contact gehad", f"{CALLBACK_PREFIX}contacted|{public_id}")],
        [
            OutButton("✅ Aangemeld", f"{CALLBACK_PREFIX}signed|{public_id}"),
            OutButton(texts.CLOSE_BUTTON, f"{CALLBACK_PREFIX}close|{public_id}"),
        ],
    ]
