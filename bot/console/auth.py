"""Getting in without passwords: Telegram Mini App ``initData``, one-time login links, sessions.

Only hashes of bearer secrets (login tokens, session ids) are stored. The role is never kept
in the session: every request asks :class:`~bot.staff.members.StaffDirectory` again.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from sqlalchemy import delete, select, update

from bot.core.clock import Clock, SystemClock
from bot.core.errors import JoinUsError
from bot.core.settings import ConsoleSettings
from bot.storage.db import Database, rows_changed
from bot.storage.models_console import ConsoleLoginLink, ConsoleSession
from bot.storage.models_leads import aware

LOGIN_PATH = "/login/"


class AuthFailed(JoinUsError):
    """A login that is refused (forged, expired or reused); the message is Dutch, for the user."""


@dataclass(frozen=True)
class TelegramUser:
    id: int
    first_name: str


@dataclass(frozen=True)
class SessionInfo:
    telegram_id: int
    name: str
    csrf_token: str
    expires_at: datetime


def _sha256(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def init_data_hash(pairs: dict[str, str], bot_token: str) -> str:
    """Telegram's signature of Mini App data: HMAC-SHA256 over the sorted data-check-string,
    keyed with HMAC-SHA256(key="WebAppData", msg=bot_token)."""
    check = "\n".join(f"{k}={pairs[k]}" for k in sorted(pairs) if k != "hash")
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    return hmac.new(secret, check.encode(), hashlib.sha256).hexdigest()


def validate_init_data(
    init_data: str, bot_token: str, *, max_age: int, now: datetime | None = None
) -> TelegramUser:
    """The Telegram user of a genuine, recent ``initData`` string; AuthFailed otherwise."""
    refused = AuthFailed(
        "Inloggen via Telegram lukte niet. Open de console opnieuw vanuit de chat."
    )
    try:
        pairs = dict(parse_qsl(init_data, keep_blank_values=True, strict_parsing=True))
    except ValueError:
        raise refused from None
    given = pairs.get("hash", "")
    if not given or not hmac.compare_digest(init_data_hash(pairs, bot_token), given):
        raise refused
    try:
        signed_at = datetime.fromtimestamp(int(pairs["auth_date"]), UTC)
        user = json.loads(pairs["user"])
        telegram_id = int(user["id"])
    except (KeyError, ValueError, TypeError):
        raise refused from None
    moment = now or datetime.now(UTC)
    if moment - signed_at > timedelta(seconds=max_age) or signed_at - moment > timedelta(minutes=5):
        raise AuthFailed(
            "Deze sessie van Telegram is verlopen. Sluit de console en open hem opnieuw."
        )
    return TelegramUser(telegram_id, str(user.get("first_name", ""))[:64])


class ConsoleAuth:
    """Login links and sessions in our database."""

    def __init__(
        self, database: Database, config: ConsoleSettings, *, clock: Clock | None = None
    ) -> None:
        self._db = database
        self._config = config
        self._clock = clock or SystemClock()

    def create_login_link(self, telegram_id: int) -> str:
        """A one-time URL for this Telegram user, valid CONSOLE_LOGIN_MINUTES."""
        token = secrets.token_urlsafe(24)
        now = self._clock.now()
        with self._db.session() as session:
            session.execute(delete(ConsoleLoginLink).where(ConsoleLoginLink.expires_at < now))
            session.add(
                ConsoleLoginLink(
                    token_hash=_sha256(token),
                    telegram_id=telegram_id,
                    created_at=now,
                    expires_at=now + timedelta(minutes=self._config.login_minutes),
                )
            )
        return f"{self._config.base_url}{LOGIN_PATH}{token}"

    def redeem_login_link(self, token: str) -> int:
        """The Telegram id the link was made for; it can be used once, within its lifetime."""
        now = self._clock.now()
        with self._db.session() as session:
            link = session.get(ConsoleLoginLink, _sha256(token))
            if link is None or link.used_at is not None:
                raise AuthFailed(
                    "Deze inloglink is al gebruikt of bestaat niet. Vraag een nieuwe met /console."
                )
            if aware(link.expires_at) < now:
                raise AuthFailed("Deze inloglink is verlopen. Vraag een nieuwe met /console.")
            # Conditional UPDATE: a link opened twice at the same moment signs in only once.
            won = session.execute(
                update(ConsoleLoginLink)
                .where(
                    ConsoleLoginLink.token_hash == link.token_hash,
                    ConsoleLoginLink.used_at.is_(None),
                )
                .values(used_at=now)
                .execution_options(synchronize_session=False)
            )
            if rows_changed(won) != 1:
                raise AuthFailed(
                    "Deze inloglink is al gebruikt of bestaat niet. Vraag een nieuwe met /console."
                )
            return link.telegram_id

    def open_session(self, telegram_id: int, name: str, via: str) -> str:
        """A new session; returns the cookie value (the id), of which only the hash is stored."""
        session_id = secrets.token_urlsafe(32)
        now = self._clock.now()
        with self._db.session() as session:
            session.execute(delete(ConsoleSession).where(ConsoleSession.expires_at < now))
            session.add(
                ConsoleSession(
                    id_hash=_sha256(session_id),
                    telegram_id=telegram_id,
                    name=name[:64],
                    csrf_token=secrets.token_urlsafe(24),
                    via=via,
                    created_at=now,
                    expires_at=now + timedelta(hours=self._config.session_hours),
                )
            )
        return session_id

    def session(self, session_id: str | None) -> SessionInfo | None:
        if not session_id or len(session_id) > 100:
            return None
        with self._db.session() as session:
            row = session.get(ConsoleSession, _sha256(session_id))
            if row is None or aware(row.expires_at) < self._clock.now():
                return None
            return SessionInfo(row.telegram_id, row.name, row.csrf_token, aware(row.expires_at))

    def close_session(self, session_id: str | None) -> None:
        if session_id:
            with self._db.session() as session:
                session.execute(
                    delete(ConsoleSession).where(ConsoleSession.id_hash == _sha256(session_id))
                )

    def close_sessions_of(self, telegram_id: int) -> None:
        """A removed member's sessions end at once (their role check would refuse them anyway)."""
        with self._db.session() as session:
            session.execute(delete(ConsoleSession).where(ConsoleSession.telegram_id == telegram_id))

    def sessions_of(self, telegram_id: int) -> int:
        with self._db.session() as session:
            return len(
                session.scalars(
                    select(ConsoleSession.id_hash).where(ConsoleSession.telegram_id == telegram_id)
                ).all()
            )
