"""The deterministic safety net (bot.safety): detection, normalisation, robustness, replies.

The phrasings in tests/safety/*.txt were written as young people would write them, not
derived from the patterns: a test set that mirrors the regexes would prove nothing.
"""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.safety import (
    STAFF_PHRASE,
    CrisisCategory,
    SafetyResult,
    assess,
    assess_rules,
    check_in_reply,
    crisis_reply,
    normalise,
)
from bot.safety.normalise import squash, squash_pattern
from bot.safety.patterns import COMPACT_RULES, RULES
from bot.safety.patterns_languages import LANGUAGE_RULES

DATA = Path(__file__).resolve().parents[1] / "safety"
# The real, staff-edited file: the test checks the numbers actually shown to young people.
EXAMPLE_LINES = Path(__file__).resolve().parents[2] / "content" / "facts.yml"
MAX_FALSE_POSITIVE_RATE = 0.05

C = CrisisCategory


def _load(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip()]


CRISIS = _load("crisis_messages.txt")
EVERYDAY = _load("everyday_messages.txt")


@pytest.fixture(scope="module")
def lines() -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE_LINES.read_text(encoding="utf-8"))
    crisis_lines: dict[str, Any] = data["crisis_lines"]
    return crisis_lines


# --- the data sets ---------------------------------------------------------------------


def test_data_sets_are_big_enough() -> None:
    assert len(CRISIS) >= 100
    assert len(EVERYDAY) >= 120
    assert not set(CRISIS) & set(EVERYDAY)


def test_every_crisis_message_is_a_crisis() -> None:
    misses = [(text, assess(text).level) for text in CRISIS if assess(text).level != "crisis"]
    report = "\n".join(f"  {level:8} {text!r}" for text, level in misses)
    assert not misses, f"{len(misses)}/{len(CRISIS)} crisis messages missed:\n{report}"


def test_everyday_messages_rarely_trigger_a_crisis() -> None:
    flagged = [text for text in EVERYDAY if assess(text).level == "crisis"]
    rate = len(flagged) / len(EVERYDAY)
    report = "\n".join(f"  {text!r}" for text in flagged)
    print(
        f"\nfalse-positive rate on everyday messages: {rate:.1%} ({len(flagged)}/{len(EVERYDAY)})"
    )
    assert rate <= MAX_FALSE_POSITIVE_RATE, (
        f"false-positive rate {rate:.1%} ({len(flagged)}/{len(EVERYDAY)}) "
        f"> {MAX_FALSE_POSITIVE_RATE:.0%}:\n{report}"
    )


# --- figurative speech -------------------------------------------------------------------

FIGURATIVE = [
    "ik ga dood van het lachen",
    "ik ga dood van de honger",
    "dit is zo saai ik ga dood",
    "die toets was killing me",
    "lol ik sterf",
    "ik schaam me dood",
    "doodmoe",
    "ik ben doodmoe",
    "ik ben dood moe",
    "ik lach me dood",
    "ik verveel me dood",
    "doodsbang voor een spin",
    "ik ben doodsbang voor spinnen",
    "ik sterf van de dorst",
    "i'm dead 💀",
    "im dying 😂😂",
    "this song is killing me",
    "ik kan niet meer 😂",
    "mijn moeder vermoordt me als ik weer te laat ben",
    "ik speel call of duty en ik ga steeds dood",
    "dit huiswerk is echt zelfmoord",
    "heb je suicide squad gezien",
    "mijn telefoon is bijna dood",
    "mijn hamster is dood",
    "ik heb een kras op mijn telefoon",
    "ik moet uien snijden",
    "slaan jullie mijn gegevens op?",
    "ik ben gestoken door een wesp",
    "mijn broertje slaat me altijd met fifa",
]


@pytest.mark.parametrize("text", FIGURATIVE)
def test_figurative_speech_is_not_a_crisis(text: str) -> None:
    assert assess(text).level != "crisis"


@pytest.mark.parametrize(
    "text",
    [
        "doodmoe",
        "ik ben doodmoe",
        "ik lach me dood",
        "ik schaam me dood",
        "doodsbang voor een spin",
    ],
)
def test_clearly_harmless_is_none(text: str) -> None:
    assert assess(text) == SafetyResult("none", ())


