"""Directives from the lead actions, carried out in the bot process with the real chat.

Rasa only ever knows the pseudonym. When a young person chooses "via deze chat", the action
emits ``{"directive": "lead_chat", "lead": ...}`` and this process stores the encrypted chat id;
deep links need the bot's username, which only this process knows; and a conversation can only
be erased after Rasa has saved the turn, which is when directives run.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.leads.service import LeadService
from bot.pipeline.conversation import ChannelUser, DirectiveHandler
from bot.pipeline.messages import Reply
from bot.pipeline.tracker import TrackerStore

log = logging.getLogger(__name__)


class DeepLinks:
    """t.me links to this bot; the username is filled in once the bot knows who it is."""

    def __init__(self, username: str | None = None) -> None:
        self.username = username

    def link(self, start: str) -> str:
        if self.username:
            return f"https://t.me/{self.username}?start={start}"
        return f"/start {start}"


def lead_directives(
    leads: LeadService, tracker: TrackerStore, links: DeepLinks
) -> dict[str, DirectiveHandler]:
    async def lead_chat(user: ChannelUser, pseudonym: str, custom: dict[str, Any]) -> list[Reply]:
        if user.platform == "telegram" and isinstance(user.chat_id, int):
            linked = await asyncio.to_thread(
                leads.attach_chat, pseudonym, str(custom.get("lead", "")), user.chat_id
            )
            if not linked:
                log.warning("lead_chat directive for an unknown or foreign lead ignored")
        return []

    async def deep_link(user: ChannelUser, pseudonym: str, custom: dict[str, Any]) -> list[Reply]:
        start = str(custom.get("start", ""))
        text = str(custom.get("text", "{link}"))
        return [Reply(text.replace("{link}", links.link(start)))]

    async def erase_conversation(
        user: ChannelUser, pseudonym: str, custom: dict[str, Any]
    ) -> list[Reply]:
        await asyncio.to_thread(tracker.erase, pseudonym)
        return []

    return {
        "lead_chat": lead_chat,
        "deep_link": deep_link,
        "erase_conversation": erase_conversation,
    }
