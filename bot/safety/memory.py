"""What the safety net remembers of one person, and where it reports changes (pure types).

:class:`~bot.safety.net.SafetyNet` keeps its memory in the process (the crisis path never waits
for a database) and tells a :class:`Journal` every change; ``bot/safety/journal.py`` keeps it in
our database so that a restart loses no context. Only a pseudonym and up to three moments — no
message text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Protocol

# How long each moment counts: distress as context, the direct question and the last message.
DISTRESS_SECONDS = 2 * 3600
SHORT_SECONDS = 30 * 60


def memory_key(pseudonym: str) -> str:
    """The key the memory is kept under: not the pseudonym itself, so these rows (and the net's
    dicts) cannot be joined with the conversation store or the leads."""
    return hashlib.sha256(f"safety-memory:{pseudonym}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class MemoryEntry:
    """What the net remembers of one person (``key``: :func:`memory_key`; epoch seconds, None:
    nothing to remember)."""

    key: str
    distress_at: float | None = None
    asked_at: float | None = None
    talked_at: float | None = None

    @property
    def moments(self) -> tuple[float, ...]:
        return tuple(m for m in (self.distress_at, self.asked_at, self.talked_at) if m is not None)

    @property
    def empty(self) -> bool:
        return not self.moments

    @property
    def latest(self) -> float:
        """The latest moment (0.0 when there is none)."""
        return max(self.moments, default=0.0)

    def current(self, now: float) -> MemoryEntry:
        """Only the moments that still count at ``now``."""
        return MemoryEntry(
            self.key,
            _within(self.distress_at, now, DISTRESS_SECONDS),
            _within(self.asked_at, now, SHORT_SECONDS),
            _within(self.talked_at, now, SHORT_SECONDS),
        )


def _within(moment: float | None, now: float, seconds: float) -> float | None:
    return moment if moment is not None and now - moment <= seconds else None


class Journal(Protocol):
    """Where the net reports changes; must return at once."""

    def record(self, entry: MemoryEntry) -> None: ...

    def forget(self, key: str) -> None: ...
