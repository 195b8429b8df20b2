"""Caps on guessing parent and referral codes, in the database (issue 11).

Every wrong code is a row in ``code_attempts``, written in its own transaction (the caller's
rolls back when it refuses). Before a code is looked up, the person's wrong codes of the last
hour and everyone's together are counted: over the per-person cap that person waits, over the
global cap everyone does, and the administrators are told once per hour through the outbox.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.core.clock import Clock, SystemClock
from bot.core.crypto import Cipher
from bot.core.errors import CodeInvalid
from bot.core.settings import Settings
from bot.pipeline.outbox import enqueue
from bot.storage.db import Database
from bot.storage.models_security import CodeAttempt

log = logging.getLogger(__name__)

WINDOW = timedelta(hours=1)
KEEP = timedelta(days=1)
TOO_MANY_PERSON = "Er zijn te veel verkeerde codes geprobeerd. Probeer het over een uur opnieuw."
TOO_MANY_GLOBAL = (
    "Er worden op dit moment te veel verkeerde codes geprobeerd. Probeer het later nog eens; "
    "lukt het dan niet, neem dan contact op met Join us."
)
ALERT = (
    "⚠️ Beveiliging: in het afgelopen uur zijn {count} verkeerde codes (ouder/verwijzing) "
    "geprobeerd. Invoeren van codes is tijdelijk voor iedereen geblokkeerd. Mogelijk probeert "
    "iemand codes te raden; er zijn geen gegevens vrijgegeven."
)


def _who(scope: str, pseudonym: str) -> str:
    # Not the pseudonym itself: these rows should not be joinable with the conversation store.
    return hashlib.sha256(f"code-attempt:{scope}:{pseudonym}".encode()).hexdigest()[:32]


class CodeGuard:
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

    @property
    def per_person(self) -> int:
        return self._settings.security.code_failures_per_person

    @property
    def global_cap(self) -> int:
        return self._settings.security.code_failures_global

    def check(self, session: Session, scope: str, pseudonym: str) -> None:
        """Raise CodeInvalid if this person, or everyone together, tried too many wrong codes."""
        since = self._clock.now() - WINDOW
        everyone = session.scalar(
            select(func.count(CodeAttempt.id)).where(CodeAttempt.at >= since)
        )
        if (everyone or 0) >= self.global_cap:
            raise CodeInvalid(TOO_MANY_GLOBAL)
        mine = session.scalar(
            select(func.count(CodeAttempt.id)).where(
                CodeAttempt.who == _who(scope, pseudonym), CodeAttempt.at >= since
            )
        )
        if (mine or 0) >= self.per_person:
            raise CodeInvalid(TOO_MANY_PERSON)

    def failed(self, scope: str, pseudonym: str) -> None:
        """Record one wrong code (own transaction); alert admins when the global cap is hit."""
        now = self._clock.now()
        with self._db.session() as session:
            session.add(CodeAttempt(scope=scope, who=_who(scope, pseudonym), at=now))
            session.execute(delete(CodeAttempt).where(CodeAttempt.at < now - KEEP))
            session.flush()
            count = session.scalar(
                select(func.count(CodeAttempt.id)).where(CodeAttempt.at >= now - WINDOW)
            )
            if (count or 0) >= self.global_cap:
                self._alert(session, int(count or 0))

    def _alert(self, session: Session, count: int) -> None:
        # One alert per clock hour (the outbox dedupes on the key), to every administrator.
        hour = self._clock.now().strftime("%Y%m%d%H")
        log.warning("global cap of wrong codes reached (%d in the last hour)", count)
        for admin in sorted(self._settings.admin_ids):
            enqueue(
                session,
                self._cipher,
                not_before=self._clock.now(),
                chat_id=admin,
                text=ALERT.format(count=count),
                kind="security_alert",
                dedupe_key=f"security:codes:{hour}:{admin}",
            )
