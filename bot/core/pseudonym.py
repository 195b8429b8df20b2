"""Keyed pseudonyms: the only form in which a Telegram user id reaches Rasa, the logs or analytics."""

from __future__ import annotations

import hashlib
import hmac


class Pseudonymiser:
    """Maps a platform user id to a stable HMAC-SHA256 pseudonym that cannot be reversed."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("pseudonym secret must be at least 16 bytes")
        self._secret = secret

    def __repr__(self) -> str:
        return "Pseudonymiser(<secret>)"

    def for_user(self, platform: str, user_id: int | str) -> str:
        # The platform prefix keeps ids from different channels (telegram, terminal) apart.
        message = f"{platform}:{user_id}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()
