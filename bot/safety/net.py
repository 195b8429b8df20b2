"""The safety net: layer 1 (rules) and layer 2 (model) together, plus per-person context.

``assess(text)`` judges one message: the union of both layers decides, tuned for recall
(a false alarm costs a sentence, a miss can cost a life). ``SafetyNet.assess(text, key)``
also remembers, per person, that the conversation showed distress, so a message that is
ambiguous alone ("vanavond doe ik het gewoon") becomes a crisis after it.

The memory lives in this process, in dicts with a time-to-live, keyed by a digest of the
pseudonym (``memory.memory_key``: not joinable with the conversation store). It is
health-related, so it never reaches Rasa and holds no text; with a journal (the runtime's
``journal.DatabaseJournal``) the moments alone are kept in our database for as long as they
count (two hours at most), so that a restart in the middle of a crisis conversation does not
forget it. /vergeet removes them.
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable

from . import classifier
from .cues import has_danger_cue, has_explicit_cue, has_farewell_cue, has_lonely_cue, is_now
from .detector import assess_rules, spellings
from .memory import DISTRESS_SECONDS, SHORT_SECONDS, Journal, MemoryEntry, memory_key
from .model import CrisisCategory, SafetyResult
from .normalise import normalise
from .patterns import FAMILY_OR_HOME

__all__ = [
    "AMBIGUOUS_THRESHOLD",
    "DANGER_THRESHOLD",
    "SafetyNet",
    "assess",
]

# Layer 2 flags a crisis when P(acute) + P(crisis) + P(abuse) reaches this. Rule (safety2):
# the lowest value, in steps of 0.05, at which false full crisis replies on the held-back
# hard negatives of ``safety_eval --validate --by-source`` (none + distress) stay at or below
# what the model before augmentation gave at its 0.5 (21/160). With the augmented model:
# 0.5 -> 25/160, 0.55 -> 23/160, 0.6 -> 19/160. safety3: the same rule after the calibration
# fix, the support rules and the v4 lines: 0.5 -> 19/160 (0.4 -> 23/160), danger 260/299.
# See bot/safety/data/README.md.
DANGER_THRESHOLD = 0.5
# A window of a long message is the most dangerous of up to six readings of parts of it, out
# of their context: it flags a crisis only from this much more than the whole message would
# need (one more look is one more chance of a false alarm; "hij moest pillen slikken" about a
# dog reads like danger without the sentence before it).
WINDOW_MARGIN = 0.25
# Layer 1 saw a ``Rule.support`` word in its everyday setting ("afscheid van mijn stageplek",
# "het gas aan voor de pasta"): layer 2 alone must be this sure to overrule it.
EVERYDAY_THRESHOLD = 0.75
# After distress earlier in the same conversation (SafetyNet), layer 2 needs less (danger plus
# "ambiguous"). 0.25 (was 0.4, 30 Nov 08:15): on 207 conversations of the retired held-out
# sets and the own dev sets, after distress 95 -> 101 of 103 flagged ("over een uur is het
# zover", "ik ga nu maar slapen, heel lang"), after harmless turns unchanged (86/104); the cost:
# after a crisis opener, 104 instead of 59 of 1,262 everyday and lonely follow-ups get the crisis
# reply again.
CONTEXT_THRESHOLD = 0.25
# Where layer 1 recognised figurative speech ("ik ga dood van het lachen"), layer 2 must be
# surer before it overrules the light touch.
FIGURATIVE_THRESHOLD = 0.9
# An acute label this likely adds 112 first (also to a crisis layer 1 found). Low on purpose:
# "Ben je nu in gevaar? Bel meteen 112" before a reply to a crisis that is not acute costs a
# sentence; missing it for someone on a roof costs more. By-source validation (v3): 0.4 gave
# 112 first to 41/49 flagged acute messages and 3/85 other crises, 0.2 to 44/49 and 7/85.
# safety3 (calibration folds that keep typed copies together make the probabilities less
# extreme): by-source split, 0.2 -> 74 acute lines with 112 first and 17/179 other crises,
# 0.15 -> 76 and 19/179.
ACUTE_THRESHOLD = 0.15
# Layer 1 calls a message figurative, but layer 2 reads acute danger this likely: the acute
# reading wins at the normal threshold ("de kachel aan, de ramen dicht en het gas open").
FIGURATIVE_ACUTE_OVERRIDE = 0.5
# The distress marker (a not-understood message gets a gentle check-in with the lines): the
# model finds distress or danger more likely than not. (0.4 before v3; with the v3 lines about
# shame and stress, "ik schaam me dood" reached 0.47.)
DISTRESS_THRESHOLD = 0.5
# SafetyNet remembers a conversation as distressed (so that a later ambiguous message is a
# crisis) only from this much: nerves about a first evening or stress about a test are a
# distress marker for the fallback's check-in, but "vanavond doe ik het" after them is the
# evening, not a plan.
MEMORY_THRESHOLD = 0.65
# A layer-1 match on an everyday word (``Rule.support``: a platform, the gas, a farewell) with
# no danger words near it is a crisis when layer 2 reads at least this much danger (or the
# person showed distress before): the rule is evidence, so the model needs less than alone.
SUPPORT_THRESHOLD = 0.3
# Layer 2 alone reads danger, but layer 1 found nothing and the message speaks of loneliness
# or sadness and names no danger cue (``cues``: death, self-harm, a means, a place, a
# farewell, violence): "ik haat mijn leven", "ik ben weer gedumpt door iedereen". Below
# this the answer is the direct question of a crisis-line trainer with the lines (level
# "check_in", signal "ask"), not the full crisis reply; from it, the crisis reply.
CUELESS_THRESHOLD = 0.9
GRIEF_THRESHOLD = 0.5
AMBIGUOUS_THRESHOLD = 0.35
# Alone (no distress before), a message this likely to be a veiled plan ("vrijdag doe ik het,
# ik heb alles klaar") gets the direct question with the lines (level "check_in", "ask").
AMBIGUOUS_ASK_THRESHOLD = 0.5

_C = CrisisCategory

# After the direct question ("Bedoel je dat je jezelf iets wilt aandoen?", signal "ask"), a
# short answer that says yes is a crisis: "ja", "eigenlijk wel", "soms", "ik denk het".
ASK_TTL_SECONDS = SHORT_SECONDS
# Earlier messages this recent, without distress, make a conversation "calm" (``after_calm``).
CALM_TTL_SECONDS = SHORT_SECONDS
_YES = re.compile(
    r"^(?:ja+h?|jazeker|jep|jup|jawel|yes|yep|yeah|ye|ya|klopt|dat klopt|eigenlijk wel|wel een beetje"
    r"|een beetje|beetje|soms|vaak|misschien|mss|ik denk het|denk het|denk het wel|ik denk het wel"
    r"|precies|inderdaad|dat bedoel ik|dat bedoelde ik|zeker|idd)\b"
)
_NO = re.compile(r"\b(?:nee+|neen|nope|no|niet|nie|nooit|never|not|geen|grapje|haha\w*|lol)\b")


def is_yes(text: str) -> bool:
    """A short answer that says yes (at most eight words, no "nee"/"niet" in it)."""
    words = normalise(text or "")
    return 0 < len(words.split()) <= 8 and bool(_YES.match(words)) and not _NO.search(words)


def _ordered(categories: set[CrisisCategory]) -> tuple[CrisisCategory, ...]:
    return tuple(c for c in CrisisCategory if c in categories)


def _model_categories(text: str, p: classifier.Prediction) -> set[CrisisCategory]:
    probs = p.probabilities
    cats: set[CrisisCategory] = set()
    if probs.get("acute", 0.0) >= ACUTE_THRESHOLD or p.top(classifier.DANGER_LABELS) == "acute":
        cats.add(_C.ACUTE_DANGER)
    if probs.get("abuse", 0.0) > probs.get("crisis", 0.0):
        cats.add(_C.ABUSE)
        if any(FAMILY_OR_HOME.search(s) for s in spellings(text[:4000])):
            cats.add(_C.DOMESTIC_VIOLENCE)
    else:
        cats.add(_C.SUICIDE)
    return cats


def _signals(p: classifier.Prediction | None, crisis: bool) -> tuple[str, ...]:
    if p is None:
        return ("distress", "despair") if crisis else ()
    probs = p.probabilities
    out: list[str] = []
    dark = p.danger + probs.get("distress", 0.0)
    if crisis or dark >= DISTRESS_THRESHOLD:
        out.append("distress")
    if crisis or dark >= MEMORY_THRESHOLD:
        out.append("despair")
    if probs.get("ambiguous", 0.0) >= AMBIGUOUS_THRESHOLD:
        out.append("ambiguous")
        if "distress" not in out:
            out.append("distress")
    if not crisis and probs.get("grief", 0.0) >= GRIEF_THRESHOLD:
        out.append("grief")
    return tuple(out)


def assess(text: str, *, after_distress: bool = False, after_calm: bool = False) -> SafetyResult:
    """One message: "crisis", "check_in" (probably figurative; with the signal "ask": may mean
    danger without saying so, ask directly) or "none", with signals.

    ``after_distress``: the same person showed distress shortly before (``SafetyNet``); then
    layer 2 needs less to flag a crisis. ``after_calm``: the same person wrote shortly before
    without any distress (small talk, a question); then a line the model alone reads as danger
    but that names no explicit danger ("dit is mijn laatste week hier" after talk of moving)
    gets the direct question instead of the crisis reply. Never raises. Layer 1 runs first and does not
    depend on layer 2: without the model (scikit-learn missing, a broken cache) the rules
    still decide.
    """
    rules = assess_rules(text)
    if not isinstance(text, str) or not text.strip():
        return rules
    p = classifier.predict(text)
    if rules.level == "crisis" and rules.has("unconfirmed"):
        # Without the model the rules stay over-inclusive; with it, the model must agree.
        loss = ("suicide_loss",) if rules.has("suicide_loss") else ()
        # Support: the model agreeing, earlier distress, or a farewell anywhere in the message.
        supported = after_distress or has_farewell_cue(text)
        if not (p is None or supported or p.danger >= SUPPORT_THRESHOLD):
            rules = SafetyResult("none", (), ("distress", *loss))
        else:
            rules = SafetyResult("crisis", rules.categories, loss)
    if rules.level == "crisis":
        cats = set(rules.categories)
        if p is not None and p.probabilities.get("acute", 0.0) >= ACUTE_THRESHOLD:
            cats.add(_C.ACUTE_DANGER)
        if is_now(text):
            # "ik ga mezelf nu van het leven beroven": said to happen now, so 112 first.
            cats.add(_C.ACUTE_DANGER)
        return SafetyResult("crisis", _ordered(cats), _signals(p, True))
    if p is not None:
        if rules.level == "check_in":
            acute = p.probabilities.get("acute", 0.0) >= FIGURATIVE_ACUTE_OVERRIDE
            threshold = DANGER_THRESHOLD if acute else FIGURATIVE_THRESHOLD
        else:
            threshold = CONTEXT_THRESHOLD if after_distress else DANGER_THRESHOLD
            if rules.has("everyday") and not after_distress:
                threshold = max(threshold, EVERYDAY_THRESHOLD)
        if p.from_window:
            threshold = min(threshold + WINDOW_MARGIN, 0.95)
        # A message most like the "ambiguous" examples is ambiguous, however dark its words:
        # alone it is not a crisis (issue 9); after distress SafetyNet makes it one.
        ambiguous_most = p.probabilities.get("ambiguous", 0.0) >= max(
            p.probabilities.get(label, 0.0) for label in classifier.DANGER_LABELS
        )
        # After distress a veiled plan counts with the dark readings: "ik wil niet meer leven"
        # then "ik weet precies hoe" is read as danger plus a plan without saying what.
        dark = p.danger + (p.probabilities.get("ambiguous", 0.0) if after_distress else 0.0)
        # Whoever may be in acute danger now gets 112 first, never a question first.
        maybe_acute = p.probabilities.get("acute", 0.0) >= ACUTE_THRESHOLD
        if dark >= threshold and not after_distress and rules.level == "none" and not maybe_acute:
            unsure = p.danger < CUELESS_THRESHOLD
            sad_only = unsure and has_lonely_cue(text) and not has_danger_cue(text, carer=False)
            # After calm small talk a veiled line is read in that light: ask, don't alarm.
            calm_veiled = unsure and after_calm and not has_explicit_cue(text)
            if ambiguous_most or sad_only or calm_veiled:
                # Alone, a veiled plan or a sad line without any danger cue: ask directly
                # (issue 9, safety4). SafetyNet remembers the question: "ja" is then a crisis.
                signals = dict.fromkeys(("ask", "distress", *_signals(p, False)))
                return SafetyResult("check_in", (_C.SUICIDE,), tuple(signals))
        if dark >= threshold and (after_distress or not ambiguous_most):
            cats = _model_categories(text, p)
            if is_now(text):
                cats.add(_C.ACUTE_DANGER)
            # Alone it would not have been flagged: the earlier distress decided.
            alone = p.danger >= DANGER_THRESHOLD and not ambiguous_most
            because = ("context",) if after_distress and not alone else ()
            return SafetyResult("crisis", _ordered(cats), (*_signals(p, True), "layer2", *because))
    if (
        p is not None
        and rules.level == "none"
        and not after_distress
        and p.probabilities.get("ambiguous", 0.0) >= AMBIGUOUS_ASK_THRESHOLD
    ):
        # A plan without saying what, and nothing before it: ask directly (SafetyNet reads a
        # "ja" to the question as a crisis).
        signals = dict.fromkeys(("ask", "distress", *_signals(p, False)))
        return SafetyResult("check_in", (_C.SUICIDE,), tuple(signals))
    if rules.level == "check_in":
        # Figurative words: the light touch, and no softer signal that would color the answer;
        # only "despair" (for SafetyNet's memory) when the model reads it ("ik kan niet meer").
        if p is not None and "despair" in _signals(p, False):
            return SafetyResult("check_in", rules.categories, ("despair",))
        return rules
    signals = dict.fromkeys((*rules.signals, *_signals(p, False)))
    if rules.has("suicide_loss"):
        signals["grief"] = None
    return SafetyResult("none", (), tuple(signals))


class SafetyNet:
    """``assess`` with a short per-person memory of distress, the question and the last message.

    The memory is this process's; a ``journal`` (``bot/safety/memory.py``) is told, without
    waiting, of every change a restart must not lose (distress, the direct question), and gives
    it back after one (``restore``)."""

    def __init__(
        self,
        ttl_seconds: float = DISTRESS_SECONDS,
        max_people: int = 10_000,
        clock: Callable[[], float] = time.time,
        journal: Journal | None = None,
    ) -> None:
        self._ttl = ttl_seconds
        self._max = max_people
        self._clock = clock
        self._journal = journal
        self._seen: OrderedDict[str, float] = OrderedDict()
        # People who were just asked the direct question (signal "ask"): when, by pseudonym.
        self._asked: OrderedDict[str, float] = OrderedDict()
        # When each person last wrote (any message): earlier calm turns are context too.
        self._talked: OrderedDict[str, float] = OrderedDict()
        # The last calm messages themselves, to read an ambiguous line in their light ("we gaan
        # vissen" ... "ik ga zo naar de brug"): this process only, never journaled, gone after
        # CALM_TTL_SECONDS, on /vergeet and on distress.
        self._earlier: OrderedDict[str, tuple[float, tuple[str, ...]]] = OrderedDict()
        self._lock = threading.Lock()

    def assess(self, text: str, key: str | None = None) -> SafetyResult:
        """Judge ``text``; with ``key`` (the pseudonym) earlier distress counts as context."""
        if key is None:
            return assess(text)
        key = memory_key(key)
        asked = self._take_asked(key)
        if asked and is_yes(text):
            # "Bedoel je dat je jezelf iets wilt aandoen?" - "ja": the crisis reply.
            result = SafetyResult("crisis", (_C.SUICIDE,), ("distress", "despair", "context"))
            self._remember(key)
            self._journal_entry(key)
            return result
        distressed = self._showed_distress(key)
        calm = not distressed and self._talked_recently(key)
        result = assess(text, after_distress=distressed, after_calm=calm)
        if result.level != "crisis" and result.has("ambiguous") and distressed:
            result = SafetyResult(
                "crisis", (_C.SUICIDE,), tuple(dict.fromkeys((*result.signals, "context")))
            )
        earlier = self._earlier_texts(key) if calm else ()
        if result.level == "crisis" and earlier and not has_explicit_cue(text):
            result = _in_light_of(earlier, text, result)
        if result.level == "crisis" or result.has("despair"):
            self._remember(key)
        with self._lock:
            self._talked[key] = self._clock()
            self._talked.move_to_end(key)
            while len(self._talked) > self._max:
                self._talked.popitem(last=False)
            if result.level == "none" and not result.has("distress"):
                kept = (*earlier, text)[-CONTEXT_TURNS:]
                self._earlier[key] = (self._clock(), kept)
                self._earlier.move_to_end(key)
                while len(self._earlier) > self._max:
                    self._earlier.popitem(last=False)
            else:
                self._earlier.pop(key, None)
            if result.has("ask"):
                self._asked[key] = self._clock()
                self._asked.move_to_end(key)
                while len(self._asked) > self._max:
                    self._asked.popitem(last=False)
        # Only what a restart must not lose goes to the journal: distress, the question asked or
        # answered. A calm message alone is not written (no row per person who merely talks).
        if asked or result.level == "crisis" or result.has("despair") or result.has("ask"):
            self._journal_entry(key)
        return result

    def restore(self, entries: Iterable[MemoryEntry]) -> int:
        """Take back what a journal kept (at start-up); returns how many people it knew."""
        now = self._clock()
        known = 0
        with self._lock:
            for entry in sorted(entries, key=lambda e: e.latest):
                entry = entry.current(now)
                for moment, memory in (
                    (entry.distress_at, self._seen),
                    (entry.asked_at, self._asked),
                    (entry.talked_at, self._talked),
                ):
                    if moment is not None:
                        memory[entry.key] = moment
                        memory.move_to_end(entry.key)
                known += not entry.empty
        return known

    def _journal_entry(self, key: str) -> None:
        if self._journal is None:
            return
        with self._lock:
            entry = MemoryEntry(
                key, self._seen.get(key), self._asked.get(key), self._talked.get(key)
            )
        self._journal.record(entry)

    def _earlier_texts(self, key: str) -> tuple[str, ...]:
        with self._lock:
            entry = self._earlier.get(key)
        if entry is None or self._clock() - entry[0] > CALM_TTL_SECONDS:
            return ()
        return entry[1]

    def _talked_recently(self, key: str) -> bool:
        with self._lock:
            when = self._talked.get(key)
        return when is not None and self._clock() - when <= CALM_TTL_SECONDS

    def _take_asked(self, key: str) -> bool:
        """Whether this person was asked the direct question within ``ASK_TTL_SECONDS`` (the
        question counts for the next message only)."""
        with self._lock:
            when = self._asked.pop(key, None)
        return when is not None and self._clock() - when <= ASK_TTL_SECONDS

    def showed_distress(self, key: str) -> bool:
        """Whether this person's conversation showed distress within the memory's time."""
        return self._showed_distress(memory_key(key))

    def _showed_distress(self, key: str) -> bool:
        with self._lock:
            seen = self._seen.get(key)
            if seen is None:
                return False
            if self._clock() - seen > self._ttl:
                del self._seen[key]
                return False
            return True

    def forget(self, key: str) -> None:
        """Drop what is remembered about this person (e.g. on /vergeet)."""
        key = memory_key(key)
        with self._lock:
            self._seen.pop(key, None)
            self._asked.pop(key, None)
            self._talked.pop(key, None)
            self._earlier.pop(key, None)
        if self._journal is not None:
            self._journal.forget(key)

    def __len__(self) -> int:
        return len(self._seen)

    def _remember(self, key: str) -> None:
        now = self._clock()
        with self._lock:
            self._seen[key] = now
            self._seen.move_to_end(key)
            # Expired entries and, beyond the cap, the oldest ones go first.
            while self._seen:
                oldest_key, oldest = next(iter(self._seen.items()))
                if now - oldest > self._ttl or len(self._seen) > self._max:
                    del self._seen[oldest_key]
                else:
                    break


# How many earlier calm messages an ambiguous line is read with.
CONTEXT_TURNS = 2


def _in_light_of(earlier: tuple[str, ...], text: str, alone: SafetyResult) -> SafetyResult:
    """A line flagged alone, without an explicit danger word, after calm messages: read with
    them. When the conversation shows its everyday setting ("we gaan vissen ... ik ga zo naar
    de brug", "we staan op de eiffeltoren ... het is hier heel hoog"), ask directly (with the
    lines, 112 among them) instead of the full crisis reply; a "ja" then is a crisis."""
    together = assess(" | ".join((*earlier, text)), after_calm=True)
    if together.level == "crisis":
        return alone
    signals = dict.fromkeys(("ask", "distress", "ambiguous", "context"))
    return SafetyResult("check_in", alone.categories or (_C.SUICIDE,), tuple(signals))
