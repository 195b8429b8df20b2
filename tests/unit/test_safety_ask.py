"""Rules of safety4 (issue 9): the model alone does not give the full crisis reply to a message
that names no danger cue (loneliness, sadness, venting) or to a veiled plan with nothing
before it; such a message gets the direct question with the lines, and a "ja" to it is a
crisis. Each in both directions. A stand-in model makes the layer-2 side explicit; these
sentences are not the validation lines.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.pipeline.conversation import ChannelUser
from bot.safety import STAFF_PHRASE, CrisisCategory, SafetyNet, ask_reply, assess, classifier
from bot.safety.cues import has_danger_cue
from bot.safety.net import CUELESS_THRESHOLD, is_yes
from tests.stand_ins import CALM, Clock, RecordingEngine, conversation_with, model_setter
from tests.stand_ins import StandInModel as _Model

C = CrisisCategory
FACTS = Path(__file__).resolve().parents[2] / "content" / "facts.yml"


DARK = {"crisis": 0.7, "distress": 0.25, "none": 0.05}
SURE = {"crisis": 0.95, "distress": 0.05}
VEILED = {"ambiguous": 0.6, "crisis": 0.3, "none": 0.1}
DARK_ACUTE = {"crisis": 0.45, "acute": 0.25, "distress": 0.25, "none": 0.05}


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> Any:
    return model_setter(monkeypatch)


# --- danger cues ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ik voel me zo alleen, niemand appt me",
        "ik haat mijn leven, alles gaat mis op school",
        "ze lachen me uit in de gang",
        "ik wil er gewoon vanaf zijn",  # "er" is no honour word
        "ik heb de hele avond gehuild om mijn vriendin",
    ],
)
def test_loneliness_and_venting_name_no_danger_cue(text: str) -> None:
    assert not has_danger_cue(text)


@pytest.mark.parametrize(
    "text",
    [
        "niemand zou me missen als ik er niet meer was",
        "ik ben zo alleen, ik wil niet meer leven",
        "ik heb de pillen van mijn moeder gepakt",
        "ik kras in mijn arm als ik me alleen voel",
        "mijn stiefvader slaat me",
        "ik denk na over hoe ik het zou doen",
        "iedereen is beter af zonder mij",
    ],
)
def test_danger_cues_are_found(text: str) -> None:
    assert has_danger_cue(text)


# --- the model alone, without a danger cue -> ask ---------------------------------------------


def test_a_sad_line_the_model_reads_as_dark_gets_the_question_not_the_crisis_reply(
    model: Any,
) -> None:
    model(_Model(DARK))
    result = assess("ik ben weer door iedereen gedumpt, verhaal van mijn leven")
    assert result.level == "check_in" and result.has("ask")
    assert result.categories == (C.SUICIDE,)


def test_the_same_dark_reading_with_a_danger_cue_is_the_crisis_reply(model: Any) -> None:
    model(_Model(DARK))
    result = assess("ik ben weer door iedereen gedumpt, ik wil er een eind aan maken")
    assert result.level == "crisis"


def test_a_very_sure_model_overrules_the_missing_cue(model: Any) -> None:
    assert SURE["crisis"] >= CUELESS_THRESHOLD
    model(_Model(SURE))
    assert assess("ik ben weer door iedereen gedumpt, verhaal van mijn leven").level == "crisis"


def test_a_sad_line_that_may_be_acute_danger_gets_112_first_not_a_question(model: Any) -> None:
    model(_Model(DARK_ACUTE))
    result = assess("ik ben weer door iedereen gedumpt, verhaal van mijn leven")
    assert result.level == "crisis" and C.ACUTE_DANGER in result.categories


def test_a_calm_reading_of_a_sad_line_is_no_question(model: Any) -> None:
    model(_Model(CALM))
    result = assess("ik ben weer door iedereen gedumpt, verhaal van mijn leven")
    assert result.level == "none" and not result.has("ask")


def test_a_rule_match_is_still_the_crisis_reply_without_the_model_agreeing(model: Any) -> None:
    model(_Model(CALM))
    assert assess("ik wil dood").level == "crisis"


# --- a veiled plan alone -> ask; after distress -> crisis ---------------------------------------


def test_a_veiled_plan_alone_gets_the_question(model: Any) -> None:
    model(_Model(VEILED))
    result = assess("zaterdag is het zover, alles ligt klaar")
    assert result.level == "check_in" and result.has("ask")


def test_a_veiled_plan_after_distress_is_a_crisis(model: Any) -> None:
    model(_Model(VEILED, **{"zinloos": {"crisis": 0.9, "distress": 0.1}}))
    net = SafetyNet()
    assert net.assess("alles is zinloos en ik wil er niet meer zijn", "p").level == "crisis"
    assert net.assess("zaterdag is het zover, alles ligt klaar", "p").level == "crisis"


# --- a "ja" to the question is a crisis ----------------------------------------------------------


@pytest.mark.parametrize("text", ["ja", "Ja, eigenlijk wel", "soms", "ik denk het wel", "jazeker"])
def test_yes_answers(text: str) -> None:
    assert is_yes(text)


@pytest.mark.parametrize(
    "text", ["nee", "ja maar niet echt", "nee haha", "kan ik me aanmelden?", "ja haha grapje"]
)
def test_not_yes_answers(text: str) -> None:
    assert not is_yes(text)


def test_yes_after_the_question_is_a_crisis(model: Any) -> None:
    model(_Model(VEILED, ja={"none": 0.9, "crisis": 0.1}))
    net = SafetyNet()
    assert net.assess("zaterdag is het zover, alles ligt klaar", "p").has("ask")
    result = net.assess("ja", "p")
    assert result.level == "crisis" and result.has("context")


def test_no_after_the_question_is_no_crisis(model: Any) -> None:
    model(_Model(VEILED, nee={"none": 0.9, "crisis": 0.1}))
    net = SafetyNet()
    assert net.assess("zaterdag is het zover, alles ligt klaar", "p").has("ask")
    assert net.assess("nee, ik bedoel mijn verjaardagsfeest", "p").level != "crisis"


def test_yes_without_a_question_before_it_is_no_crisis(model: Any) -> None:
    model(_Model(CALM))
    assert SafetyNet().assess("ja", "p").level == "none"


def test_the_question_counts_for_the_next_message_only(model: Any) -> None:
    model(_Model(VEILED, ja={"none": 0.9, "crisis": 0.1}, hoi={"none": 0.9, "crisis": 0.1}))
    net = SafetyNet()
    assert net.assess("zaterdag is het zover, alles ligt klaar", "p").has("ask")
    assert net.assess("hoi", "p").level == "none"
    assert net.assess("ja", "p").level == "none"


def test_forget_drops_the_question(model: Any) -> None:
    model(_Model(VEILED, ja={"none": 0.9, "crisis": 0.1}))
    net = SafetyNet()
    net.assess("zaterdag is het zover, alles ligt klaar", "p")
    net.forget("p")
    assert net.assess("ja", "p").level == "none"


# --- the reply --------------------------------------------------------------------------------


def test_the_question_asks_directly_and_names_the_lines() -> None:
    lines = yaml.safe_load(FACTS.read_text(encoding="utf-8"))["crisis_lines"]
    reply = ask_reply(lines)
    assert "jezelf iets wilt aandoen" in reply
    assert "113" in reply and "0800-0432" in reply and "112" in reply and STAFF_PHRASE in reply
    assert "figuurlijk" not in reply


@pytest.mark.parametrize("broken", [None, {}, {"113": None}, ["x"]])
def test_the_question_survives_a_broken_facts_file(broken: Any) -> None:
    reply = ask_reply(broken)
    assert "113" in reply and "112" in reply


# --- the pipeline -------------------------------------------------------------------------------


async def test_the_pipeline_asks_then_a_yes_gets_the_crisis_reply(model: Any) -> None:
    model(_Model(VEILED, ja={"none": 0.9, "crisis": 0.1}))
    engine = RecordingEngine()
    conversation = conversation_with(engine)
    user = ChannelUser("test", 7, 7)
    asked = await conversation.text(user, "zaterdag is het zover, alles ligt klaar")
    assert "jezelf iets wilt aandoen" in asked[0].text and engine.sent == []
    crisis = await conversation.text(user, "ja")
    assert "Het klinkt alsof het nu heel zwaar voor je is" in crisis[0].text
    assert engine.sent == []


# --- only sad lines: a danger line in unforeseen words keeps the crisis reply --------------------


def test_a_dark_reading_without_sad_words_keeps_the_crisis_reply(model: Any) -> None:
    # No danger cue the list knows, but no loneliness or sadness either (another language,
    # new slang): the model's reading decides, as before.
    model(_Model(DARK))
    assert assess("dzisiaj to koniec, przepraszam").level == "crisis"


def test_sad_words_with_a_danger_cue_keep_the_crisis_reply(model: Any) -> None:
    model(_Model(DARK))
    assert assess("ik ben zo alleen, ik heb de pillen al klaargelegd").level == "crisis"


# --- after calm small talk a veiled line gets the question ----------------------------------------


def _calm_then(model: Any, last: str, *, turns: tuple[str, ...]) -> Any:
    model(_Model(CALM, **{last: DARK}))
    net = SafetyNet()
    for turn in turns:
        assert net.assess(turn, "p").level == "none"
    return net.assess(last, "p")


def test_a_veiled_line_after_calm_turns_gets_the_question(model: Any) -> None:
    result = _calm_then(model, "dit is mijn laatste week", turns=("we gaan verhuizen",))
    assert result.level == "check_in" and result.has("ask")


def test_the_same_line_as_a_first_message_is_the_crisis_reply(model: Any) -> None:
    assert _calm_then(model, "dit is mijn laatste week", turns=()).level == "crisis"


def test_an_explicit_line_after_calm_turns_is_still_the_crisis_reply(model: Any) -> None:
    result = _calm_then(model, "ik spring vanavond van de flat", turns=("we gaan verhuizen",))
    assert result.level == "crisis"


def test_calm_turns_long_ago_do_not_count(model: Any) -> None:
    model(_Model(CALM, **{"dit is mijn laatste week": DARK}))

    clock = Clock(0.0)
    net = SafetyNet(clock=clock)
    net.assess("we gaan verhuizen", "p")
    clock.now += 31 * 60
    assert net.assess("dit is mijn laatste week", "p").level == "crisis"


# --- start-up: the first messages get both layers ---------------------------------------------


def test_start_up_waits_for_a_load_under_way(monkeypatch: pytest.MonkeyPatch) -> None:
    layer = classifier._Layer2()
    loaded = threading.Event()

    def slow_load() -> Any:
        loaded.wait(5.0)  # still loading while start-up asks
        return object()

    monkeypatch.setattr(classifier, "FastModel", lambda pipeline: pipeline)
    monkeypatch.setattr(layer, "_load_or_fit", slow_load)
    layer.start_background_load()
    threading.Timer(0.2, loaded.set).start()
    assert not layer.ready
    assert layer.wait_settled(30.0) and layer.ready


def test_start_up_does_not_hang_when_layer_2_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    layer = classifier._Layer2()

    def broken() -> Any:
        raise OSError("no cache, no data")

    monkeypatch.setattr(layer, "_load_or_fit", broken)
    assert layer.wait_settled(30.0) is False  # settled (failed), not timed out
    assert layer._settled.is_set()


async def test_a_message_the_gate_judged_is_not_judged_again(
    model: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Telegram gate judges first; the net remembers per person what it saw (calm turns, the
    question it asked), so the conversation must reuse that verdict, not judge again."""
    model(_Model(CALM, **{"alles ligt klaar": VEILED}))
    conversation = conversation_with(RecordingEngine())
    calls: list[str] = []
    judge = conversation._safety.assess

    def counted(text: str, key: str | None = None) -> Any:
        calls.append(text)
        return judge(text, key)

    monkeypatch.setattr(conversation._safety, "assess", counted)
    user = ChannelUser("test", 9, 9)
    verdict = conversation.judge(user, "zaterdag is het zover, alles ligt klaar")
    assert verdict.has("ask")
    replies = await conversation.text(
        user, "zaterdag is het zover, alles ligt klaar", judged=verdict
    )
    assert "jezelf iets wilt aandoen" in replies[0].text
    assert len(calls) == 1
