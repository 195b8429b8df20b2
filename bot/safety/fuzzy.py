"""Typo tolerance for a handful of distinctive key words ("sucide", "zelfmoort").

Tokens of the (squashed) text that are within a small edit distance of a key word are
replaced by that key word in an extra text variant, so the ordinary rules see the correct
spelling. Only long, distinctive words are corrected, and most with distance 1, to keep
false positives rare ("zelfzorg" must not become "zelfmoord").
"""

from __future__ import annotations

from functools import lru_cache

from .normalise import squash

__all__ = ["correct", "edit_distance"]

# key word (normal spelling) -> maximum edit distance (Damerau / optimal string alignment)
_KEYWORDS: dict[str, int] = {
    "zelfmoord": 1,
    "zelfmoordgedachten": 2,
    "zelfdoding": 1,
    "suicide": 1,
    "suicidal": 1,
    "suicidaal": 1,
    "overdosis": 1,
    "overdose": 1,
    "mishandeld": 2,
    "misbruikt": 1,
    "verkracht": 1,
    "aangerand": 1,
    "zelfbeschadiging": 2,
    "unalive": 1,
    "myself": 1,
    "mezelf": 1,
    "achtervolgd": 1,
    "afscheidsbrief": 2,
}
_SQUASHED: tuple[tuple[str, int], ...] = tuple((squash(k), d) for k, d in _KEYWORDS.items())
# Real words close to a key word that must stay as they are.
_PROTECTED = frozenset(
    squash(w)
    for w in (
        "jezelf", "zichzelf", "onszelf", "hunzelf", "uzelf", "hemzelf", "haarzelf", "zelfzorg",
        "himself", "herself", "itself", "yourself", "suicides", "overdoses", "misbruik",
        "zelfmoordactie", "verkocht", "verkrachter",
    )
)  # fmt: skip
_MIN_LEN = 5
_MAX_TOKEN = 30


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance, or ``limit + 1`` as soon as it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


@lru_cache(maxsize=8192)
def _correct_token(token: str) -> str:
    if len(token) < _MIN_LEN or len(token) > _MAX_TOKEN or token in _PROTECTED:
        return token
    if not token.isalpha():
        return token
    best = token
    best_distance = 99
    for keyword, limit in _SQUASHED:
        if token == keyword:
            return token
        distance = edit_distance(token, keyword, limit)
        if distance <= limit and distance < best_distance:
            best, best_distance = keyword, distance
    return best


def correct(squashed_text: str) -> str:
    """The text with misspelled key words replaced by their correct (squashed) spelling."""
    return " ".join(_correct_token(token) for token in squashed_text.split(" "))
