"""Tables that keep personal answers out of the Rasa engine, and let erasure reach Telegram.

``drafts``: what a person typed into a form's personal question (contact detail, nickname,
wishes, area, a parent's contact, a school employee's contact, a parent or referral code),
encrypted and keyed by pseudonym, until the form is submitted, cancelled or expires. Rasa only
ever sees the placeholder "captured". ``pending_field`` is the question whose answer the bot
process takes next (it survives restarts).

``personal_messages``: ids of our own Telegram messages that showed someone's details (previews,
/mijngegevens), so /vergeet and /stop can delete them while Telegram still allows it (48 hours).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class Draft(Base):
    __tablename__ = "drafts"

    pseudonym: Mapped[str] = mapped_column(String(64), primary_key=True)
    fields_enc: Mapped[str | None] = mapped_column(Text, default=None)
    pending_field: Mapped[str | None] = mapped_column(String(40), default=None)
    pending_meta: Mapped[str | None] = mapped_column(String(40), default=None)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class PersonalMessage(Base):
    __tablename__ = "personal_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pseudonym: Mapped[str] = mapped_column(String(64), index=True)
    chat_id_enc: Mapped[str] = mapped_column(Text)
    message_id: Mapped[int] = mapped_column(BigInteger)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
