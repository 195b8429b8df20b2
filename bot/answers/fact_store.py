"""Facts staff edit in the console: which ones, how they are checked, and their history.

Values are stored as JSON in ``fact_values`` (overriding content/facts.yml) and every change is
written to ``fact_changes`` in the same transaction. bot/answers/facts.py reads them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.answers import youth as answers
from bot.answers.facts import Facts, PreviewFacts
from bot.core.clock import Clock, SystemClock
from bot.core.errors import JoinUsError
from bot.storage.db import Database
from bot.storage.models_console import FactChange, FactValue
from bot.storage.models_leads import aware


class FactInvalid(JoinUsError):
    """A fact value that does not pass its check; the message is Dutch, for staff."""


_PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{1,18}[0-9]$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^(https?://)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/\S*)?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class FactField:
    key: str
    label: str
    hint: str
    kind: str = "text"  # text / phone / email / url / lines
    max_length: int = 120
    preview: str = "when_where"
    admin_only: bool = False


FIELDS: tuple[FactField, ...] = (
    FactField("evenings.times", "Tijden van de avonden", "bijv. 19:00 - 21:00"),
    FactField(
        "evenings.location", "Plek van de avonden", "adres van de locatie(s)", max_length=200
    ),
    FactField("evenings.rhythm", "Hoe vaak", "bijv. om de twee weken op vrijdagavond"),
    FactField("evenings.cost", "Kosten", "bijv. gratis", preview="cost"),
    FactField(
        "groups.current",
        "Groepen die nu lopen",
        "één groep per regel, bijv. 12-15 jaar, Veghel",
        kind="lines",
        max_length=80,
        preview="who",
    ),
    FactField("contact.phone", "Telefoon", "bijv. 0413-123456", kind="phone", preview="handoff"),
    FactField("contact.email", "E-mail", "bijv. info@joinus.nl", kind="email", preview="handoff"),
    FactField(
        "contact.office_hours", "Bereikbaar", "bijv. ma t/m do 9:00 - 17:00", preview="handoff"
    ),
    FactField(
        "organisation.website",
        "Website",
        "bijv. https://www.joinus.nl",
        kind="url",
        preview="handoff",
    ),
    FactField(
        "crisis_lines.113.phone_free",
        "113: gratis nummer",
        "0800-0113",
        kind="phone",
        preview="crisis",
        admin_only=True,
    ),
    FactField(
        "crisis_lines.kindertelefoon.phone",
        "Kindertelefoon",
        "0800-0432",
        kind="phone",
        preview="crisis",
        admin_only=True,
    ),
    FactField(
        "crisis_lines.luisterlijn.phone",
        "De Luisterlijn",
        "088-0767 000",
        kind="phone",
        preview="crisis",
        admin_only=True,
    ),
    FactField(
        "crisis_lines.veilig_thuis.phone",
        "Veilig Thuis",
        "0800-2000",
        kind="phone",
        preview="crisis",
        admin_only=True,
    ),
)
BY_KEY = {f.key: f for f in FIELDS}


def _crisis_preview(facts: Facts) -> str:
    from bot.safety import SafetyResult
    from bot.safety.reply import crisis_reply

    lines = facts.get("crisis_lines") or {}
    result = SafetyResult(level="crisis", categories=())  # type: ignore[call-arg]
    return crisis_reply(result, lines) or ""


PREVIEWS: dict[str, Callable[[Facts], str]] = {
    "when_where": answers.when_where_text,
    "cost": answers.cost_text,
    "who": answers.who_is_it_for_text,
    "handoff": answers.handoff_text,
    "crisis": _crisis_preview,
}


def parse_value(field: FactField, raw: str) -> Any:
    """Check and normalise a submitted value; empty means "we don't know" (allowed)."""
    text = _CONTROL.sub("", raw or "").strip()
    if field.kind == "lines":
        items = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
        if len(items) > 12:
            raise FactInvalid("Hoogstens 12 groepen, één per regel.")
        for item in items:
            if len(item) > field.max_length:
                raise FactInvalid(f"Een regel mag hoogstens {field.max_length} tekens hebben.")
        return items
    text = " ".join(text.split())
    if not text:
        return ""
    if len(text) > field.max_length:
        raise FactInvalid(f"Hoogstens {field.max_length} tekens.")
    if field.kind == "phone" and not _PHONE.match(text):
        raise FactInvalid("Dit lijkt geen telefoonnummer. Gebruik cijfers, spaties, - of +.")
    if field.kind == "email" and not _EMAIL.match(text):
        raise FactInvalid("Dit lijkt geen e-mailadres (iets als naam@voorbeeld.nl).")
    if field.kind == "url" and not _URL.match(text):
        raise FactInvalid("Dit lijkt geen webadres (iets als https://www.voorbeeld.nl).")
    return text


def display(value: Any) -> str:
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    old: str
    new: str
    by: str
    at: datetime


class FactStore:
    def __init__(self, database: Database, facts: Facts, *, clock: Clock | None = None) -> None:
        self._db = database
        self._facts = facts
        self._clock = clock or SystemClock()

    def current(self) -> dict[str, Any]:
        return {f.key: self._facts.get(f.key) for f in FIELDS}

    def preview(self, key: str, raw: str) -> str:
        """The answer a young person would get with ``raw`` as the new value."""
        field = self._field(key)
        value = parse_value(field, raw)
        return PREVIEWS[field.preview](PreviewFacts(self._facts, {key: value}))

    def _field(self, key: str) -> FactField:
        field = BY_KEY.get(key)
        if field is None:
            raise FactInvalid("Dit feit ken ik niet.")
        return field

    def set(self, key: str, raw: str, *, actor_id: int, actor_name: str, is_admin: bool) -> bool:
        """Store a new value (and its history row); False when nothing changed."""
        field = self._field(key)
        if field.admin_only and not is_admin:
            raise FactInvalid("Crisislijnen kan alleen een beheerder aanpassen.")
        value = parse_value(field, raw)
        old = display(self._facts.get(key))
        if display(value) == old:
            return False
        now = self._clock.now()
        with self._db.session() as session:
            row = session.get(FactValue, key)
            encoded = json.dumps(value, ensure_ascii=False)
            if row is None:
                session.add(FactValue(key=key, value=encoded, updated_by=actor_id, updated_at=now))
            else:
                row.value, row.updated_by, row.updated_at = encoded, actor_id, now
            session.add(
                FactChange(
                    key=key,
                    old_value=old,
                    new_value=display(value),
                    changed_by=actor_id,
                    changed_by_name=actor_name[:64],
                    changed_at=now,
                )
            )
        self._facts.refresh()
        return True

    def history(self, limit: int = 50) -> list[Change]:
        with self._db.session() as session:
            rows = session.scalars(
                select(FactChange).order_by(FactChange.id.desc()).limit(limit)
            ).all()
            return [
                Change(
                    r.key,
                    BY_KEY[r.key].label if r.key in BY_KEY else r.key,
                    r.old_value,
                    r.new_value,
                    r.changed_by_name or str(r.changed_by),
                    aware(r.changed_at),
                )
                for r in rows
            ]
