"""What every database-backed service holds: the database, the cipher, the settings, a clock.

One constructor instead of a copy in each service; a service adds its own parts after
``super().__init__(...)``. The clock is a dependency so tests can move time (bot/core/clock.py).
"""

from __future__ import annotations

from bot.core.clock import Clock, SystemClock
from bot.core.crypto import Cipher
from bot.core.settings import Settings
from bot.storage.db import Database


class Service:
    def __init__(
        self,
        database: Database,
        cipher: Cipher,
        settings: Settings,
        *,
        clock: Clock | None = None,
    ) -> None:
        self._db = database
        self._cipher = cipher
        self._settings = settings
        self._clock = clock or SystemClock()
        self._setup()

    def _setup(self) -> None:
        """A service's own parts, made once the shared ones are in place."""
