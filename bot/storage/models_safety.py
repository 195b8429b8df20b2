"""The safety net's short memory per person, so a restart does not lose a conversation's context.

Only a digest of the pseudonym (``bot/safety/memory.py`` ``memory_key``: not joinable with the
conversation store) and up to three moments (epoch seconds): when the conversation last showed
distress, when the bot last asked the direct question, when the person last wrote. No message
text. Rows are read once at start-up and written behind the net (it never waits for them); they
expire after two hours (distress) and thirty minutes (the question, the last message), and go on
/vergeet.
"""

from __future__ import annotations

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.storage.base import Base


class SafetyMemoryRow(Base):
    __tablename__ = "safety_memory"

    who: Mapped[str] = mapped_column(String(32), primary_key=True)  # memory_key(pseudonym)
    distress_at: Mapped[float | None] = mapped_column(Float, default=None)
    asked_at: Mapped[float | None] = mapped_column(Float, default=None)
    talked_at: Mapped[float | None] = mapped_column(Float, default=None)
    # The latest of the three, for the purge.
    last_at: Mapped[float] = mapped_column(Float, index=True)
