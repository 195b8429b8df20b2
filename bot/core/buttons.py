"""Signed callback data of Rasa buttons: only payloads this bot issued, to this chat, come back.

"p|<payload>|<mac>" carries a short payload with its signature; "h|<token>" a keyed digest of a
longer one stored in ``button_payloads``. Both are bound to the chat they were sent to, so
forged or copied callback data never reaches Rasa as an intent. Telegram-free: the terminal
and the bot process share it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable

MAX_CALLBACK_BYTES = 64
PAYLOAD_PREFIX = "p|"
DIGEST_PREFIX = "h|"
MAC_CHARS = 11  # 8 bytes of HMAC-SHA256, URL-safe base64 without padding
MAX_INLINE_PAYLOAD = MAX_CALLBACK_BYTES - len(PAYLOAD_PREFIX) - 1 - MAC_CHARS


def fits_inline(payload: str) -> bool:
    """Whether a payload is signed into the callback data itself (no stored digest needed)."""
    return len(payload.encode()) <= MAX_INLINE_PAYLOAD


class ButtonSigner:
    """Signs the buttons we send and recognises them when pressed (HMAC-SHA256, own key)."""

    def __init__(self, key: bytes) -> None:
        if len(key) < 16:
            raise ValueError("button key must be at least 16 bytes")
        self._key = key

    def __repr__(self) -> str:
        return "ButtonSigner(<key>)"

    def _digest(self, chat_id: int | str, payload: str) -> bytes:
        return hmac.new(self._key, f"{chat_id}\x00{payload}".encode(), hashlib.sha256).digest()

    def mac(self, chat_id: int | str, payload: str) -> str:
        return base64.urlsafe_b64encode(self._digest(chat_id, payload)[:8]).decode().rstrip("=")

    def token(self, chat_id: int | str, payload: str) -> str:
        return self._digest(chat_id, payload).hex()[:32]

    def callback_data(
        self, chat_id: int | str, payload: str, store: Callable[[str, str], None]
    ) -> str:
        """Inline payloads that fit; longer ones are stored under a keyed digest."""
        if fits_inline(payload):
            return f"{PAYLOAD_PREFIX}{payload}|{self.mac(chat_id, payload)}"
        token = self.token(chat_id, payload)
        store(token, payload)
        return DIGEST_PREFIX + token

    def payload_of(
        self, chat_id: int | str, data: str, load: Callable[[str], str | None]
    ) -> str | None:
        """The payload of pressed callback data, or None if we did not issue it to this chat."""
        if data.startswith(PAYLOAD_PREFIX):
            payload, sep, mac = data.removeprefix(PAYLOAD_PREFIX).rpartition("|")
            expected = self.mac(chat_id, payload).encode()
            if sep and payload and hmac.compare_digest(mac.encode(), expected):
                return payload
            return None
        if data.startswith(DIGEST_PREFIX):
            token = data.removeprefix(DIGEST_PREFIX)
            if len(token) != 32 or not token.isascii():
                return None
            stored = load(token)
            if stored and hmac.compare_digest(token, self.token(chat_id, stored)):
                return stored
        return None


# Tests and tools that render without a bot process: a key that lives as long as the process.
EPHEMERAL_SIGNER = ButtonSigner(secrets.token_bytes(32))
