"""The dev split (tests/nlu_dev/) stays apart from the training data, or tuning on it is blind."""

from __future__ import annotations

from bot.core.settings import PROJECT_ROOT
from bot.tools import nlu_eval


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def test_no_dev_line_is_a_training_line() -> None:
    training = {_normal(text) for text, _ in nlu_eval.load_test_set(PROJECT_ROOT / "nlu_data")}
    dev = nlu_eval.load_test_set(PROJECT_ROOT / "tests" / "nlu_dev")
    assert len(dev) > 200
    assert [text for text, _ in dev if _normal(text) in training] == []
