"""What every part of the programme shares: the database, the cipher, the clock and time zone.

One :class:`ProgrammeContext` per process, handed to each part (enrolment, consent, tasks,
hours, reminders, summaries, staff views), so they agree on "now", on names and on chats.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.core.clock import Clock, SystemClock
from bot.core.crypto import Cipher
from bot.core.pseudonym import Pseudonymiser
from bot.core.settings import Settings
from bot.storage.db import Database
from bot.storage.models_ambassadors import Ambassador, AmbassadorTeam


def token_hash(token: str) -> str:
    """Invite tokens and parent codes are stored as their hash only."""
    return hashlib.sha256(token.encode()).hexdigest()


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything we store is UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class ProgrammeContext:
    def __init__(
        self,
        database: Database,
        cipher: Cipher,
        pseudonymiser: Pseudonymiser,
        settings: Settings,
        *,
        clock: Clock | None = None,
    ) -> None:
        self.db = database
        self.cipher = cipher
        self.settings = settings
        self.config = settings.ambassadors
        self.tz = ZoneInfo(settings.timezone)
        self._pseudonymiser = pseudonymiser
        self._clock = clock or SystemClock()
        # Overviews show hundreds of first names; a ciphertext always decrypts to the same name,
        # and an erased name's ciphertext is never asked for again. Bounded, in memory only.
        self._decrypt_name = lru_cache(maxsize=2048)(cipher.decrypt)

    def now(self) -> datetime:
        return self._clock.now()

    def today(self) -> date:
        return self.local_day(self.now())

    def local_day(self, moment: datetime) -> date:
        return aware(moment).astimezone(self.tz).date()

    def user_key(self, user_id: int) -> str:
        return self._pseudonymiser.for_user("telegram", user_id)

    def name(self, amb: Ambassador) -> str | None:
        return self._decrypt_name(amb.first_name_enc) if amb.first_name_enc else None

    def chat(self, amb: Ambassador) -> int | None:
        return int(self.cipher.decrypt(amb.chat_id_enc)) if amb.chat_id_enc else None

    def coach_chat(self, team: AmbassadorTeam) -> int | None:
        if team.coach_chat_enc:
            return int(self.cipher.decrypt(team.coach_chat_enc))
        return self.settings.staff_chat_id
