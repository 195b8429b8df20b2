"""The safety net: runs before the NLU engine, works when Rasa is down.

Layer 1 (``detector``, ``patterns``): deterministic, explainable rules. Layer 2
(``classifier``): a calibrated linear model on word and character n-grams, trained on
``bot/safety/data`` and ``tests/safety``. ``assess(text)`` -> ``SafetyResult(level,
categories, signals)`` is the union of both; ``SafetyNet`` adds a per-person memory of
distress, the question it asked and the last message (``memory``), kept across restarts in our
database by ``journal``. ``crisis_reply`` builds the answer for a crisis from the
``crisis_lines`` of ``content/facts.yml``; ``check_in_reply`` is the light answer for
probably figurative words; ``ask_reply`` the direct question ("bedoel je dat je jezelf iets
wilt aandoen?") for a message that may mean danger without saying so; ``grief_reply`` the
warm one for a loss. No network.
"""

from . import classifier
from .classifier import layer2_ready, wait_for_layer2, warm_up, warm_up_in_background
from .detector import assess_rules
from .model import CrisisCategory, Level, SafetyResult
from .net import SafetyNet, assess
from .normalise import normalise
from .reply import (
    STAFF_PHRASE,
    ask_reply,
    check_in_reply,
    crisis_reply,
    distress_check_in,
    grief_reply,
)

__all__ = [
    "STAFF_PHRASE",
    "CrisisCategory",
    "Level",
    "SafetyNet",
    "SafetyResult",
    "ask_reply",
    "assess",
    "assess_rules",
    "check_in_reply",
    "classifier",
    "crisis_reply",
    "distress_check_in",
    "grief_reply",
    "layer2_ready",
    "normalise",
    "wait_for_layer2",
    "warm_up",
    "warm_up_in_background",
]
