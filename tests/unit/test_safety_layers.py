"""Issue 9: the second (statistical) layer, the union, context memory, replies and pipeline.

Messages here come from the situations the issue names; most are also in the training data,
so these tests check the wiring, not generalisation (that is what the held-out report,
``python -m bot.tools.safety_eval``, measures).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.fallback
from actions.fallback import ActionAskAffirmation, ActionDefaultFallback
from bot.answers.facts import Facts
from bot.core.pseudonym import Pseudonymiser
from bot.pipeline.conversation import ChannelUser, Conversation
from bot.safety import (
    STAFF_PHRASE,
    CrisisCategory,
    SafetyNet,
    assess,
    assess_rules,
    classifier,
    crisis_reply,
    distress_check_in,
    grief_reply,
    warm_up,
)
from bot.safety.classifier import FastModel, build_model, load_examples
from tests.stand_ins import RecordingEngine, conversation_with

ROOT = Path(__file__).resolve().parents[2]
FACTS = ROOT / "content" / "facts.yml"
C = CrisisCategory


@pytest.fixture(autouse=True, scope="module")
def _layer_2_loaded() -> None:
    # Importing actions.fallback starts a background load; until it is done only layer 1
    # answers (by design). These tests are about both layers: wait for it.
    warm_up()


@pytest.fixture(scope="module")
def lines() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FACTS.read_text(encoding="utf-8"))["crisis_lines"]
    return data


# --- layer 2 ---------------------------------------------------------------------------


def test_training_data_has_every_label_and_no_contradictions() -> None:
    pairs = load_examples()
    labels = {label for _, label in pairs}
    assert labels == set(classifier.LABELS)
    assert len(pairs) >= 2000
    texts = [t for t, _ in pairs]
    assert len(texts) == len(set(texts))


def test_fast_model_matches_scikit_learn() -> None:
    pairs = load_examples()[::4]  # a quarter keeps the fit quick
    pipeline = build_model(pairs)
    fast = FastModel(pipeline)
    texts = [classifier.features(t) for t, _ in pairs[:300]] + ["", "zzzz qqqq", "🙂"]
    expected = pipeline.predict_proba(texts)
    classes = [str(c) for c in pipeline.classes_]
    for row, text in zip(expected, texts, strict=True):
        got = fast.predict(text)
        for label, p in zip(classes, row, strict=True):
            assert abs(got[label] - p) < 1e-9


def test_model_is_cached_by_data_hash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOINUS_DATA_DIR", str(tmp_path))
    first = classifier._Layer2()
    assert first.get() is not None and first.source == "fitted"
    cached = list((tmp_path / "safety").glob("layer2-*.pkl"))
    assert len(cached) == 1 and oct(cached[0].stat().st_mode & 0o777) == "0o600"
    second = classifier._Layer2()
    assert second.get() is not None and second.source == "cache"
    text = "ik wil dat de pijn voorgoed stopt"
    assert first.predict(text) == second.predict(text)
    # A broken cache is fitted again, never fatal.
    cached[0].write_bytes(b"not a pickle")
    third = classifier._Layer2()
    assert third.get() is not None and third.source == "fitted"


def test_without_layer_2_the_rules_still_decide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier, "predict", lambda text: None)
    assert assess("ik wil dood").level == "crisis"
    assert assess("ik sta op het dak").level == "crisis"
    assert assess("hoe laat begint het").level == "none"


# --- the union ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ik sta op het dak",
        "ik sta op de rand van de brug",
        "ik sta bij het spoor",
        "ik heb pillen genomen",
        "ik heb het gas opengezet",
        "ik heb een mes in mijn hand",
        "er is iemand in ons huis",
        "mijn vader slaat mijn moeder nu",
        "i'm on the roof",
    ],
)
def test_acute_danger_leads_with_112(text: str, lines: dict[str, Any]) -> None:
    result = assess(text)
    assert result.level == "crisis"
    assert C.ACUTE_DANGER in result.categories
    reply = crisis_reply(result, lines)
    assert reply is not None
    assert reply.splitlines()[0].startswith("Ben je nu in gevaar? Bel meteen 112.")


@pytest.mark.parametrize(
    "text",
    [
        "ik wil dat de pijn voorgoed stopt",
        "ik ben een last voor iedereen",
        "ik heb mijn spullen weggegeven",
        "ik heb een afscheidsbrief geschreven",
        "mijn oom komt 's nachts in mijn kamer",
        "mijn vriend zegt dat hij me vermoordt als ik het uitmaak",
    ],
)
def test_issue_examples_are_crises(text: str) -> None:
    assert assess(text).level == "crisis"


def test_abuse_by_a_relative_gets_the_abuse_lines(lines: dict[str, Any]) -> None:
    result = assess("mijn stiefvader komt 's nachts bij me in bed")
    assert result.level == "crisis" and C.ABUSE in result.categories
    reply = crisis_reply(result, lines)
    assert reply is not None and "0800-2000" in reply and "niet jouw schuld" in reply


@pytest.mark.parametrize(
    "text", ["ik ga dood van het lachen", "ik schaam me dood", "ik lig dood van het lachen"]
)
def test_figurative_speech_keeps_the_light_touch(text: str) -> None:
    assert assess(text).level != "crisis"


@pytest.mark.parametrize(
    "text", ["mijn opa is overleden", "mijn oma is vorige week overleden", "mijn hond is dood"]
)
def test_grief_is_not_a_crisis_but_is_noticed(text: str) -> None:
    result = assess(text)
    assert result.level == "none"
    assert result.has("grief")


@pytest.mark.parametrize(
    "text", ["hoe laat begint het", "wat kost het", "ik wil meedoen", "mag ik een vriend meenemen"]
)
def test_join_us_questions_carry_no_signal(text: str) -> None:
    result = assess(text)
    assert result.level == "none" and not result.has("distress")


def test_distress_marker_below_the_crisis_line() -> None:
    result = assess("het gaat echt niet goed met me")
    assert result.level == "none"
    assert result.has("distress")


def test_layer_2_only_crisis_is_labelled() -> None:
    text = "ik wil dat de pijn voorgoed stopt"
    assert assess_rules(text).level != "crisis"
    assert assess(text).has("layer2")


# --- context -----------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


AMBIGUOUS = ("vanavond doe ik het gewoon", "ik weet al hoe ik het ga doen")


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_alone_is_not_a_crisis(text: str) -> None:
    net = SafetyNet()
    result = net.assess(text, "someone")
    assert result.level != "crisis"
    assert result.has("ambiguous")


@pytest.mark.parametrize("text", AMBIGUOUS)
def test_ambiguous_after_distress_is_a_crisis(text: str) -> None:
    net = SafetyNet()
    assert net.assess("het gaat echt niet goed met me", "someone").level == "none"
    result = net.assess(text, "someone")
    assert result.level == "crisis" and result.has("context")
    # Someone else's distress does not count.
    assert net.assess(text, "someone else").level != "crisis"


def test_context_memory_expires_and_can_be_forgotten() -> None:
    clock = Clock()
    net = SafetyNet(ttl_seconds=60, clock=clock)
    net.assess("ik voel me zo slecht", "a")
    assert net.showed_distress("a")
    clock.now += 61
    assert not net.showed_distress("a")
    assert net.assess(AMBIGUOUS[0], "a").level != "crisis"
    net.assess("ik voel me zo slecht", "b")
    net.forget("b")
    assert not net.showed_distress("b")


def test_context_memory_is_bounded() -> None:
    net = SafetyNet(max_people=3)
    for i in range(10):
        net.assess("ik voel me zo slecht", f"p{i}")
    assert len(net) == 3
    assert net.showed_distress("p9") and not net.showed_distress("p0")


def test_everyday_messages_leave_no_memory() -> None:
    net = SafetyNet()
    net.assess("hoe laat begint het vrijdag", "a")
    assert len(net) == 0


@pytest.mark.parametrize(
    "before", ["ik ben zenuwachtig voor de eerste avond", "ik heb morgen een toets", "ik ben 15"]
)
def test_nerves_and_form_answers_do_not_make_a_plan_of_the_evening(before: str) -> None:
    # "vanavond doe ik het gewoon" after nerves about a first evening is the evening: nerves
    # are a distress marker at most, not the despair the memory keeps.
    net = SafetyNet()
    net.assess(before, "a")
    assert net.assess("vanavond doe ik het gewoon", "a").level != "crisis"


def test_despair_in_words_of_the_rules_is_remembered() -> None:
    net = SafetyNet()
    net.assess("ik kan niet meer", "a")
    assert net.showed_distress("a")
    assert net.assess("vanavond doe ik het gewoon", "a").level == "crisis"


class _KeywordModel:
    """A stand-in model: danger only where "pillen" is, acute where "gas" is."""

    def predict(self, text: str) -> dict[str, float]:
        if "gas" in text:
            return {"acute": 0.8, "crisis": 0.1, "none": 0.1}
        if "pillen" in text:
            return {"crisis": 0.9, "none": 0.1}
        return {"none": 1.0}


def test_a_long_message_is_also_read_in_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier._LAYER2, "_model", _KeywordModel())
    buried = (
        "hoi, ik wilde iets vragen over jullie avonden want mijn mentor zei dat het goed is. "
        "ik zit in de derde klas en ik hou van tekenen en muziek. ik heb de pillen al klaar "
        "gelegd voor vanavond. maar goed, wanneer zijn jullie er en moet ik iets meenemen?"
    )
    windows = classifier.windows(buried)
    assert 2 <= len(windows) <= classifier.MAX_WINDOWS
    assert any("pillen" in w for w in windows) and not all("pillen" in w for w in windows)
    prediction = classifier.predict(buried)
    assert prediction is not None and prediction.danger >= 0.9


def test_an_acute_reading_overrides_a_figurative_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(classifier._LAYER2, "_model", _KeywordModel())
    text = "de kachel aan en het gas open haha"
    assert assess_rules(text).level == "check_in"
    result = assess(text)
    assert result.level == "crisis" and C.ACUTE_DANGER in result.categories


def test_the_model_reads_words_in_other_scripts() -> None:
    # normalise() keeps ASCII only; layer 2 still sees the Arabic and Cyrillic words.
    features = classifier.features("ik wil dood أريد أن أموت я хочу")
    assert "أموت" in features and "хочу" in features and features.startswith("ik wil dood")


# --- replies -----------------------------------------------------------------------------


def test_grief_reply_is_warm_and_short(lines: dict[str, Any]) -> None:
    reply = grief_reply(lines)
    assert "verdrietig" in reply and "0800-0432" in reply and STAFF_PHRASE in reply
    assert "112" not in reply and "113" not in reply
    assert len(reply) < 500


def test_distress_check_in_names_the_lines(lines: dict[str, Any]) -> None:
    reply = distress_check_in(lines)
    assert "113" in reply and "0800-0432" in reply and "112" in reply and STAFF_PHRASE in reply
    assert "Hoe gaat het met je?" in reply


@pytest.mark.parametrize("broken", [None, {}, {"113": None}, ["x"]])
def test_soft_replies_survive_a_broken_facts_file(broken: Any) -> None:
    assert "0800-0432" in grief_reply(broken)
    assert "113" in distress_check_in(broken)


# --- the pipeline ----------------------------------------------------------------------------


def _conversation(engine: RecordingEngine) -> Conversation:
    return conversation_with(engine)


def _flagged_sets() -> list[str]:
    out: list[str] = []
    for path in (
        ROOT / "tests" / "safety" / "crisis_messages.txt",
        *(classifier.DATA_DIR / f"{n}.txt" for n in ("acute", "crisis", "abuse")),
    ):
        out += [
            t
            for t in path.read_text(encoding="utf-8").splitlines()
            if t.strip() and not t.startswith("#")
        ]
    return out


async def test_a_flagged_message_never_reaches_a_join_us_answer() -> None:
    engine = RecordingEngine()
    conversation = _conversation(engine)
    checked = 0
    for i, text in enumerate(_flagged_sets()):
        if assess(text).level != "crisis":
            continue  # a miss of the net, measured elsewhere; this test is about the pipeline
        user = ChannelUser("test", i, i)
        replies = await conversation.text(user, text)
        assert len(replies) == 1 and "Join us vinden" not in replies[0].text
        assert "112" in replies[0].text
        checked += 1
    assert engine.sent == []
    assert checked > 1000


async def test_context_in_the_pipeline_is_per_person() -> None:
    engine = RecordingEngine()
    conversation = _conversation(engine)
    alice, bob = ChannelUser("test", 1, 1), ChannelUser("test", 2, 2)
    await conversation.text(alice, "ik voel me zo slecht, alles is zwaar")
    engine.sent.clear()
    replies = await conversation.text(alice, "vanavond doe ik het gewoon")
    assert "113" in replies[0].text and engine.sent == []
    # Alone, the same veiled plan gets the direct question (safety4), not the crisis reply.
    replies = await conversation.text(bob, "vanavond doe ik het gewoon")
    assert "jezelf iets wilt aandoen" in replies[0].text and engine.sent == []
    assert "Het klinkt alsof het nu heel zwaar voor je is" not in replies[0].text


async def test_grief_gets_warmth_not_the_engine() -> None:
    engine = RecordingEngine()
    replies = await _conversation(engine).text(ChannelUser("test", 3, 3), "mijn opa is overleden")
    assert "verdrietig" in replies[0].text and "Bel meteen 112" not in replies[0].text
    assert engine.sent == []


# --- the fallback action -------------------------------------------------------------------


def _tracker(text: str) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": "nlu_fallback", "confidence": 0.5},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.5},
            {"name": "when_where", "confidence": 0.3},
        ],
    }
    return Tracker("pseudonym-1", {}, latest, [], False, None, {}, None)


@pytest.fixture
def fallback_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(actions.fallback, "facts", lambda: Facts(FACTS))
    monkeypatch.setattr(actions.fallback, "count_unanswered", lambda kind, data: None)


async def test_not_understood_with_distress_checks_in(fallback_facts: None) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAskAffirmation().run(dispatcher, _tracker("ik weet het allemaal niet meer"), {})
    first, second = dispatcher.messages
    assert "Hoe gaat het met je?" in first["text"] and "0800-0432" in first["text"]
    assert "113" in first["text"]
    assert second["buttons"][-1]["title"] == "Iets anders"


async def test_not_understood_without_distress_stays_bare(fallback_facts: None) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAskAffirmation().run(dispatcher, _tracker("hoe zit dat met de fietsenstalling"), {})
    assert len(dispatcher.messages) == 1
    assert "Bedoel je" in dispatcher.messages[0]["text"]


async def test_give_up_with_distress_checks_in_too(fallback_facts: None) -> None:
    dispatcher = CollectingDispatcher()
    await ActionDefaultFallback().run(dispatcher, _tracker("ik zit er echt helemaal doorheen"), {})
    assert "Hoe gaat het met je?" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[1]["buttons"]


async def test_forget_me_also_clears_the_distress_memory() -> None:
    engine = RecordingEngine()
    net = SafetyNet()
    conversation = Conversation(
        engine,  # type: ignore[arg-type]
        Pseudonymiser(b"k" * 32),
        Facts(FACTS),
        safety_net=net,
    )
    user = ChannelUser("test", 5, 5)
    await conversation.text(user, "ik voel me zo slecht, alles is zwaar")
    assert len(net) == 1
    await conversation.text(user, "/vergeet")
    assert len(net) == 0
