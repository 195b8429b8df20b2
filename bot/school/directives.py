"""The ``school_chat`` directive: the bot process keeps the school employee's chat (encrypted).

The school employee agreed, in the summary they confirmed, that we keep the chat they used so
they hear back there; Rasa only knows the pseudonym, so the action asks this process to do it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from bot.pipeline.conversation import ChannelUser, DirectiveHandler
from bot.pipeline.messages import Reply
from bot.school.requests import ReferralService

log = logging.getLogger(__name__)


def referral_directives(referrals: ReferralService) -> dict[str, DirectiveHandler]:
    async def school_chat(user: ChannelUser, pseudonym: str, custom: dict[str, Any]) -> list[Reply]:
        if user.platform == "telegram" and isinstance(user.chat_id, int):
            linked = await asyncio.to_thread(
                referrals.attach_chat, pseudonym, str(custom.get("request", "")), user.chat_id
            )
            if not linked:
                log.warning("school_chat directive for an unknown or foreign request ignored")
        return []

    return {"school_chat": school_chat}
