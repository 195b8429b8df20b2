"""The bot process takes personal answers itself, so they never reach the Rasa engine.

A form's personal question arrives with a ``capture`` directive (see bot/privacy/directives.py);
the next typed message of that person is then checked here (after the safety net), stored
encrypted in our ``drafts`` table, and Rasa only gets ``/inform{"<slot>": "captured"}``. Messages
that are clearly no answer ("stop", "waarom?", a question, a /command) go to Rasa as usual, so
the dialogue around the form behaves as before. Parent codes and referral codes are kept the
same way.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass

from bot.leads.contact import ContactInvalid, is_skip
from bot.leads.service import PARENT_PREFIX, TYPED_PARENT_CODE
from bot.pipeline import texts
from bot.pipeline.messages import Reply
from bot.privacy.drafts import CAPTURED, FIELDS, REFERRAL_SOURCE, DraftService, Pending
from bot.school.requests import REFERRAL_PREFIX

# Not an answer: the user wants out, asks why, or asks something else. Whole-message matches,
# except "waarom" (anywhere) and questions.
_NOT_AN_ANSWER = re.compile(
    r"^(stop|stoppen|ik stop|ik wil stoppen|ik wil niet meer( meedoen)?|laat maar( zitten)?|"
    r"hou op|kap maar|ik denk er( nog)? over na|ik denk erover na|ik wil (er )?nog even nadenken|"
    r"doei|dag|tot ziens|bye|vergeet( me| mij| alles)?|wis alles|mijn gegevens|help|hulp|"
    r"ik ben (een )?(leerling|jongere|mentor|docent|ouder)|ik wil meedoen)[.!]*$",
    re.IGNORECASE,
)
# A question: a question mark, "waarom", or a question word followed by a verb ("wat kost het").
# Not a bare question word: "wat gamen en chillen" is an answer about wishes.
_QUESTION = re.compile(
    r"\?\s*$|\bwaarom\b|^(wat|wie|waar|wanneer|hoe|hoeveel|welke)\s+(is|zijn|kost|kosten|doe|"
    r"doen|doet|werkt|moet|kan|mag|gebeurt|gaat|heb|hebben|ben|bent|weet|wil|zit)\b",
    re.IGNORECASE,
)
_CONTACT_LIKE = re.compile(r"[\d@]")
_REFERRAL_TYPED = re.compile(rf"^\s*({REFERRAL_PREFIX}[A-Za-z0-9]{{4,32}})\s*$")


@dataclass(frozen=True)
class Taken:
    """What to do with a typed message: answer it here, or send Rasa ``message`` instead."""

    replies: tuple[Reply, ...] = ()
    message: str = ""
    # The question this message answered: asked again if the turn does not get through, so a
    # retyped answer is captured again instead of reaching Rasa as text.
    answered: Pending | None = None


def placeholder(field: str) -> str:
    return "/inform" + json.dumps({field: CAPTURED})


def parent_code_payload() -> str:
    return "/parent_code" + json.dumps({"parent_code": CAPTURED})


def is_not_an_answer(text: str, *, contact: bool) -> bool:
    if contact and _CONTACT_LIKE.search(text):
        return False  # digits or an '@': an answer to check, never a question
    return bool(_NOT_AN_ANSWER.match(text.strip()) or _QUESTION.search(text.strip()))


def typed_parent_code(text: str) -> str | None:
    """A message that is (or clearly gives) a parent code: 'K7Q2MX', 'mijn code is K7Q2MX'."""
    match = TYPED_PARENT_CODE.search(text)
    if match is None:
        return None
    rest = (text[: match.start()] + text[match.end() :]).strip(" .,:!-").lower()
    if rest and "code" not in rest:
        return None
    return match.group(1).upper()


class NotRead:
    """``before_turn`` has to read the pending question itself (a command, a button)."""


NOT_READ = NotRead()


@dataclass(frozen=True)
class Examined:
    """What :meth:`Capture.examine` found: ``taken`` as :meth:`Capture.take` returns it, and the
    question still pending if the message goes on to Rasa (``None``: none is), so that
    :meth:`Capture.before_turn` need not read it again in the same turn."""

    taken: Taken | None
    still_pending: Pending | None


class Capture:
    """Per-process; the pending question lives in the database (it survives restarts).

    Only this process sets a pending question (the capture directive, during the person's own
    turn) and one person's turns run one at a time, so what :meth:`examine` read stays true
    until the same turn's :meth:`before_turn`: one database read per typed message, not two.
    """

    def __init__(self, drafts: DraftService) -> None:
        self._drafts = drafts

    async def take(self, pseudonym: str, text: str) -> Taken | None:
        """A typed message (safety net already passed): take it, or None for an ordinary turn."""
        return (await self.examine(pseudonym, text)).taken

    async def examine(self, pseudonym: str, text: str) -> Examined:
        """:meth:`take`, also telling which question is still pending afterwards."""
        pending = await asyncio.to_thread(self._drafts.pending, pseudonym)
        if pending is None:
            return Examined(await self._codes(pseudonym, text), None)
        field = FIELDS[pending.field]
        if is_skip(text):
            if field.skippable:
                return Examined(Taken(message="/skip", answered=pending), pending)
            return Examined(Taken(replies=(Reply(texts.NOT_SKIPPABLE),)), pending)
        if is_not_an_answer(text, contact=field.contact):
            return Examined(None, pending)
        try:
            value = field.check(text, pending.meta)
        except ContactInvalid as exc:
            # Still pending: the next try counts.
            return Examined(Taken(replies=(Reply(str(exc)),)), pending)
        await asyncio.to_thread(self._drafts.put, pseudonym, pending.field, value)  # answered
        return Examined(Taken(message=placeholder(pending.field), answered=pending), None)

    async def _codes(self, pseudonym: str, text: str) -> Taken | None:
        referral = _REFERRAL_TYPED.match(text)
        if referral:
            source = await self.start_payload(pseudonym, referral.group(1))
            return Taken(message="/greet" + json.dumps({"source": source}))
        code = typed_parent_code(text)
        if code is None:
            return None
        await self.parent_code(pseudonym, code)
        return Taken(message=parent_code_payload())

    async def parent_code(self, pseudonym: str, code: str) -> None:
        await asyncio.to_thread(
            self._drafts.put, pseudonym, "parent_code", code.removeprefix(PARENT_PREFIX).upper()
        )

    async def start_payload(self, pseudonym: str, payload: str) -> str:
        """A deep-link payload for Rasa: a school's referral code is kept here instead."""
        if payload.startswith(REFERRAL_PREFIX) and payload != REFERRAL_SOURCE:
            await asyncio.to_thread(self._drafts.put, pseudonym, "source", payload)
            return REFERRAL_SOURCE
        return payload

    async def before_turn(
        self, pseudonym: str, known: Pending | NotRead | None = NOT_READ
    ) -> Pending | None:
        """Any turn that reaches Rasa answers (or leaves) the pending question; returns it.

        ``known``: the pending question as :meth:`examine` left it in this same turn (``None``:
        nothing to clear, no database round trip)."""
        if known is None:
            return None
        if isinstance(known, Pending):
            await asyncio.to_thread(self._drafts.clear_pending, pseudonym)
            return known

        def clear() -> Pending | None:
            pending = self._drafts.pending(pseudonym)
            if pending is not None:
                self._drafts.clear_pending(pseudonym)
            return pending

        return await asyncio.to_thread(clear)

    async def ask_again(self, pseudonym: str, pending: Pending) -> None:
        """A turn did not get through (engine or action server down): the question stays open."""
        await asyncio.to_thread(self._drafts.expect, pseudonym, pending.field, pending.meta)