@pytest.mark.parametrize(
    "text",
    [
        "ik ga dood van het lachen",
        "lol ik sterf",
        "die toets was killing me",
        "dit is zo saai ik ga dood",
    ],
)
def test_probably_figurative_gets_a_check_in(text: str) -> None:
    assert assess(text).level == "check_in"


@pytest.mark.parametrize(
    "text",
    [
        "ik ga dood van het lachen maar eigenlijk wil ik dood",
        "lol ik wil dood",
        "haha ik wil echt niet meer leven",
        "ik ga dood, ik meen het, geen grap",
        "mijn vader slaat me haha",
        "doodmoe en ik wil niet meer leven",
    ],
)
def test_a_figurative_cue_never_hides_a_real_signal(text: str) -> None:
    assert assess(text).level == "crisis"


# --- categories --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ik wil dood", {C.SUICIDE}),
        ("i wanna kill myself", {C.SUICIDE}),
        ("ik snij mezelf", {C.SELF_HARM}),
        ("self harm", {C.SELF_HARM}),
        ("ik wil mezelf iets aandoen", {C.SUICIDE, C.SELF_HARM}),
        ("ik word misbruikt", {C.ABUSE}),
        ("hij raakt me aan terwijl ik dat niet wil", {C.ABUSE}),
        ("mijn vader slaat me", {C.ABUSE, C.DOMESTIC_VIOLENCE}),
        ("ik durf niet naar huis", {C.DOMESTIC_VIOLENCE}),
        ("er is iemand met een mes", {C.ACUTE_DANGER}),
        ("ik heb net pillen ingenomen om dood te gaan", {C.SUICIDE, C.ACUTE_DANGER}),
        ("ik ben bang dat hij me iets doet", {C.ABUSE, C.ACUTE_DANGER}),
    ],
)
def test_categories(text: str, expected: set[CrisisCategory]) -> None:
    result = assess(text)
    assert result.level == "crisis"
    assert set(result.categories) == expected
    assert list(result.categories) == [c for c in CrisisCategory if c in expected]  # enum order


def test_none_has_no_categories() -> None:
    assert assess("hoe laat begint het vrijdag?") == SafetyResult("none", ())


def test_result_is_frozen() -> None:
    result = assess("ik wil dood")
    with pytest.raises(AttributeError):
        result.level = "none"  # type: ignore[misc]


# --- normalisation -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ik wil DOOOOOD!!", "ik wil dood"),
        ("z e l f m o o r d", "zelfmoord"),
        ("d.o.o.d", "dood"),
        ("zelf-moord", "zelfmoord"),
        ("zelf\u200bmoord", "zelfmoord"),
        ("Ïk wîl dööd", "ik wil dood"),
        ("ik w1l d00d", "ik wil dood"),
        ("$uicide", "suicide"),
        ("k!ll myself", "kill myself"),
        ("m'n vader", "mn vader"),
        ("𝐳𝐞𝐥𝐟𝐦𝐨𝐨𝐫𝐝", "zelfmoord"),  # mathematical bold (NFKC)
        ("zеlfmoord", "zelfmoord"),  # Cyrillic "е"
        ("bel 113 of 0800-0113", "bel 113 of 08000113"),  # numbers are not leetspeak
        ("", ""),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_squash_is_applied_to_text_and_patterns_alike() -> None:
    assert squash("ik wil dooooood") == squash("ik wil dood") == "ik wil dod"
    assert squash_pattern(r"\bzelfmoord\b") == r"\bzelfmord\b"
    assert squash_pattern(r"\bbang") == r"\bbang"  # escapes are left alone
    assert squash_pattern(r"[oo]+") == r"[oo]+"  # character classes too


@pytest.mark.parametrize(
    "text",
    [
        "ik wil dooooood",
        "zelfmoooord",
        "zellfmoord",
        "zelfmoort",
        "suicde",
        "sucide",
        "s u i c i d e",
    ],
)
def test_stretched_and_misspelled_key_words(text: str) -> None:
    assert assess(text).level == "crisis"


def test_all_rules_compile_and_have_categories() -> None:
    for rule in (*RULES, *COMPACT_RULES, *LANGUAGE_RULES):
        assert rule.categories, rule.name
        assert rule.tier in ("crisis", "ambiguous", "weak", "despair"), rule.name


