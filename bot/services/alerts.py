"""Tell Join us staff that a crisis reply was shown: time and category only, never who or what."""

from __future__ import annotations

import uuid
from zoneinfo import ZoneInfo

from bot.clock import Clock, SystemClock
from bot.crypto import Cipher
from bot.outbox import enqueue
from bot.safety import CrisisCategory, SafetyResult
from bot.settings import Settings
from bot.storage.db import Database

CATEGORY_NL = {
    CrisisCategory.SUICIDE: "gedachten aan zelfdoding",
    CrisisCategory.SELF_HARM: "zelfbeschadiging",
    CrisisCategory.ABUSE: "misbruik",
    CrisisCategory.DOMESTIC_VIOLENCE: "geweld thuis",
    CrisisCategory.ACUTE_DANGER: "acuut gevaar",
}


def alert_text(result: SafetyResult, local_time: str) -> str:
    categories = ", ".join(CATEGORY_NL.get(c, str(c)) for c in result.categories) or "onbekend"
    return (
        f"⚠️ Om {local_time} kreeg een jongere het crisisantwoord met de hulplijnen "
        f"(signaal: {categories}). Wie het was en wat er stond, bewaar ik niet. "
        "Vraagt de jongere om iemand van Join us, dan zie je dat als gewone vraag of aanmelding."
    )


class CrisisAlerts:
    """Enqueues the staff alert through the outbox, so it survives a Telegram outage."""

    def __init__(
        self, database: Database, cipher: Cipher, settings: Settings, clock: Clock | None = None
    ) -> None:
        self._db = database
        self._cipher = cipher
        self._settings = settings
        self._clock = clock or SystemClock()

    def notify(self, result: SafetyResult) -> int:
        """Queue one alert per staff recipient; returns how many were queued."""
        now = self._clock.now()
        local = now.astimezone(ZoneInfo(self._settings.timezone)).strftime("%H:%M op %d-%m-%Y")
        text = alert_text(result, local)
        alert_id = uuid.uuid4().hex  # random: the alert must not be linkable to a person
        with self._db.session() as session:
            for chat in self._settings.staff_recipients:
                enqueue(
                    session,
                    self._cipher,
                    chat_id=chat,
                    text=text,
                    kind="crisis_alert",
                    dedupe_key=f"crisis:{alert_id}:{chat}",
                    not_before=now,
                )
        return len(self._settings.staff_recipients)
