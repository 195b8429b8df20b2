from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest

from bot.answers.facts import Facts
from bot.answers.youth import HANDOFF_PAYLOAD
from bot.core.errors import EngineUnavailable
from bot.core.pseudonym import Pseudonymiser
from bot.pipeline.conversation import (
    EMPTY,
    MAX_TURN_CHARS,
    ONLY_TEXT,
    UNAVAILABLE,
    UNKNOWN_COMMAND,
    ChannelUser,
    Conversation,
)
from bot.pipeline.messages import Reply
from bot.safety import SafetyResult
from bot.telegram.rendering import EPHEMERAL_SIGNER, render

USER = ChannelUser("telegram", 987654321, 987654321)


class StubEngine:
    def __init__(self, replies: list[Reply] | None = None, down: bool = False) -> None:
        self.replies = replies if replies is not None else [Reply("antwoord")]
        self.down = down
        self.sent: list[tuple[str, str]] = []

    async def send(
        self, sender: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[Reply]:
        self.sent.append((sender, text))
        if self.down:
            raise EngineUnavailable("down")
        return self.replies


@pytest.fixture
def facts(tmp_path: Path) -> Facts:
    path = tmp_path / "facts.yml"
    path.write_text(
        "crisis_lines:\n"
        '  "113": {name: "113 Zelfmoordpreventie", phone: "113", phone_free: "0800-0113", chat: "113.nl"}\n'
        '  "112": {name: "112", phone: "112", note: "bij direct gevaar"}\n'
        '  veilig_thuis: {name: "Veilig Thuis", phone: "0800-2000"}\n'
    )
    return Facts(path)


def make(engine: StubEngine, facts: Facts, **kwargs: Any) -> Conversation:
    return Conversation(engine, Pseudonymiser(b"k" * 32), facts, **kwargs)  # type: ignore[arg-type]


async def test_text_goes_to_engine_under_pseudonym_only(facts: Facts) -> None:
    engine = StubEngine()
    replies = await make(engine, facts).text(USER, "  wat is join us?  ")
    assert replies == [Reply("antwoord")]
    sender, text = engine.sent[0]
    assert text == "wat is join us?"
    assert "987654321" not in sender and len(sender) == 64


async def test_engine_down_gives_friendly_dutch_reply(facts: Facts) -> None:
    replies = await make(StubEngine(down=True), facts).text(USER, "hoi")
    assert replies == [UNAVAILABLE]
    assert "even niet bereikbaar" in UNAVAILABLE.text


async def test_action_server_down_empty_answer_is_never_silence(facts: Facts) -> None:
    assert await make(StubEngine(replies=[]), facts).text(USER, "hoi") == [UNAVAILABLE]


async def test_crisis_reply_works_without_engine_and_notifies(facts: Facts) -> None:
    engine = StubEngine(down=True)
    seen: list[SafetyResult] = []

    async def on_crisis(result: SafetyResult, person: str) -> None:
        seen.append(result)

    conversation = make(engine, facts, on_crisis=on_crisis)
    replies = await conversation.text(USER, "ik wil dood")
    assert engine.sent == []
    assert "113" in replies[0].text and "0800-0113" in replies[0].text
    await conversation.drain()
    assert len(seen) == 1


@pytest.mark.parametrize("text", ["ik wil niet meer leven", "ik sta op het dak en ga springen"])
async def test_crisis_reply_offers_a_join_us_person_as_a_button(facts: Facts, text: str) -> None:
    """The choice the crisis reply offers in words is a button too; pressing it is the handoff
    turn. The acute reply still starts with 112, and the button never needs the database."""
    engine = StubEngine()
    conversation = make(engine, facts)
    [reply] = await conversation.text(USER, text)
    assert [(b.title, b.payload) for b in reply.buttons] == [
        ("Praten met iemand van Join us", HANDOFF_PAYLOAD)
    ]
    if "dak" in text:
        assert reply.text.startswith("Ben je nu in gevaar? Bel meteen 112.")

    def no_database(token: str, payload: str) -> None:
        raise AssertionError("the crisis button must be signed inline")

    [message] = render(reply, no_database, EPHEMERAL_SIGNER, 7)
    assert message.reply_markup is not None
    assert engine.sent == []
    await conversation.button(USER, reply.buttons[0].payload)
    assert engine.sent[-1][1] == HANDOFF_PAYLOAD


async def test_crisis_reply_never_waits_for_the_staff_alert(facts: Facts) -> None:
    """A listener stuck on a locked or unreachable database does not delay the reply."""
    started = asyncio.Event()

    async def hung(_: SafetyResult, __: str) -> None:
        started.set()
        await asyncio.sleep(3600)

    conversation = make(StubEngine(), facts, on_crisis=hung)
    begin = time.perf_counter()
    replies = await conversation.text(USER, "ik wil niet meer leven")
    assert time.perf_counter() - begin < 0.1
    assert "113" in replies[0].text
    await asyncio.wait_for(started.wait(), 1)  # the alert was started in the background
    await conversation.drain(within=0.01)


@pytest.mark.parametrize(
    "command", ["/start ik wil dood", "/help ik wil mezelf iets aandoen", "/onbekend ik wil dood"]
)
async def test_words_after_a_command_are_checked(facts: Facts, command: str) -> None:
    engine = StubEngine()
    replies = await make(engine, facts).text(USER, command)
    assert engine.sent == [] and "113" in replies[0].text


async def test_deep_link_payload_is_not_a_crisis(facts: Facts) -> None:
    engine = StubEngine()
    await make(engine, facts).text(USER, "/start poster_veghel")
    assert engine.sent and engine.sent[0][1].startswith("/greet")


async def test_failing_crisis_notification_still_shows_resources(facts: Facts) -> None:
    async def broken(_: SafetyResult, __: str) -> None:
        raise RuntimeError("staff chat unreachable")

    replies = await make(StubEngine(), facts, on_crisis=broken).text(
        USER, "ik wil zelfmoord plegen"
    )
    assert "113" in replies[0].text


async def test_empty_and_unknown_command(facts: Facts) -> None:
    conversation = make(StubEngine(), facts)
    assert await conversation.text(USER, "   ") == [EMPTY]
    assert await conversation.text(USER, "/doeietsgeks") == [UNKNOWN_COMMAND]
    assert ONLY_TEXT.text.startswith("Ik kan alleen tekst lezen")


async def test_typed_intent_syntax_is_not_passed_through(facts: Facts) -> None:
    engine = StubEngine()
    assert await make(engine, facts).text(USER, '/express_interest{"age":"18"}') == [
        UNKNOWN_COMMAND
    ]
    assert engine.sent == []


async def test_start_keeps_valid_deep_link_code_only(facts: Facts) -> None:
    engine = StubEngine()
    conversation = make(engine, facts)
    await conversation.command(USER, "start", "poster-school_12")
    await conversation.command(USER, "start", 'x"}; drop')
    await conversation.text(USER, "/help")
    assert [t for _, t in engine.sent] == [
        '/greet{"source": "poster-school_12"}',
        "/greet",
        "/help",
    ]


async def test_very_long_message_is_truncated_for_the_engine(facts: Facts) -> None:
    engine = StubEngine()
    await make(engine, facts).text(USER, "a" * 10_000)
    assert len(engine.sent[0][1]) == MAX_TURN_CHARS


async def test_button_payload_is_sent_as_is(facts: Facts) -> None:
    engine = StubEngine()
    await make(engine, facts).button(USER, "/affirm")
    assert engine.sent[0][1] == "/affirm"


async def test_directive_gets_real_chat_and_unknown_one_is_dropped(facts: Facts) -> None:
    engine = StubEngine(
        replies=[
            Reply("ok"),
            Reply("", custom={"directive": "link"}),
            Reply("", custom={"directive": "nope"}),
        ]
    )
    calls: list[tuple[ChannelUser, str]] = []

    async def link(user: ChannelUser, pseudonym: str, custom: dict[str, Any]) -> list[Reply]:
        calls.append((user, pseudonym))
        return [Reply("gekoppeld")]

    replies = await make(engine, facts, directives={"link": link}).text(USER, "hoi")
    assert [r.text for r in replies] == ["ok", "gekoppeld"]
    assert calls[0][0] == USER
