"""Training-time augmentation for layer 2: each line also in the way young people type it.

Every training line gets one extra copy with the same label (``variants``): chat spellings
("mijn" -> "mn", "ik" -> "k", "gewoon" -> "gwn") and one or two typing slips (a letter
dropped, doubled or swapped with its neighbour). Ordinary lines get the same treatment as
danger lines, so a typo alone does not decide.

Chosen on groups of lines held back whole (``safety_eval --validate --by-source``) and on
fresh validation lines (``bot/safety/validation/fresh``); a lexicon swap of means, places,
people and acts, lexicon marker features, a Dutch suffix stripper and a second model family
were measured too and left out (figures in the safety notes).

Deterministic: the random choices are seeded by the line itself, so the same data always
gives the same model (the model cache is keyed by the data and ``MODEL_VERSION``).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Sequence

from .normalise import normalise

__all__ = ["augment", "augment_grouped", "variants"]

# Spellings of chat Dutch; each replaces the word with probability ``_CHAT_RATE``.
_CHAT = {
    "mijn": "mn",
    "ik": "k",
    "gewoon": "gwn",
    "echt": "egt",
    "niet": "nie",
    "even": "ff",
    "heel": "hele",
    "wat": "wa",
    "met": "mt",
    "maar": "mr",
    "het": "t",
    "een": "n",
    "zijn": "zn",
    "helemaal": "hlml",
}
_CHAT_RATE = 0.6
_TOKEN = re.compile(r"[a-z]+|[^a-z]+")


def _rng(text: str) -> random.Random:
    seed = int.from_bytes(hashlib.sha256(f"noise|{text}".encode()).digest()[:8], "big")
    return random.Random(seed)


def _slip(word: str, rng: random.Random) -> str:
    """One typing slip inside a word of 4+ letters (the first and last letter stay)."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def variants(text: str) -> list[str]:
    """The extra training phrasings of one line (its label unchanged): none or one."""
    base = normalise(text)
    rng = _rng(base)
    tokens = _TOKEN.findall(base)
    words = [i for i, token in enumerate(tokens) if token.isalpha()]
    for i in words:
        if tokens[i] in _CHAT and rng.random() < _CHAT_RATE:
            tokens[i] = _CHAT[tokens[i]]
    for i in rng.sample(words, k=min(len(words), rng.choice((1, 2)))):
        tokens[i] = _slip(tokens[i], rng)
    noisy = "".join(tokens)
    return [noisy] if noisy and noisy != base else []


def augment(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """The training pairs followed by the variants of each (same label)."""
    extra = [(v, label) for text, label in pairs for v in variants(text)]
    return [*pairs, *extra]


def augment_grouped(pairs: Sequence[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[int]]:
    """Each pair followed by its variants, and per result the index of the line it came from
    (a group: cross-validation must keep a line and its typed copy in the same fold)."""
    out: list[tuple[str, str]] = []
    groups: list[int] = []
    for index, (text, label) in enumerate(pairs):
        for phrasing in (text, *variants(text)):
            out.append((phrasing, label))
            groups.append(index)
    return out, groups