# --- robustness and speed -----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\t",
        "\x00\x01\x02",
        "🙂" * 50,
        "\ud800",
        "\u202e\u200b\ufeff",
        "1234567890",
        "?!",
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    result = assess(text)
    assert result.level in ("none", "check_in", "crisis")
    normalise(text)


def test_non_string_input_is_none() -> None:
    assert assess(None).level == "none"  # type: ignore[arg-type]


def test_long_messages() -> None:
    filler = "ik vond de avond echt leuk en wil volgende keer weer komen. " * 170  # ~10k chars
    assert len(filler) >= 10_000
    start = time.perf_counter()
    assert assess(filler).level != "crisis"
    assert assess(filler + " maar eigenlijk wil ik dood").level == "crisis"
    assert assess("ik wil dood " + filler).level == "crisis"
    assert time.perf_counter() - start < 2.0


@pytest.mark.parametrize(
    "text",
    ["1" * 10_000, "😂" * 10_000, "ik " * 3_400, "d.o." * 2_500, "a b " * 2_500, "wil " * 2_500],
)
def test_pathological_input_stays_fast(text: str) -> None:
    start = time.perf_counter()
    assess(text)
    assert time.perf_counter() - start < 1.0


def test_random_unicode_never_raises() -> None:
    rng = random.Random(20240611)
    pools = [
        (0x20, 0x7E),  # ASCII
        (0xA0, 0x24F),  # Latin with accents
        (0x300, 0x36F),  # combining marks
        (0x400, 0x4FF),  # Cyrillic
        (0x200B, 0x206F),  # zero-width and bidi controls
        (0x1F300, 0x1FAFF),  # emoji
        (0x0, 0x1F),  # control characters
        (0xD800, 0xDFFF),  # lone surrogates
        (0x4E00, 0x9FFF),  # CJK
    ]
    for _ in range(300):
        chars = []
        for _ in range(rng.randint(0, 200)):
            low, high = rng.choice(pools)
            chars.append(chr(rng.randint(low, high)))
        text = "".join(chars)
        if rng.random() < 0.3:
            text += " ik wil dood"
        result = assess(text)
        assert result.level in ("none", "check_in", "crisis")
        normalise(text)


def _best_per_message(judge: Any) -> float:
    sample = CRISIS + EVERYDAY
    judge("warm-up")
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in sample:
            judge(text)
        best = min(best, (time.perf_counter() - start) / len(sample))
    return best


def test_typical_message_takes_well_under_a_millisecond() -> None:
    # Layer 1 (the rules) alone; both layers together are bounded below (issue 9: < 5 ms).
    best = _best_per_message(assess_rules)
    assert best < 0.001, f"{best * 1000:.2f} ms per message"


def test_both_layers_stay_well_under_five_milliseconds() -> None:
    best = _best_per_message(assess)
    assert best < 0.005, f"{best * 1000:.2f} ms per message"


# --- replies -----------------------------------------------------------------------------


def test_crisis_reply_for_suicide(lines: dict[str, Any]) -> None:
    reply = crisis_reply(assess("ik wil dood"), lines)
    assert reply is not None
    for needle in ("113", "0800-0113", "113.nl", "112", "0800-0432", "088-0767 000", STAFF_PHRASE):
        assert needle in reply, needle
    assert "0800-2000" not in reply
    assert "niet alleen" in reply
    assert "geen hulpdienst" in reply


def test_crisis_reply_for_self_harm(lines: dict[str, Any]) -> None:
    reply = crisis_reply(assess("ik snij mezelf"), lines)
    assert reply is not None and "113" in reply and "0800-0113" in reply and "112" in reply


def test_crisis_reply_for_abuse(lines: dict[str, Any]) -> None:
    for text in ("ik word misbruikt", "mijn vader slaat me"):
        reply = crisis_reply(assess(text), lines)
        assert reply is not None
        assert "0800-2000" in reply and "0800-0432" in reply and "112" in reply
        assert "niet jouw schuld" in reply
        assert STAFF_PHRASE in reply


def test_crisis_reply_for_acute_danger_starts_with_112(lines: dict[str, Any]) -> None:
    reply = crisis_reply(assess("er is iemand met een mes"), lines)
    assert reply is not None
    first = reply.splitlines()[0]
    assert "Bel meteen 112." in first and "113" not in first  # 112 first, plainly, alone


