"""Enqueue messages for reliable delivery; the bot process's delivery loop sends them.

Callers write the outbox row in the *same* session (transaction) as the change that causes
the message, so a crash can never keep one without the other. Telegram-free: the action
server enqueues too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.crypto import Cipher
from bot.storage.base import utcnow
from bot.storage.models_outbox import OutboxMessage

# Backoff after a failed send: 5 s, 10 s, 20 s ... capped at 10 minutes; retried indefinitely
# for network errors (an outage must not lose a lead), given up after MAX_ATTEMPTS otherwise.
BACKOFF_BASE = timedelta(seconds=5)
BACKOFF_CAP = timedelta(minutes=10)
MAX_ATTEMPTS = 8

# Called by the delivery loop, in the transaction that marks a message "blocked" (the user
# blocked the bot or left); keyed by the message's ``kind``. Hooks may enqueue messages.
BlockedHook = Callable[[Session, OutboxMessage], None]


@dataclass(frozen=True)
class OutButton:
    """An inline button of an outgoing message; ``data`` is callback data (<= 64 bytes)."""

    title: str
    data: str


def backoff(attempts: int) -> timedelta:
    return min(BACKOFF_CAP, BACKOFF_BASE * (1 << min(max(0, attempts - 1), 16)))


def enqueue(
    session: Session,
    cipher: Cipher,
    *,
    chat_id: int,
    text: str,
    kind: str,
    dedupe_key: str,
    subject: str | None = None,
    buttons: list[list[OutButton]] | None = None,
    not_before: datetime | None = None,
) -> OutboxMessage:
    """Add a message unless one with the same ``dedupe_key`` exists (then return that one)."""
    existing = session.scalar(select(OutboxMessage).where(OutboxMessage.dedupe_key == dedupe_key))
    if existing is not None:
        return existing
    for row in buttons or []:
        for button in row:
            if len(button.data.encode()) > 64:
                raise ValueError(f"callback data over 64 bytes: {button.data!r}")
    message = OutboxMessage(
        dedupe_key=dedupe_key,
        kind=kind,
        subject=subject,
        chat_id_enc=cipher.encrypt(str(chat_id)),
        text_enc=cipher.encrypt(text),
        buttons_json=json.dumps([[[b.title, b.data] for b in row] for row in buttons])
        if buttons
        else None,
        status="pending",
        attempts=0,
        not_before=not_before or utcnow(),
    )
    session.add(message)
    session.flush()
    return message


def cancel(
    session: Session, *, dedupe_prefix: str | None = None, subject: str | None = None
) -> int:
    """Cancel pending messages (e.g. reminders of a completed task); returns how many."""
    query = select(OutboxMessage).where(OutboxMessage.status == "pending")
    if dedupe_prefix is not None:
        query = query.where(OutboxMessage.dedupe_key.startswith(dedupe_prefix))
    if subject is not None:
        query = query.where(OutboxMessage.subject == subject)
    rows = list(session.scalars(query))
    for row in rows:
        row.status = "cancelled"
    return len(rows)


def decode_buttons(raw: str | None) -> list[list[OutButton]]:
    if not raw:
        return []
    return [[OutButton(title, data) for title, data in row] for row in json.loads(raw)]
