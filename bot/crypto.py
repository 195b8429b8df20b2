"""Encryption at rest for contact details and chat ids (Fernet: AES-128-CBC + HMAC-SHA256)."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken

from bot.errors import ConfigError
from bot.keys import load_or_create_secret
from bot.settings import Settings


class Cipher:
    """Encrypts short strings; the key comes from ENCRYPTION_KEY or a generated key file."""

    def __init__(self, secret: bytes) -> None:
        # Derive a Fernet key from any secret string, so operators can use a passphrase.
        self._fernet = Fernet(base64.urlsafe_b64encode(hashlib.sha256(secret).digest()))

    def __repr__(self) -> str:
        return "Cipher(<key>)"

    @classmethod
    def from_settings(cls, settings: Settings) -> Cipher:
        return cls(
            load_or_create_secret(settings.secrets_dir / "encryption.key", settings.encryption_key)
        )

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise ConfigError(
                "cannot decrypt stored data: ENCRYPTION_KEY changed or data corrupt"
            ) from None
