"""An ambiguous line after calm messages is read in their light: the everyday setting they show
turns the full crisis reply into the direct question; explicit danger and earlier distress do not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.safety import SafetyNet
from bot.safety.memory import memory_key
from tests.stand_ins import CALM, Clock, StandInModel, model_setter

SETTING = "we zijn met de klas in parijs, we staan op de eiffeltoren"
LINE = "het is hier heel hoog"


class LineModel(StandInModel):
    """Layer 2 reading ``LINE`` alone as danger, and anything else (the conversation read
    together, too) as calm; "leven" as danger wherever it is."""

    def predict(self, text: str) -> dict[str, float]:
        if text.strip() == LINE:
            return {"crisis": 0.9, "none": 0.1}
        return super().predict(text)


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> Callable[[Any], None]:
    use = model_setter(monkeypatch)
    use(LineModel(CALM, leven={"crisis": 0.9, "none": 0.1}))
    return use


def talk(net: SafetyNet, *lines: str) -> str:
    """Send ``lines`` as one person; the level (or "ask") of the last one."""
    result = None
    for line in lines:
        result = net.assess(line, "p")
    assert result is not None
    return "ask" if result.has("ask") else result.level


def test_alone_the_line_gets_the_crisis_reply(model: Any) -> None:
    assert talk(SafetyNet(), LINE) == "crisis"


def test_after_its_everyday_setting_it_gets_the_direct_question(model: Any) -> None:
    net = SafetyNet()
    assert talk(net, SETTING, LINE) == "ask"
    # The question is remembered: a "ja" to it is a crisis.
    assert talk(net, "ja") == "crisis"


def test_when_the_conversation_read_together_is_still_a_crisis_nothing_changes(
    model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    model(StandInModel(CALM, hoog={"crisis": 0.9, "none": 0.1}))
    assert talk(SafetyNet(), SETTING, LINE) == "crisis"


def test_an_explicit_danger_word_is_never_softened(model: Any) -> None:
    # "het dak" is explicit: the rules' own reading of the roof stands, whatever came before.
    net = SafetyNet()
    assert talk(net, "we gaan foto's maken voor de schoolkrant", "ik sta op het dak") == "crisis"


def test_after_distress_the_line_stays_a_crisis(model: Any) -> None:
    net = SafetyNet()
    assert talk(net, "ik wil niet meer leven", SETTING, LINE) == "crisis"


def test_the_earlier_lines_are_dropped_on_forget_and_after_half_an_hour(model: Any) -> None:
    clock = Clock()
    net = SafetyNet(clock=clock)
    talk(net, SETTING)
    net.forget("p")
    assert net._earlier_texts(memory_key("p")) == ()
    talk(net, SETTING)
    clock.now += 31 * 60
    assert net._earlier_texts(memory_key("p")) == ()
    assert talk(net, LINE) == "crisis"


def test_after_distress_a_faintly_dark_line_is_a_crisis(model: Any) -> None:
    # Layer 2 reads it only faintly dark (danger + "ambiguous" 0.3): alone nothing, after
    # "ik wil niet meer leven" the crisis reply (net.CONTEXT_THRESHOLD).
    faint = {"ambiguous": 0.2, "crisis": 0.1, "none": 0.7}
    model(StandInModel(CALM, leven={"crisis": 0.9, "none": 0.1}, zover=faint))
    assert talk(SafetyNet(), "over een uur is het zover") != "crisis"
    assert talk(SafetyNet(), "ik wil niet meer leven", "over een uur is het zover") == "crisis"
