"""Rules of thumb of safety3 (issue 9): everyday words need support, windows need more, a loss
is grief. Each in both directions: the harmless sentence stays harmless, the dangerous one
still triggers. A stand-in model makes the layer-2 side explicit; these sentences are not the
validation lines.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.safety import CrisisCategory, SafetyNet, assess, assess_rules, classifier, grief_reply
from tests.stand_ins import CALM, model_setter
from tests.stand_ins import StandInModel as _Model
from tests.stand_ins import WindowStandInModel as _WindowModel

C = CrisisCategory


WORRIED = {"none": 0.5, "crisis": 0.2, "acute": 0.3}


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> Any:
    return model_setter(monkeypatch)


# --- everyday words need support ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "ik sta op het perron, mijn trein is te laat",
        "ik heb het gas aangezet voor de soep",
        "ik neem afscheid van mijn oude klas",
        "ik sta op het balkon van mijn oma",
        "mijn broer zegt dat ik te veel op mijn laptop zit",
    ],
)
def test_an_everyday_word_alone_is_not_a_crisis_when_the_model_reads_no_danger(
    text: str, model: Any
) -> None:
    model(_Model(CALM))
    assert assess(text).level != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "ik sta op het perron en ik spring voor de trein",
        "het gas staat open en de ramen zijn dicht",
        "ik heb een afscheidsbrief geschreven, sorry voor alles",
        "ik sta op het balkon en ik durf eindelijk te springen",
    ],
)
def test_an_everyday_word_with_danger_words_near_it_is_a_crisis(text: str, model: Any) -> None:
    model(_Model(CALM))
    result = assess(text)
    assert result.level == "crisis"


def test_the_model_agreeing_supports_an_everyday_word(model: Any) -> None:
    model(_Model(WORRIED))
    result = assess("ik sta op het balkon")
    assert result.level == "crisis" and C.ACUTE_DANGER in result.categories


def test_earlier_distress_supports_an_everyday_word(model: Any) -> None:
    model(_Model(CALM, wil={"crisis": 0.9, "none": 0.1}))
    net = SafetyNet()
    assert net.assess("ik sta op het perron", "a").level != "crisis"
    net.assess("ik wil niet meer leven", "b")
    assert net.assess("ik sta op het perron", "b").level == "crisis"


def test_without_the_model_the_rules_stay_over_inclusive(model: Any) -> None:
    model(None)
    classifier._LAYER2._failed = True
    try:
        assert assess("ik sta op het perron").level == "crisis"
    finally:
        classifier._LAYER2._failed = False


def test_the_edge_of_something_low_is_no_height() -> None:
    assert assess_rules("ik zit op de rand van het zwembad").level == "none"
    assert assess_rules("ik zit op de rand van mijn bed te appen").level == "none"
    strong = assess_rules("ik sta op de rand van het dak")
    assert strong.level == "crisis" and not strong.has("unconfirmed")


def test_dutch_die_is_a_pronoun_not_dying() -> None:
    assert assess_rules("ik weet niet hoe je die vrienden maakt").level == "none"
    assert assess_rules("how to die without pain").level == "crisis"


def test_asking_how_a_medicine_kills_is_a_crisis() -> None:
    assert assess_rules("hoe lang duurt het voor je doodgaat van slaappillen").level == "crisis"
    assert assess_rules("ik heb de hele pot pijnstillers leeg").level == "crisis"


# --- long messages: a window needs more ----------------------------------------------------


LONG = (
    "vandaag was een gewone dag op school en ik had gym. daarna ben ik naar huis gefietst. "
    "onze hond moest naar de dierenarts en hij moest pillen slikken. nu ligt hij te slapen."
)


def test_a_window_that_is_only_a_bit_dangerous_does_not_flag(model: Any) -> None:
    model(_WindowModel(CALM, dierenarts={"crisis": 0.65, "none": 0.35}))
    prediction = classifier.predict(LONG)
    assert prediction is not None and prediction.from_window
    assert assess(LONG).level != "crisis"


def test_a_window_that_is_clearly_dangerous_flags(model: Any) -> None:
    model(_WindowModel(CALM, dierenarts={"crisis": 0.95, "none": 0.05}))
    assert assess(LONG).level == "crisis"


# --- a loss is grief ---------------------------------------------------------------------


def test_someone_elses_suicide_is_a_loss_with_113_for_the_bereaved(model: Any) -> None:
    model(_Model(CALM))
    result = assess("mijn nicht heeft vorige zomer zelfmoord gepleegd en ik mis haar")
    assert result.level == "none" and result.has("grief") and result.has("suicide_loss")
    reply = grief_reply(None, suicide_loss=True)
    assert "113" in reply and "112" not in reply
    assert "113" not in grief_reply(None)


def test_own_intent_beside_a_loss_is_still_a_crisis(model: Any) -> None:
    model(_Model(CALM))
    text = "mijn nicht heeft zelfmoord gepleegd en ik wil ook zelfmoord plegen"
    assert assess(text).level == "crisis"
    assert assess_rules("ik denk aan zelfmoord").level == "crisis"


def test_suicide_as_the_subject_of_school_work_is_a_marker_not_a_crisis(model: Any) -> None:
    model(_Model(CALM))
    result = assess("voor maatschappijleer maak ik een presentatie over zelfmoord bij jongeren")
    assert result.level == "none" and result.has("distress")
    assert assess("ik heb een serie gekeken en nu denk ik zelf aan zelfmoord").level == "crisis"


def test_lying_like_dead_on_the_couch_gets_the_light_touch() -> None:
    assert assess_rules("ik ga lekker dood op de bank liggen met netflix").level == "check_in"
    assert assess_rules("ik ga dood").level == "crisis"


def test_being_made_to_marry_is_abuse_a_wedding_is_not() -> None:
    forced = assess_rules("mijn familie wil dat ik trouw met een neef die ik niet ken")
    assert forced.level == "crisis" and C.ABUSE in forced.categories
    assert assess_rules("ik moet van mijn ouders na de zomer trouwen").level == "crisis"
    assert assess_rules("mijn nicht gaat trouwen en ik mag de ringen dragen").level == "none"


def test_after_distress_a_veiled_plan_counts_with_the_dark_readings(model: Any) -> None:
    veiled = {"ambiguous": 0.25, "crisis": 0.2, "none": 0.55}
    model(_Model(CALM, wanneer=veiled, leven={"crisis": 0.9, "none": 0.1}))
    net = SafetyNet()
    assert net.assess("ik weet al wanneer", "a").level != "crisis"
    net.assess("ik wil niet meer leven", "b")
    assert net.assess("ik weet al wanneer", "b").level == "crisis"


def test_pills_already_working_or_not_wanting_rescue_is_acute() -> None:
    for text in (
        "de slaappillen zitten al in mijn maag",
        "ik heb iets gedaan en ik wil niet gered worden",
    ):
        result = assess_rules(text)
        assert result.level == "crisis" and C.ACUTE_DANGER in result.categories
    assert assess_rules("mijn vitaminepillen liggen in de keuken").level == "none"
    assert assess_rules("ik wil gered worden uit deze saaie les haha").level != "crisis"


def test_an_everyday_setting_asks_more_of_the_model(model: Any) -> None:
    model(_Model({"crisis": 0.65, "none": 0.35}))
    ordinary = assess("ik heb het gas aangezet voor de soep")
    assert ordinary.level == "none" and ordinary.has("everyday")
    model(_Model({"crisis": 0.9, "none": 0.1}))
    assert assess("ik heb het gas aangezet voor de soep").level == "crisis"
