"""'/start school[_<campaign>]' opens the school role question; other payloads still greet."""

from __future__ import annotations

from bot.pipeline.conversation import ChannelUser
from tests.stand_ins import RecordingEngine, conversation_with

USER = ChannelUser("telegram", 42, 42)


async def test_school_deep_links_ask_for_the_school_role() -> None:
    engine = RecordingEngine()
    conversation = conversation_with(engine)
    for payload in ("school", "school_najaar2026", "schoolfeest", "ref_ABC123"):
        await conversation.command(USER, "start", payload)
    assert engine.sent == [
        '/school_role{"source": "school"}',
        '/school_role{"source": "school_najaar2026"}',
        '/greet{"source": "schoolfeest"}',
        '/greet{"source": "ref_ABC123"}',
    ]
