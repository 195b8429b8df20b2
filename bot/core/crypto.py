"""Encryption at rest for contact details and chat ids (Fernet: AES-128-CBC + HMAC-SHA256).

Keys rotate with MultiFernet: the current key (ENCRYPTION_KEY or the generated key file)
encrypts, old keys (OLD_ENCRYPTION_KEYS) still decrypt, and ``python -m bot.tools.rotate_keys``
re-encrypts every stored value with the current key, after which the old keys can go.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.core.errors import ConfigError
from bot.core.keys import is_strong, load_or_create_salt, load_or_create_secret, stretch
from bot.core.settings import Settings


def _fernet(material: bytes) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(material).digest()))


def fernets_for(secret: bytes, salt: bytes | None) -> list[Fernet]:
    """The key made from one secret, then (for a passphrase) the key earlier versions made
    from it without a salt, so that data written before the KDF stays readable."""
    if salt is None or is_strong(secret):
        return [_fernet(secret)]
    return [_fernet(stretch(secret, salt)), _fernet(secret)]


class Cipher:
    """Encrypts short strings with the current key; decrypts with the current or an old one."""

    def __init__(
        self, secret: bytes, *, salt: bytes | None = None, old: Sequence[bytes] = ()
    ) -> None:
        keys = fernets_for(secret, salt)
        for previous in old:
            keys.extend(fernets_for(previous, salt))
        self._fernet = MultiFernet(keys)
        self._current = keys[0]

    def __repr__(self) -> str:
        return "Cipher(<key>)"

    @classmethod
    def from_settings(cls, settings: Settings) -> Cipher:
        secret = load_or_create_secret(
            settings.secrets_dir / "encryption.key", settings.encryption_key
        )
        old = [k.encode() for k in settings.security.old_encryption_keys]
        needs_salt = not is_strong(secret) or any(not is_strong(k) for k in old)
        salt = load_or_create_salt(settings.secrets_dir) if needs_salt else None
        return cls(secret, salt=salt, old=old)

    def encrypt(self, plain: str) -> str:
        return self._fernet.encrypt(plain.encode()).decode()

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode()).decode()
        except InvalidToken:
            raise ConfigError(
                "cannot decrypt stored data: ENCRYPTION_KEY changed or data corrupt"
            ) from None

    def is_current(self, token: str) -> bool:
        """True if ``token`` is already encrypted with the current key (rotation skips it)."""
        try:
            self._current.decrypt(token.encode())
            return True
        except InvalidToken:
            return False

    def rotate(self, token: str) -> str:
        """Re-encrypt a stored value with the current key (it may be under an old one)."""
        try:
            return self._fernet.rotate(token.encode()).decode()
        except InvalidToken:
            raise ConfigError(
                "cannot decrypt stored data: is the old key in OLD_ENCRYPTION_KEYS?"
            ) from None


__all__ = ["Cipher", "fernets_for"]
