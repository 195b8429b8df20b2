"""The outbox: every message the assistant sends on its own initiative (not as a direct reply)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class OutboxMessage(Base):
    """One message to one Telegram chat; written in the same transaction as what caused it.

    ``dedupe_key`` is unique, so enqueueing the same logical message twice (a retried action,
    a re-run job after a crash) is a no-op. Chat id and text are encrypted at rest.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    # What the message is about, e.g. "lead:12" or "ambassador:3", for erasure and blocked hooks.
    subject: Mapped[str | None] = mapped_column(String(80), index=True, default=None)
    chat_id_enc: Mapped[str] = mapped_column(Text)
    text_enc: Mapped[str] = mapped_column(Text)
    buttons_json: Mapped[str | None] = mapped_column(Text, default=None)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    not_before: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    lease_until: Mapped[datetime | None] = mapped_column(default=None)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)
    telegram_message_id: Mapped[int | None] = mapped_column(Integer, default=None)
    last_error: Mapped[str | None] = mapped_column(String(200), default=None)


class ChatMigration(Base):
    """A group that Telegram upgraded to a supergroup: messages to ``old_chat_id`` go to the new id.

    Only group chats migrate (negative ids of staff groups, not people), so the ids are stored
    in plain text; the delivery loop applies the mapping to every later row.
    """

    __tablename__ = "chat_migrations"

    old_chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    new_chat_id: Mapped[int] = mapped_column(BigInteger)
    migrated_at: Mapped[datetime] = mapped_column(default=utcnow)
