"""``assess``: the deterministic safety net that runs before the NLU engine.

Pure Python, no network, no model: it works when Rasa is down. The text is normalised
into a few spellings (see ``normalise``), misspelled key words are corrected (``fuzzy``)
and every rule of ``patterns`` is tried on every spelling. A match anywhere counts:
figurative context can only soften the match it belongs to, never another signal in the
same message ("ik ga dood van het lachen maar eigenlijk wil ik dood" is a crisis).
"""

from __future__ import annotations

import logging
import re
import unicodedata

from .fuzzy import correct
from .model import CrisisCategory, SafetyResult
from .normalise import squash, text_variants
from .patterns import (
    ANTI_CUES,
    BEREAVED_BY_SUICIDE,
    COMPACT_RULES,
    DANGER_CONTEXT,
    FAMILY_OR_HOME,
    FIGURATIVE_CUES,
    RULES,
    SUICIDE_AS_TOPIC,
    Rule,
)
from .patterns_acute import ACUTE_RULES
from .patterns_languages import LANGUAGE_RULES, SCRIPT_RULES

__all__ = ["assess_rules", "spellings"]

log = logging.getLogger(__name__)

NONE = SafetyResult("none", ())
_ALL_RULES = RULES + ACUTE_RULES + LANGUAGE_RULES
# Characters either side of a match in which a figurative cue counts.
_WINDOW = 60
# Longer messages are read in overlapping chunks, so the work per chunk stays bounded.
_CHUNK = 4000
_OVERLAP = 200
# Messages up to this length are also read with all spaces removed ("sui cide").
_COMPACT_MAX = 120


def spellings(text: str) -> list[str]:
    """The squashed spellings of ``text`` that the rules are matched against."""
    out: list[str] = []
    for variant in text_variants(text):
        squashed = squash(variant)
        for candidate in (squashed, correct(squashed)):
            if candidate and candidate not in out:
                out.append(candidate)
    return out


def _is_figurative(text: str, match: re.Match[str], rule: Rule) -> bool:
    window = text[max(0, match.start() - _WINDOW) : match.end() + _WINDOW]
    if ANTI_CUES.search(window):
        return False
    if rule.figurative and FIGURATIVE_CUES.search(window):
        return True
    return rule.cues is not None and rule.cues.search(window) is not None


def _joking(text: str, match: re.Match[str]) -> bool:
    window = text[max(0, match.start() - _WINDOW) : match.end() + _WINDOW]
    return FIGURATIVE_CUES.search(window) is not None


def _supported(text: str, match: re.Match[str]) -> bool:
    """Danger words near a match of a ``Rule.support`` rule (the match itself not counted)."""
    before = text[max(0, match.start() - _WINDOW) : match.start()]
    after = text[match.end() : match.end() + _WINDOW]
    return DANGER_CONTEXT.search(f"{before} | {after}") is not None


def _chunks(text: str) -> list[str]:
    if len(text) <= _CHUNK:
        return [text]
    step = _CHUNK - _OVERLAP
    return [text[i : i + _CHUNK] for i in range(0, len(text) - _OVERLAP, step)]


def _assess(text: str) -> SafetyResult:
    crisis: set[CrisisCategory] = set()
    check_in: set[CrisisCategory] = set()
    despair = False
    # Matches of ``Rule.support`` rules without danger words near them: a crisis only when
    # layer 2 or earlier distress agrees (net.assess).
    unconfirmed: set[CrisisCategory] = set()
    # A ``Rule.support`` word seen in its everyday setting: layer 2 must be surer (net.assess).
    everyday = False
    variants = [s for chunk in _chunks(text) for s in spellings(chunk)]
    if not text.isascii():
        written = unicodedata.normalize("NFKC", text).casefold()
        for pattern, categories in SCRIPT_RULES:
            if pattern.search(written):
                crisis.update(categories)
    for variant in variants:
        for rule in _ALL_RULES:
            text_for_rule = rule.mask.sub(" ", variant) if rule.mask is not None else variant
            if rule.tier == "crisis":
                if rule.regex.search(text_for_rule):
                    crisis.update(rule.categories)
                continue
            if rule.tier == "weak":
                if rule.regex.search(variant):
                    check_in.update(rule.categories)
                continue
            if rule.tier == "despair":
                for match in rule.regex.finditer(variant):
                    if _is_figurative(variant, match, rule):
                        check_in.update(rule.categories)
                    else:
                        despair = True
                continue
            for match in rule.regex.finditer(text_for_rule):
                if _is_figurative(text_for_rule, match, rule):
                    # An everyday word in its everyday setting ("het gas aan voor de pasta")
                    # needs no check-in; a joke about it ("haha") gets the light touch.
                    if not rule.support or _joking(text_for_rule, match):
                        check_in.update(rule.categories)
                    else:
                        everyday = True
                elif rule.support and not _supported(text_for_rule, match):
                    unconfirmed.update(rule.categories)
                else:
                    crisis.update(rule.categories)
                    break
    for variant in variants:
        if len(variant) <= _COMPACT_MAX:
            compact = variant.replace(" ", "")
            for rule in COMPACT_RULES:
                # Only what the spaces hid: a word that is visible as is was judged above
                # (with its context, e.g. the idiom "dat is echt zelfmoord").
                if rule.regex.search(compact) and not rule.regex.search(variant):
                    crisis.update(rule.categories)
    # Someone else's suicide: a loss (the grief reply names 113 for the bereaved too).
    loss = ("suicide_loss",) if any(BEREAVED_BY_SUICIDE.search(v) for v in variants) else ()
    if crisis:
        if CrisisCategory.ABUSE in crisis and any(FAMILY_OR_HOME.search(v) for v in variants):
            crisis.add(CrisisCategory.DOMESTIC_VIOLENCE)
        return SafetyResult("crisis", _ordered(crisis), loss)
    if unconfirmed:
        return SafetyResult("crisis", _ordered(unconfirmed), ("unconfirmed", *loss))
    if check_in:
        return SafetyResult("check_in", _ordered(check_in), loss)
    if despair or any(SUICIDE_AS_TOPIC.search(v) for v in variants):
        return SafetyResult("none", (), ("distress", *loss))
    return SafetyResult("none", (), (*loss, "everyday") if everyday else loss)


def _ordered(categories: set[CrisisCategory]) -> tuple[CrisisCategory, ...]:
    return tuple(c for c in CrisisCategory if c in categories)


def assess_rules(text: str) -> SafetyResult:
    """Layer 1 alone: "crisis", "check_in" (probably figurative) or "none".

    Never raises. Deliberately over-inclusive: when in doubt it says "crisis".
    """
    if not isinstance(text, str) or not text.strip():
        return NONE
    try:
        return _assess(text)
    except Exception:  # pragma: no cover - a bug here must not break the conversation
        log.exception("safety net failed; treating the message as unflagged")
        return NONE
