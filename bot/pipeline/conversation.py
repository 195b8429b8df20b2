"""The conversation pipeline shared by every front end: safety net -> Rasa -> replies.

Telegram and the terminal chat both call :class:`Conversation`; neither talks to Rasa directly,
so both get the same safety net, commands and outage handling.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from bot.answers import texts as answers_texts
from bot.answers.facts import Facts
from bot.answers.youth import HANDOFF_PAYLOAD
from bot.core.errors import EngineError
from bot.core.pseudonym import Pseudonymiser
from bot.ops import metrics
from bot.pipeline import texts
from bot.pipeline.capture import NOT_READ, NotRead
from bot.pipeline.engine import RasaClient
from bot.pipeline.messages import Button, Reply
from bot.safety import (
    SafetyNet,
    SafetyResult,
    ask_reply,
    check_in_reply,
    crisis_reply,
    grief_reply,
    warm_up_in_background,
)

if TYPE_CHECKING:
    from bot.pipeline.capture import Capture
    from bot.privacy.drafts import Pending

log = logging.getLogger(__name__)

UNAVAILABLE = Reply(texts.ENGINE_DOWN)
ONLY_TEXT = Reply(texts.ONLY_TEXT)
EMPTY = Reply(texts.NO_TEXT)
EDITED = Reply(texts.EDITED)
UNKNOWN_COMMAND = Reply(texts.UNKNOWN_COMMAND)
# Under every crisis reply: the choice its last paragraph offers in words, as a button too (a
# number typed after a reply without buttons reached the fallback). Its payload is short, so
# it is signed inline: rendering it never touches the database.
CRISIS_BUTTONS = (Button(answers_texts.TALK_TO_JOINUS_BUTTON, HANDOFF_PAYLOAD),)

# Longer turns add nothing for intent classification but cost engine time; the user is told.
MAX_TURN_CHARS = 1500
# Telegram deep-link payloads are limited to this alphabet and length.
_START_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

# Commands become intents; Rasa's "/intent" syntax is only ever produced here or by a button,
# never passed through from typed text (which would let anyone inject intents).
COMMAND_INTENTS: dict[str, str] = {
    "start": "greet",
    "help": "help",
    "privacy": "privacy",
    "stop": "withdraw",
    "mijngegevens": "my_data",
    "vergeet": "forget_me",
}
# Deep-link payloads that open a flow of their own instead of the greeting (prefix -> intent);
# the payload is still passed as ``source``. Issue 5: "/start school[_<campaign>]" for staff.
START_INTENTS: dict[str, str] = {"school": "school_role"}


@dataclass(frozen=True)
class ChannelUser:
    """Who is talking, in the channel's own terms; only the pseudonym is passed on to Rasa."""

    platform: str
    user_id: int | str
    chat_id: int | str


class DirectiveHandler(Protocol):
    """Handles a ``custom`` payload from an action (e.g. "link this chat to a consented lead")."""

    async def __call__(
        self, user: ChannelUser, pseudonym: str, custom: dict[str, Any]
    ) -> list[Reply]: ...


# Told about every crisis reply, with the person's pseudonym (for per-person alert limits). It
# runs in the background: the crisis reply never waits for it, and it is abandoned after
# CRISIS_LISTENER_TIMEOUT seconds so a hung database cannot pile up tasks.
# The directive of /vergeet and /stop (actions/consent.py FORGET).
FORGET_PERSON = "forget_person"
CrisisListener = Callable[[SafetyResult, str], Awaitable[None]]
CRISIS_LISTENER_TIMEOUT = 30.0


