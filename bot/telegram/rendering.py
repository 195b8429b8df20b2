"""Replies -> Telegram messages: HTML-escaped text, split at 4096 characters, inline keyboards."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.core.buttons import (
    DIGEST_PREFIX,
    EPHEMERAL_SIGNER,
    MAX_CALLBACK_BYTES,
    PAYLOAD_PREFIX,
    ButtonSigner,
)
from bot.pipeline.messages import Button, Reply

MAX_MESSAGE = 4096


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


def callback_data_for(
    payload: str,
    store: Callable[[str, str], None],
    signer: ButtonSigner = EPHEMERAL_SIGNER,
    chat_id: int | str = 0,
) -> str:
    return signer.callback_data(chat_id, payload, store)


def keyboard(
    buttons: tuple[Button, ...],
    store: Callable[[str, str], None],
    signer: ButtonSigner = EPHEMERAL_SIGNER,
    chat_id: int | str = 0,
) -> InlineKeyboardMarkup:
    rows = [
        [
            InlineKeyboardButton(
                b.title[:64] or "…",
                callback_data=signer.callback_data(chat_id, b.payload, store),
            )
        ]
        for b in buttons
    ]
    return InlineKeyboardMarkup(rows)


def render(
    reply: Reply,
    store: Callable[[str, str], None],
    signer: ButtonSigner = EPHEMERAL_SIGNER,
    chat_id: int | str = 0,
) -> list[OutgoingMessage]:
    """One reply -> one or more messages; buttons go on the last part so they stay in view."""
    parts = split_text(reply.text) if reply.text else []
    if not parts:
        return []
    markup = keyboard(reply.buttons, store, signer, chat_id) if reply.buttons else None
    messages = [OutgoingMessage(html.escape(p, quote=False)) for p in parts]
    messages[-1] = OutgoingMessage(messages[-1].text, markup)
    return messages


__all__ = [
    "DIGEST_PREFIX",
    "EPHEMERAL_SIGNER",
    "MAX_CALLBACK_BYTES",
    "PAYLOAD_PREFIX",
    "ButtonSigner",
    "OutgoingMessage",
    "callback_data_for",
    "keyboard",
    "render",
    "split_text",
]