def test_crisis_reply_is_none_without_a_crisis(lines: dict[str, Any]) -> None:
    assert crisis_reply(SafetyResult("none", ()), lines) is None
    assert crisis_reply(SafetyResult("check_in", (C.SUICIDE,)), lines) is None


def test_crisis_reply_skips_missing_entries(lines: dict[str, Any]) -> None:
    partial = {k: v for k, v in lines.items() if k != "113"}
    reply = crisis_reply(assess("ik wil dood"), partial)
    assert reply is not None
    assert "0800-0113" not in reply
    assert "0800-0432" in reply and "112" in reply and STAFF_PHRASE in reply


@pytest.mark.parametrize(
    "broken",
    [
        {},
        {"113": None, "112": "112", "kindertelefoon": [1, 2], "luisterlijn": {"name": "X"}},
        {"113": {"phone": None, "chat": {"x": 1}}, "veilig_thuis": {"phone": True}},
        None,
        ["113"],
    ],
)
def test_crisis_reply_degrades_gracefully(broken: Any) -> None:
    for text in ("ik wil dood", "hij slaat me", "er is iemand met een mes"):
        reply = crisis_reply(assess(text), broken)
        assert reply is not None
        assert "112" in reply and STAFF_PHRASE in reply
    suicide = crisis_reply(assess("ik wil dood"), broken)
    assert suicide is not None and "113" in suicide  # national fallback when nothing is usable


def test_crisis_reply_accepts_an_unquoted_yaml_key() -> None:
    parsed = yaml.safe_load('112: {name: "112", phone: 112, note: "bij direct gevaar"}')
    reply = crisis_reply(SafetyResult("crisis", (C.ABUSE,)), parsed)
    assert reply is not None and "Bel 112 bij direct gevaar" in reply


def test_crisis_reply_without_categories_shows_all_lines(lines: dict[str, Any]) -> None:
    reply = crisis_reply(SafetyResult("crisis", ()), lines)
    assert reply is not None and "0800-0113" in reply and "0800-2000" in reply


def test_check_in_reply() -> None:
    reply = check_in_reply()
    assert "113" in reply and "113.nl" in reply and STAFF_PHRASE in reply
    assert "figuurlijk" in reply


def test_example_lines_contain_the_known_numbers(lines: dict[str, Any]) -> None:
    assert set(lines) == {"113", "112", "kindertelefoon", "luisterlijn", "veilig_thuis"}
    assert lines["113"]["phone"] == "113" and lines["113"]["phone_free"] == "0800-0113"
    assert lines["112"]["phone"] == "112"
    assert lines["kindertelefoon"]["phone"] == "0800-0432"
    assert lines["luisterlijn"]["phone"] == "088-0767 000"
    assert lines["veilig_thuis"]["phone"] == "0800-2000"


# --- other languages and despair (layer 1) --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "kendimi öldüreceğim",
        "artık yaşamak istemiyorum",
        "babam beni dövüyor",
        "chcę umrzeć",
        "ojczym mnie dotyka w nocy",
        "ich will nicht mehr leben",
        "Mein Vater schlägt mich",
        "je veux mourir",
        "mon père me frappe",
        "quiero morir",
        "mi padrastro me toca",
        "não quero mais viver",
        "mi kier muri",
        "أريد أن أموت",
        "أبي يضربني",
        "я хочу умереть",
        "отец меня бьёт",
    ],
)
def test_unmistakable_phrases_in_other_languages_are_a_crisis(text: str) -> None:
    assert assess_rules(text).level == "crisis"


@pytest.mark.parametrize(
    "text",
    ["ça va me tuer ce devoir", "isso vai me matar de rir", "me pega la canción", "merhaba"],
)
def test_other_languages_keep_their_idioms(text: str) -> None:
    assert assess_rules(text).level == "none"


def test_despair_without_danger_words_is_a_marker_not_the_light_touch() -> None:
    # Not "ik hoop dat je het figuurlijk bedoelt 🙂"; with a laugh it still is.
    result = assess_rules("ik kan niet meer")
    assert result.level == "none" and result.has("distress")
    assert assess_rules("ik kan niet meer 😂").level == "check_in"