class Conversation:
    """One instance per process; safe for concurrent use by many users."""

    def __init__(
        self,
        engine: RasaClient,
        pseudonymiser: Pseudonymiser,
        facts: Facts,
        *,
        directives: dict[str, DirectiveHandler] | None = None,
        on_crisis: CrisisListener | None = None,
        safety_net: SafetyNet | None = None,
        capture: Capture | None = None,
    ) -> None:
        self._engine = engine
        self._pseudonymiser = pseudonymiser
        self._facts = facts
        self._directives = directives or {}
        self._on_crisis = on_crisis
        # Remembers per pseudonym that a conversation showed distress (kept across restarts when
        # the runtime gives it a journal).
        self._safety = safety_net if safety_net is not None else SafetyNet()
        warm_up_in_background()  # layer 2 loads while layer 1 already answers
        self._capture = capture
        self._background: set[asyncio.Task[None]] = set()

    def pseudonym(self, user: ChannelUser) -> str:
        return self._pseudonymiser.for_user(user.platform, user.user_id)

    async def text(
        self, user: ChannelUser, text: str, *, judged: SafetyResult | None = None
    ) -> list[Reply]:
        """A typed message: safety net first (works without Rasa), then the engine.

        ``judged``: the safety net's verdict on this very message, when a front end's gate
        already asked for it (``judge``): the net remembers what it saw per person, so each
        message must be judged once."""
        text = (text or "").strip()
        if not text:
            return [EMPTY]
        if text.startswith("/"):
            name, _, arg = text[1:].partition(" ")
            return await self.command(user, name.split("@", 1)[0], arg.strip())
        # A flagged message returns here: it never reaches the engine, so never a Join us answer.
        safety = judged if judged is not None else self.judge(user, text)
        if safety.level == "crisis":
            return self._crisis(user, safety)
        if safety.level == "check_in" and safety.has("ask"):
            # It may mean danger but does not say so: ask directly, with the lines.
            return [Reply(ask_reply(self._facts.get("crisis_lines") or {}))]
        if safety.level == "check_in":
            return [Reply(check_in_reply())]
        if safety.has("grief"):
            lines = self._facts.get("crisis_lines") or {}
            return [Reply(grief_reply(lines, suicide_loss=safety.has("suicide_loss")))]
        if self._capture is not None:
            # A personal answer (or code) stays here: Rasa gets a placeholder (bot/pipeline/capture.py).
            examined = await self._capture.examine(self.pseudonym(user), text[:MAX_TURN_CHARS])
            taken, pending = examined.taken, examined.still_pending
            if taken is not None:
                if taken.replies:
                    return list(taken.replies)
                return await self._engine_turn(
                    user, taken.message, answered=taken.answered, pending=pending
                )
            return await self._engine_turn(user, text[:MAX_TURN_CHARS], pending=pending)
        return await self._engine_turn(user, text[:MAX_TURN_CHARS])

    def crisis_check(self, user: ChannelUser, text: str) -> list[Reply] | None:
        """The crisis reply for any text a person sent (a caption, an edit, the words after a
        command), or ``None``; front ends call it for text that does not go through ``text``."""
        return self.crisis_replies(user, self.judge(user, text or ""))

    def judge(self, user: ChannelUser, text: str) -> SafetyResult:
        """The safety net's verdict on one message of this person (it updates their memory)."""
        return self._safety.assess(text, self.pseudonym(user))

    def crisis_replies(self, user: ChannelUser, safety: SafetyResult) -> list[Reply] | None:
        """The crisis reply for a verdict of ``judge``, or ``None`` when it is no crisis."""
        return self._crisis(user, safety) if safety.level == "crisis" else None

    def _crisis(self, user: ChannelUser, safety: SafetyResult) -> list[Reply]:
        """Reply at once; staff are told in the background (never awaited here)."""
        metrics.CRISIS_REPLIES.inc()
        if self._on_crisis is not None:
            task = asyncio.get_running_loop().create_task(
                self._notify(safety, self.pseudonym(user)), name="crisis-alert"
            )
            self._background.add(task)
            task.add_done_callback(self._background.discard)
        reply = crisis_reply(safety, self._facts.get("crisis_lines") or {})
        return [Reply(reply or UNAVAILABLE.text, buttons=CRISIS_BUTTONS)]

    async def _notify(self, safety: SafetyResult, pseudonym: str) -> None:
        assert self._on_crisis is not None
        try:
            await asyncio.wait_for(self._on_crisis(safety, pseudonym), CRISIS_LISTENER_TIMEOUT)
        except Exception:  # a failing notification must never hide the crisis reply
            log.exception("crisis notification failed")

    async def drain(self, within: float = CRISIS_LISTENER_TIMEOUT) -> None:
        """Wait (at most ``within`` seconds) for background notifications: tests, shutdown."""
        if self._background:
            await asyncio.wait(set(self._background), timeout=within)

    async def button(self, user: ChannelUser, payload: str) -> list[Reply]:
        """A pressed button: its payload is the user's turn, exactly as the engine offered it."""
        return await self._engine_turn(user, payload)

    async def command(self, user: ChannelUser, name: str, arg: str = "") -> list[Reply]:
        # Words after a command are typed text too ("/start ik wil dood").
        if arg and (crisis := self.crisis_check(user, arg)) is not None:
            return crisis
        intent = COMMAND_INTENTS.get(name.lower())
        if intent is None:
            return [UNKNOWN_COMMAND]
        if intent == "forget_me":  # the safety net's memory, also when the engine is down
            self._safety.forget(self.pseudonym(user))
        entities = ""
        if name.lower() == "start" and _START_PAYLOAD.match(arg):
            if self._capture is not None:  # a school's referral code stays out of Rasa
                arg = await self._capture.start_payload(self.pseudonym(user), arg)
            # The deep-link code (a poster, a school) is kept for attribution of later leads.
            entities = json.dumps({"source": arg})
            intent = next(
                (i for p, i in START_INTENTS.items() if arg == p or arg.startswith(p + "_")), intent
            )
        return await self._engine_turn(user, f"/{intent}{entities}")

    async def _engine_turn(
        self,
        user: ChannelUser,
        message: str,
        *,
        answered: Pending | None = None,
        pending: Pending | NotRead | None = NOT_READ,
    ) -> list[Reply]:
        """``pending``: the question still open as this turn's capture check left it (a typed
        message), else read here (a command or a button)."""
        kind = "button_or_command" if message.startswith("/") else "text"
        with metrics.TURN_SECONDS.labels(kind).time():
            return await self._engine_turn_untimed(user, message, answered, pending)

    async def _engine_turn_untimed(
        self,
        user: ChannelUser,
        message: str,
        answered: Pending | None = None,
        pending: Pending | NotRead | None = NOT_READ,
    ) -> list[Reply]:
        pseudonym = self.pseudonym(user)
        open_question = answered
        if self._capture is not None:
            open_question = await self._capture.before_turn(pseudonym, pending) or answered
        try:
            replies = await self._engine.send(pseudonym, message)
        except EngineError as exc:
            log.warning("engine unavailable for a turn: %s", exc)
            metrics.ENGINE_UNAVAILABLE.inc()
            await self._ask_again(pseudonym, open_question)
            return [UNAVAILABLE]
        # An empty answer means the action server failed behind Rasa: still never leave silence.
        if not any(r.text for r in replies) and not any(r.custom for r in replies):
            await self._ask_again(pseudonym, open_question)
            return [UNAVAILABLE]
        return await self._apply_directives(user, pseudonym, replies)

    async def _ask_again(self, pseudonym: str, question: Pending | None) -> None:
        # The person will type their answer again: it must be captured again, never sent to
        # Rasa as text (that would put a contact detail in the conversation store).
        if self._capture is not None and question is not None:
            await self._capture.ask_again(pseudonym, question)

    async def _apply_directives(
        self, user: ChannelUser, pseudonym: str, replies: Sequence[Reply]
    ) -> list[Reply]:
        out: list[Reply] = []
        for reply in replies:
            if not reply.custom:
                out.append(reply)
                continue
            name = str(reply.custom.get("directive", ""))
            if name == FORGET_PERSON:
                # Typed "vergeet mij" as well as /vergeet: the safety net's memory goes too.
                self._safety.forget(pseudonym)
            handler = self._directives.get(name)
            if handler is None:
                log.warning("ignoring unknown directive %r", reply.custom.get("directive"))
                continue
            try:
                out.extend(await handler(user, pseudonym, reply.custom))
            except Exception:
                log.exception("directive %r failed", reply.custom.get("directive"))
                out.append(UNAVAILABLE)
        return out or [UNAVAILABLE]
