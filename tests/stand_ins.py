"""Stand-ins for the safety tests: a layer-2 model with chosen probabilities, a recording
engine (what reached "Rasa"), and a conversation wired to it without a database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.answers.facts import Facts
from bot.core.pseudonym import Pseudonymiser
from bot.pipeline.conversation import Conversation
from bot.pipeline.messages import Reply
from bot.safety import classifier

FACTS = Path(__file__).resolve().parents[1] / "content" / "facts.yml"
JOIN_US_ANSWER = "Je bent welkom! Veel jongeren bij Join us vinden contact maken spannend."


class Clock:
    """A clock the safety net's memory can be given (``SafetyNet(clock=...)``): set ``now``."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# Layer-2 readings the safety tests use most: nothing dark in it.
CALM = {"none": 0.95, "crisis": 0.05}


class StandInModel:
    """A stand-in layer 2: fixed probabilities, or per keyword (first match wins)."""

    # Keywords count only in a part of a long message (a window), not in the whole of it.
    parts_only = False

    def __init__(self, default: dict[str, float], **by_word: dict[str, float]) -> None:
        self.default = default
        self.by_word = by_word

    def predict(self, text: str) -> dict[str, float]:
        if self.parts_only and len(text) > classifier.LONG_MESSAGE:
            return self.default
        for word, probs in self.by_word.items():
            if word in text:
                return probs
        return self.default


class WindowStandInModel(StandInModel):
    """A stand-in layer 2 that reads its keywords only in a window of a long message."""

    parts_only = True


def model_setter(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    """For a ``model`` fixture: ``model(StandInModel(...))`` makes it layer 2 for one test."""

    def use(stand_in: Any) -> None:
        monkeypatch.setattr(classifier._LAYER2, "_model", stand_in)

    return use


class RecordingEngine:
    """The engine: records what reached it and answers like a cheerful Join us FAQ."""

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send(
        self, sender: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[Reply]:
        self.sent.append(text)
        return [Reply(JOIN_US_ANSWER)]


def conversation_with(engine: RecordingEngine) -> Conversation:
    return Conversation(engine, Pseudonymiser(b"k" * 32), Facts(FACTS))  # type: ignore[arg-type]
