"""Form answers that identify someone, kept by us (encrypted) instead of in Rasa's slots.

When a form asks a personal question, its action tells the bot process (the ``capture``
directive) to take the next answer itself. The bot validates the answer with the checks below,
stores it here under the pseudonym and sends Rasa only the placeholder :data:`CAPTURED`.
Previews, the submit and /mijngegevens read the values from here. A draft lives
``DRAFT_HOURS`` after its last change; the retention job removes expired ones.

Shared by the bot process and the action server (both reach our database).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from bot.core.clock import Clock, SystemClock
from bot.core.crypto import Cipher
from bot.leads.contact import SKIPPED, ContactInvalid, detail_for_route, email, phone, short_text
from bot.leads.service import LeadDraft
from bot.privacy import texts
from bot.school.requests import RequestDraft
from bot.storage.db import Database
from bot.storage.models_leads import aware
from bot.storage.models_privacy import Draft

# What Rasa sees instead of a personal answer.
CAPTURED = "captured"
# What Rasa sees as ``source`` instead of a school's personal referral code.
REFERRAL_SOURCE = "ref_captured"
DRAFT_HOURS = 24


def school_name(text: str, meta: str | None = None) -> str:
    name = short_text(text, 120)
    if len(name) < 2:
        raise ContactInvalid(texts.ASK_SCHOOL_NAME_AGAIN)
    return name


def school_contact(text: str, meta: str | None = None) -> str:
    try:
        return email(text) if "@" in text else phone(text)
    except ContactInvalid as exc:
        raise ContactInvalid(str(exc).replace("Probeer je het", "Probeer het")) from None


def parent_contact(text: str, meta: str | None = None) -> str:
    try:
        return detail_for_route("parent", text)
    except ContactInvalid:
        raise ContactInvalid(texts.PARENT_CONTACT_INVALID) from None


def lead_contact_detail(text: str, meta: str | None = None) -> str:
    return detail_for_route(meta or "phone", text)


@dataclass(frozen=True)
class Field:
    """A personal form question: how to check an answer, and whether 'overslaan' is allowed."""

    check: Callable[[str, str | None], str]
    skippable: bool
    # Contact fields: an answer without digits or '@' may be a question in between.
    contact: bool = False


def _text(limit: int) -> Callable[[str, str | None], str]:
    def check(text: str, meta: str | None = None) -> str:
        return short_text(text, limit)

    return check


FIELDS: dict[str, Field] = {
    "lead_area": Field(_text(120), skippable=True),
    "lead_contact_detail": Field(lead_contact_detail, skippable=True, contact=True),
    "lead_nickname": Field(_text(40), skippable=True),
    "lead_wishes": Field(_text(300), skippable=True),
    "parent_contact": Field(parent_contact, skippable=False, contact=True),
    "school_name": Field(school_name, skippable=False),
    "school_contact": Field(school_contact, skippable=False, contact=True),
    "school_hopes": Field(_text(300), skippable=True),
}
LEAD_FIELDS = ("lead_area", "lead_contact_detail", "lead_nickname", "lead_wishes")
SCHOOL_FIELDS = ("school_name", "school_contact", "school_hopes")
# Codes kept the same way (never typed into Rasa): a parent's code, a school's referral source.
CODE_FIELDS = ("parent_code", "source")


@dataclass(frozen=True)
class Pending:
    field: str
    meta: str | None


class DraftService:
    """One per process; synchronous (the bot calls it with ``asyncio.to_thread``)."""

    def __init__(
        self,
        database: Database,
        cipher: Cipher,
        *,
        hours: int = DRAFT_HOURS,
        clock: Clock | None = None,
    ) -> None:
        self._db = database
        self._cipher = cipher
        self._ttl = timedelta(hours=hours)
        self._clock = clock or SystemClock()

    def _row(self, session: Session, pseudonym: str) -> Draft | None:
        row = session.get(Draft, pseudonym)
        if row is not None and aware(row.expires_at) < self._clock.now():
            session.delete(row)
            session.flush()
            return None
        return row

    def _fields(self, row: Draft | None) -> dict[str, str]:
        if row is None or not row.fields_enc:
            return {}
        data = json.loads(self._cipher.decrypt(row.fields_enc))
        return {str(k): str(v) for k, v in data.items()}

    def _touch(self, row: Draft) -> None:
        now = self._clock.now()
        row.updated_at, row.expires_at = now, now + self._ttl

    def expect(self, pseudonym: str, field: str, meta: str | None = None) -> None:
        """The next typed answer of this person is ``field`` (set by the capture directive)."""
        if field not in FIELDS:
            raise ValueError(f"not a personal field: {field}")
        with self._db.session() as session:
            row = self._row(session, pseudonym)
            if row is None:
                row = Draft(pseudonym=pseudonym)
                session.add(row)
            row.pending_field, row.pending_meta = field, meta
            self._touch(row)

    def pending(self, pseudonym: str) -> Pending | None:
        # Read for every typed message: three columns on a plain connection, not an ORM unit of
        # work (a third of the cost). An expired draft is removed as before (the rare case).
        query = select(Draft.pending_field, Draft.pending_meta, Draft.expires_at).where(
            Draft.pseudonym == pseudonym
        )
        with self._db.engine.connect() as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        if aware(row.expires_at) < self._clock.now():
            with self._db.session() as session:
                self._row(session, pseudonym)  # deletes it
            return None
        if not row.pending_field:
            return None
        return Pending(row.pending_field, row.pending_meta)

    def clear_pending(self, pseudonym: str) -> None:
        with self._db.session() as session:
            session.execute(
                update(Draft)
                .where(Draft.pseudonym == pseudonym, Draft.pending_field.is_not(None))
                .values(pending_field=None, pending_meta=None)
            )

    def put(self, pseudonym: str, field: str, value: str) -> None:
        """Keep one answer (encrypted); the pending question is answered."""
        with self._db.session() as session:
            row = self._row(session, pseudonym)
            if row is None:
                row = Draft(pseudonym=pseudonym)
                session.add(row)
            values = self._fields(row)
            values[field] = value
            row.fields_enc = self._cipher.encrypt(json.dumps(values))
            row.pending_field, row.pending_meta = None, None
            self._touch(row)

    def values(self, pseudonym: str) -> dict[str, str]:
        with self._db.session() as session:
            return self._fields(self._row(session, pseudonym))

    def remove(self, pseudonym: str, *fields: str) -> None:
        """Drop some answers (e.g. a submitted lead's); the draft goes when nothing is left."""
        with self._db.session() as session:
            row = self._row(session, pseudonym)
            if row is None:
                return
            values = {k: v for k, v in self._fields(row).items() if k not in fields}
            if not values and not row.pending_field:
                session.delete(row)
                return
            row.fields_enc = self._cipher.encrypt(json.dumps(values)) if values else None

    def discard(self, pseudonym: str) -> int:
        """Cancel, /stop, /vergeet: the whole draft goes."""
        with self._db.session() as session:
            result = session.execute(delete(Draft).where(Draft.pseudonym == pseudonym))
            return int(getattr(result, "rowcount", 0) or 0)

    def purge_expired(self, now: datetime | None = None) -> int:
        with self._db.session() as session:
            result = session.execute(
                delete(Draft).where(Draft.expires_at < (now or self._clock.now()))
            )
            return int(getattr(result, "rowcount", 0) or 0)


# ------------------------------------------------- from slots (placeholders) to real values


def real(slot: object, stored: str | None) -> str | None:
    """A personal slot's real value: the stored answer behind the placeholder, SKIPPED, or None.

    A placeholder whose draft expired becomes None, so "captured" is never stored or shown as if
    it were the answer.
    """
    if slot == SKIPPED:
        return SKIPPED
    if slot == CAPTURED:
        return stored
    return None


def real_source(slot: object, values: Mapping[str, str]) -> str | None:
    """The deep-link source; a referral code whose draft expired still counts as a school."""
    if slot == REFERRAL_SOURCE:
        return values.get("source", REFERRAL_SOURCE)
    return slot if isinstance(slot, str) and slot else None


def _plain(slot: object) -> str | None:
    return slot if isinstance(slot, str) else None


def lead_draft(slots: Mapping[str, Any], values: Mapping[str, str]) -> LeadDraft:
    """The interest form as the young person filled it in (``slots``: Rasa's, with placeholders)."""
    return LeadDraft(
        age_band=_plain(slots.get("lead_age_band")),
        area=real(slots.get("lead_area"), values.get("lead_area")),
        route=_plain(slots.get("lead_contact_route")),
        contact=real(slots.get("lead_contact_detail"), values.get("lead_contact_detail")),
        nickname=real(slots.get("lead_nickname"), values.get("lead_nickname")),
        wishes=real(slots.get("lead_wishes"), values.get("lead_wishes")),
        source=real_source(slots.get("source"), values),
    )


def request_draft(kind: str, slots: Mapping[str, Any], values: Mapping[str, str]) -> RequestDraft:
    """One school form as the school employee filled it in."""
    details = {
        "referral": real(slots.get("school_hopes"), values.get("school_hopes")),
        "presentation": _plain(slots.get("school_period")),
        "material": _plain(slots.get("school_material")),
    }[kind]
    return RequestDraft(
        kind=kind,
        school=real(slots.get("school_name"), values.get("school_name")),
        staff_role=_plain(slots.get("school_staff_role")),
        contact=real(slots.get("school_contact"), values.get("school_contact")),
        age_band=_plain(slots.get("school_student_age")) if kind == "referral" else None,
        parents_informed=_plain(slots.get("school_parents_informed"))
        if kind == "referral"
        else None,
        details=details,
    )
