"""Tables of the foundation. Feature modules add their own model modules next to this one."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base, utcnow


class ButtonPayload(Base):
    """Rasa button payloads too long for Telegram's 64-byte callback data, stored by digest."""

    __tablename__ = "button_payloads"

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
