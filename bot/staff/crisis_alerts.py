"""Tell Join us staff that a crisis reply was shown: time and category only, never who or what.

Alerts are limited per person and time window: the first crisis reply in a window is reported
at once; repeats by the same person fold into one summary at the end of the window (its text
is updated while it waits in the outbox). So one account cannot flood the staff group and push
lead cards back, and staff still learn that someone kept reaching out.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.core.clock import Clock, SystemClock
from bot.core.crypto import Cipher
from bot.core.settings import Settings
from bot.pipeline.outbox import enqueue
from bot.safety import CrisisCategory, SafetyResult
from bot.storage.db import Database
from bot.storage.models_outbox import OutboxMessage

CATEGORY_NL = {
    CrisisCategory.SUICIDE: "gedachten aan zelfdoding",
    CrisisCategory.SELF_HARM: "zelfbeschadiging",
    CrisisCategory.ABUSE: "misbruik",
    CrisisCategory.DOMESTIC_VIOLENCE: "geweld thuis",
    CrisisCategory.ACUTE_DANGER: "acuut gevaar",
}

# One immediate alert per person per window; repeats are summarised when it ends. For all
# people together at most GLOBAL_MAX immediate alerts per window (a raid of many accounts);
# beyond that, one summary for everyone.
ALERT_WINDOW = timedelta(minutes=30)
GLOBAL_MAX = 10
_EVERYONE = "*"


def _categories(categories: Iterable[CrisisCategory]) -> str:
    names = [CATEGORY_NL.get(c, str(c)) for c in categories]
    return ", ".join(dict.fromkeys(names)) or "onbekend"


def alert_text(result: SafetyResult, local_time: str) -> str:
    return (
        f"⚠️ Om {local_time} kreeg een jongere het crisisantwoord met de hulplijnen "
        f"(signaal: {_categories(result.categories)}). Wie het was en wat er stond, bewaar ik "
        "niet. Vraagt de jongere om iemand van Join us, dan zie je dat als gewone vraag of "
        "aanmelding."
    )


def repeat_text(
    count: int, since: str, categories: list[CrisisCategory], *, everyone: bool = False
) -> str:
    if everyone:
        return (
            f"⚠️ Sinds {since} kregen nog {count} andere jongeren het crisisantwoord "
            f"(signaal: {_categories(categories)}). Bij veel meldingen tegelijk stuur ik één "
            "samenvatting per half uur, zodat deze groep overzichtelijk blijft. Wie het waren, "
            "bewaar ik niet."
        )
    return (
        f"⚠️ Dezelfde jongere kreeg sinds {since} nog {count} keer het crisisantwoord "
        f"(signaal: {_categories(categories)}). Ik stuur per jongere één melding per half uur, "
        "zodat deze groep overzichtelijk blijft. Wie het was, bewaar ik niet."
    )


@dataclass
class _Window:
    started: datetime
    alert_id: str
    repeats: int = 0
    categories: list[CrisisCategory] = field(default_factory=list)


class CrisisAlerts:
    """Enqueues the staff alert through the outbox, so it survives a Telegram outage."""

    def __init__(
        self,
        database: Database,
        cipher: Cipher,
        settings: Settings,
        clock: Clock | None = None,
        *,
        window: timedelta = ALERT_WINDOW,
        global_max: int = GLOBAL_MAX,
    ) -> None:
        self._db = database
        self._cipher = cipher
        self._settings = settings
        self._clock = clock or SystemClock()
        self._window = window
        # In memory only (the bot process is the only one that sends crisis replies): a lost
        # window after a restart costs at most one extra alert. Keyed by a hash of the
        # pseudonym so not even this map holds it.
        self._windows: dict[str, _Window] = {}
        self._immediate: list[datetime] = []  # times of immediate alerts (global cap)
        self._global_max = global_max
        self._lock = threading.Lock()

    def _local(self, moment: datetime) -> str:
        return moment.astimezone(ZoneInfo(self._settings.timezone)).strftime("%H:%M op %d-%m-%Y")

    def notify(self, result: SafetyResult, person: str = "") -> int:
        """Queue the alert (or update this window's summary); returns how many rows were written."""
        now = self._clock.now()
        key = hashlib.sha256(person.encode()).hexdigest() if person else uuid.uuid4().hex
        with self._lock:
            for stale in [k for k, w in self._windows.items() if now - w.started >= self._window]:
                del self._windows[stale]
            self._immediate = [t for t in self._immediate if now - t < self._window]
            window = self._windows.get(key)
            if window is None:
                self._windows[key] = _Window(now, uuid.uuid4().hex)
                if len(self._immediate) < self._global_max:
                    self._immediate.append(now)
                    immediate = True
                else:  # many people at once: fold into the summary for everyone
                    window = self._windows.setdefault(_EVERYONE, _Window(now, uuid.uuid4().hex))
                    immediate = False
            else:
                immediate = False
            if not immediate:
                assert window is not None
                window.repeats += 1
                window.categories.extend(result.categories)
                repeats, categories = window.repeats, list(window.categories)
        if immediate:
            return self._enqueue_alert(result, now)
        assert window is not None
        everyone = window is self._windows.get(_EVERYONE)
        return self._enqueue_summary(window, repeats, categories, everyone=everyone)

    def _enqueue_alert(self, result: SafetyResult, now: datetime) -> int:
        text = alert_text(result, self._local(now))
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

    def _enqueue_summary(
        self,
        window: _Window,
        repeats: int,
        categories: list[CrisisCategory],
        *,
        everyone: bool = False,
    ) -> int:
        text = repeat_text(repeats, self._local(window.started), categories, everyone=everyone)
        written = 0
        with self._db.session() as session:
            for chat in self._settings.staff_recipients:
                row = enqueue(
                    session,
                    self._cipher,
                    chat_id=chat,
                    text=text,
                    kind="crisis_alert",
                    dedupe_key=f"crisis-repeat:{window.alert_id}:{chat}",
                    not_before=window.started + self._window,
                )
                if _still_waiting(row):
                    row.text_enc = self._cipher.encrypt(text)
                    written += 1
        return written


def _still_waiting(row: OutboxMessage) -> bool:
    return row.status == "pending"
