"""Replies -> Telegram messages: HTML-escaped text, split at 4096 characters, inline keyboards."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.messages import Button, Reply

MAX_MESSAGE = 4096
MAX_CALLBACK_BYTES = 64
# Callback data prefixes: "p|" carries the Rasa payload itself, "h|" a digest of a stored one.
# Other features use their own prefixes (checked server-side), so nothing here is trusted blindly.
PAYLOAD_PREFIX = "p|"
DIGEST_PREFIX = "h|"


@dataclass(frozen=True)
class OutgoingMessage:
    text: str  # already HTML-escaped, for parse_mode=HTML
    reply_markup: InlineKeyboardMarkup | None = None


def _cut_point(text: str, limit: int) -> int:
    """Largest index <= limit at a paragraph, line, sentence or word boundary (else a hard cut)."""
    window = text[:limit]
    for sep in ("\n\n", "\n", ". ", " "):
        index = window.rfind(sep)
        if index > limit // 2:
            return index + len(sep)
    return limit


def split_text(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Split raw text so that every chunk stays within ``limit`` characters *after* escaping."""
    chunks: list[str] = []
    rest = text
    while rest:
        if len(html.escape(rest, quote=False)) <= limit:
            chunks.append(rest)
            break
        # Escaping at most quintuples a character ('&' -> '&amp;'): shrink until it fits.
        cut = _cut_point(rest, limit)
        while len(html.escape(rest[:cut], quote=False)) > limit:
            cut = _cut_point(rest, max(1, cut * 4 // 5)) if cut > 1 else 1
        chunks.append(rest[:cut])
        rest = rest[cut:]
    return [c for c in (chunk.strip() for chunk in chunks) if c] or ([text] if text else [])


def callback_data_for(payload: str, store: Callable[[str, str], None]) -> str:
    """Inline payloads that fit; longer ones are stored under a digest (``store(token, payload)``)."""
    inline = PAYLOAD_PREFIX + payload
    if len(inline.encode()) <= MAX_CALLBACK_BYTES:
        return inline
    token = hashlib.sha256(payload.encode()).hexdigest()[:32]
    store(token, payload)
    return DIGEST_PREFIX + token


def keyboard(
    buttons: tuple[Button, ...], store: Callable[[str, str], None]
) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                b.title[:64] or "…", callback_data=callback_data_for(b.payload, store)
            )
        ]
        for b in buttons
    ]
    return InlineKeyboardMarkup(rows)


def render(reply: Reply, store: Callable[[str, str], None]) -> list[OutgoingMessage]:
    """One reply -> one or more messages; buttons go on the last part so they stay in view."""
    parts = split_text(reply.text) if reply.text else []
    if not parts:
        return []
    markup = keyboard(reply.buttons, store) if reply.buttons else None
    messages = [OutgoingMessage(html.escape(p, quote=False)) for p in parts]
    messages[-1] = OutgoingMessage(messages[-1].text, markup)
    return messages
