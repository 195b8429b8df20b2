"""The journeys a fault test interrupts, played the way a person would: press the offered
button or type an answer, and after "even niet bereikbaar" try the same step again."""

from __future__ import annotations

import re
import time
from typing import Any

from tests.faults.stack import ERROR_REPLY, STAFF_GROUP, UNAVAILABLE, Stack

SENT = "Verstuurd"
PARENT_TURN = "ouder of verzorger aan de beurt"
PARENT_DONE = "toestemming is vastgelegd"


def _friendly_outage(messages: list[dict[str, Any]]) -> bool:
    return any(
        UNAVAILABLE in str(m.get("text")) or ERROR_REPLY in str(m.get("text")) for m in messages
    )


def step(
    stack: Stack, user: int, action: str, value: str, retries: int = 40
) -> list[dict[str, Any]]:
    """One step ("say" or "press"); while a part is down the person is answered kindly and
    tries again a little later, as people do."""
    for _ in range(retries):
        messages = stack.say(user, value) if action == "say" else stack.press(user, value)
        if not _friendly_outage(messages):
            return messages
        stack.outages.append((user, value))
        time.sleep(3)
    raise AssertionError(f"{user} never got past {value!r}: {stack.texts(user)[-3:]}")


def next_move(stack: Stack, user: int, age: str) -> tuple[str, str] | None:
    """What a person does next, from the newest question; None when the flow is done."""
    text = stack.texts(user)[-1]
    buttons = stack.buttons(user)
    if SENT in text or PARENT_TURN in text:
        return None
    if any("dit mag naar Join us" in b for b in buttons):
        return "press", "dit mag naar Join us"
    if any(age in b for b in buttons):
        return "press", age
    if any("Telegram" in b for b in buttons):
        return "press", "Telegram"
    if "gemeente" in text:
        return "say", "Veghel"
    if "Laatste vraag" in text:
        return "say", "gamen"
    if any("Sla over" in b for b in buttons):
        return "press", "Sla over"
    return "say", "ik wil meedoen"  # lost the thread (e.g. a turn went missing): start again


def interest_until(stack: Stack, user: int, age: str, stop_at: str | None = None) -> None:
    """Play the interest flow up to the question containing ``stop_at`` (or to the end)."""
    step(stack, user, "say", "ik wil meedoen")
    for _ in range(15):
        if stop_at is not None and stop_at in stack.texts(user)[-1]:
            return
        move = next_move(stack, user, age)
        if move is None:
            return
        step(stack, user, *move)
    raise AssertionError(f"interest flow of {user} did not finish: {stack.texts(user)[-3:]}")


def finish_interest(stack: Stack, user: int, age: str) -> str:
    for _ in range(15):
        move = next_move(stack, user, age)
        if move is None:
            return stack.texts(user)[-1]
        step(stack, user, *move)
    raise AssertionError(f"interest flow of {user} did not finish: {stack.texts(user)[-3:]}")


def parent_code(stack: Stack, user: int) -> str:
    for text in reversed(stack.texts(user)):
        if match := re.search(r"ouder_([A-Za-z0-9_-]+)", text):
            return match.group(1)
    raise AssertionError(f"no parent code for {user}")


def cards(stack: Stack) -> list[str]:
    """Lead cards in the staff group, by lead code (a duplicate shows up twice)."""
    return re.findall(r"Nieuwe aanmelding: #(\w+)", "\n".join(stack.api.sent_texts(STAFF_GROUP)))
