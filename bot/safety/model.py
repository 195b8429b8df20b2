"""Result types of the safety net."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

__all__ = ["CrisisCategory", "Level", "SafetyResult"]

Level = Literal["none", "check_in", "crisis"]


class CrisisCategory(StrEnum):
    SUICIDE = "suicide"
    SELF_HARM = "self_harm"
    ABUSE = "abuse"  # including sexual abuse
    DOMESTIC_VIOLENCE = "domestic_violence"
    ACUTE_DANGER = "acute_danger"


@dataclass(frozen=True)
class SafetyResult:
    """What the safety net found in one message.

    ``level``: "crisis" -> answer with crisis lines, do not pass the message to the NLU;
    "check_in" -> probably figurative ("ik ga dood van het lachen"), answer with a light
    check-in; "none" -> nothing found. ``categories`` is empty for "none" and in the
    order of ``CrisisCategory``. ``signals`` are softer findings that do not change the
    level on their own: "distress" (sadness, despair, fear below the crisis threshold),
    "despair" (distress strong enough that
    ``SafetyNet`` remembers it as context), "grief" (a loss), "ambiguous" (a plan without saying what: a crisis only after earlier
    distress in the same conversation), "context" (that is why this one is a crisis),
    "layer2" (the statistical layer, not the rules, found the crisis), "unconfirmed" (layer 1
    alone: only an everyday word such as a platform or the gas, which ``net.assess`` confirms
    with layer 2 or earlier distress), "everyday" (such a word in its everyday setting: layer 2
    must be surer), "suicide_loss" (someone else's suicide: the grief reply names 113 too),
    "ask" (level "check_in": the model alone read danger in a message that names no danger
    cue, or a plan without saying what with no distress before; the answer asks directly
    whether they mean harming themselves, with the lines; a "ja" to it is a crisis).
    """

    level: Level
    categories: tuple[CrisisCategory, ...] = ()
    signals: tuple[str, ...] = ()

    def has(self, signal: str) -> bool:
        return signal in self.signals
