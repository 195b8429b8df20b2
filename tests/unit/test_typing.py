"""The "typing…" status covers the engine turn only: a ready reply waiting to be sent gets no
extra Bot API call."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

import pytest

from bot.pipeline.messages import Reply
from bot.telegram import handlers

CHAT = 7_340_022_001


class Bot:
    def __init__(self) -> None:
        self.actions: list[int] = []
        self.typed = asyncio.Event()

    async def send_chat_action(self, chat_id: int, action: Any) -> None:
        self.actions.append(chat_id)
        self.typed.set()


class Conversation:
    def __init__(self, wait_for: asyncio.Event | None = None) -> None:
        self.wait_for = wait_for

    async def text(self, user: Any, text: str, *, judged: Any = None) -> list[Reply]:
        if self.wait_for is not None:  # a slow engine turn: answers once "typing…" went out
            await self.wait_for.wait()
        return [Reply("hoi")]


def _update() -> Any:
    return SimpleNamespace(
        effective_user=SimpleNamespace(id=CHAT),
        effective_chat=SimpleNamespace(id=CHAT, type="private"),
        effective_message=SimpleNamespace(text="wat is join us"),
        update_id=1,
    )


async def _on_text(
    monkeypatch: pytest.MonkeyPatch, bot: Bot, conversation: Conversation
) -> list[list[Reply]]:
    sent: list[list[Reply]] = []

    async def send_replies(context: Any, chat_id: int, replies: list[Reply]) -> None:
        for _ in range(10):  # waiting for the rate limiter: other tasks run meanwhile
            await asyncio.sleep(0)
        sent.append(list(replies))

    monkeypatch.setattr(handlers, "TYPING_AFTER", 0)
    monkeypatch.setattr(handlers, "send_replies", send_replies)
    context = SimpleNamespace(bot=bot, bot_data={"conversation": conversation}, chat_data={})
    await handlers.on_text(_update(), context)  # type: ignore[arg-type]
    return sent


async def test_no_typing_once_the_answer_is_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    bot = Bot()
    sent = await _on_text(monkeypatch, bot, Conversation())
    assert sent == [[Reply("hoi")]]
    assert bot.actions == []  # the answer was ready: the wait to send it shows no "typing…"


async def test_typing_beside_a_slow_engine_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    bot = Bot()
    sent = await _on_text(monkeypatch, bot, Conversation(wait_for=bot.typed))
    assert bot.actions == [CHAT]
    assert sent == [[Reply("hoi")]]
