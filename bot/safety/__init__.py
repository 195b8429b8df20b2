"""The deterministic safety net: runs before the NLU engine, works when Rasa is down.

``assess(text)`` -> ``SafetyResult(level, categories)``; ``crisis_reply`` builds the answer
for a crisis from the ``crisis_lines`` of ``content/facts.yml``; ``check_in_reply`` is the
light answer for probably figurative words. Pure Python, no network, no model.
"""

from .detector import assess
from .model import CrisisCategory, Level, SafetyResult
from .normalise import normalise
from .reply import STAFF_PHRASE, check_in_reply, crisis_reply

__all__ = [
    "STAFF_PHRASE",
    "CrisisCategory",
    "Level",
    "SafetyResult",
    "assess",
    "check_in_reply",
    "crisis_reply",
    "normalise",
]
