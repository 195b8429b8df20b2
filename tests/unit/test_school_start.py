"""'/start school[_<campaign>]' opens the school role question; other payloads still greet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.answers.facts import Facts
from bot.core.pseudonym import Pseudonymiser
from bot.pipeline.conversation import ChannelUser, Conversation
from bot.pipeline.messages import Reply

USER = ChannelUser("telegram", 42, 42)


class StubEngine:
    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send(
        self, sender: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[Reply]:
        self.sent.append(text)
        return [Reply("ok")]


async def test_school_deep_links_ask_for_the_school_role(tmp_path: Path) -> None:
    engine = StubEngine()
    conversation = Conversation(engine, Pseudonymiser(b"k" * 32), Facts(tmp_path / "f.yml"))  # type: ignore[arg-type]
    for payload in ("school", "school_najaar2026", "schoolfeest", "ref_ABC123"):
        await conversation.command(USER, "start", payload)
    assert engine.sent == [
        '/school_role{"source": "school"}',
        '/school_role{"source": "school_najaar2026"}',
        '/greet{"source": "schoolfeest"}',
        '/greet{"source": "ref_ABC123"}',
    ]
