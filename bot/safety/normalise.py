"""Text normalisation for the safety net.

Young people write "z e l f m o o r d", "d00d", "ik wil doooood" or "zelf-moord", on
purpose or not. Everything here is pure string work so the detector can match one
canonical spelling:

- ``prepare``: Unicode NFKC, zero-width/control characters removed, casefolded, accents
  stripped, look-alike letters mapped, apostrophes dropped ("m'n" -> "mn").
- ``leet_variants``: leetspeak decoded inside words ("d00d" -> "dood"; "1" read as both
  "i" and "l"); numbers on their own ("113", "0800-0113") stay as they are.
- ``spaced``: punctuation becomes a space, emoji become separate tokens, runs of single
  letters are joined ("d o o d" -> "dood").
- ``joined``: like ``spaced`` but separators *inside* a word disappear ("zelf-moord" ->
  "zelfmoord").
- ``squash``: every run of the same letter collapses to one ("doooood" -> "dod"). The
  detector squashes its patterns the same way (``squash_pattern``), so a stretched word
  matches however many letters were repeated.

``normalise`` is the human-readable canonical form (runs of 3+ letters become 2, so
"doooood" -> "dood"); the detector uses the squashed variants.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "joined",
    "leet_variants",
    "normalise",
    "prepare",
    "spaced",
    "squash",
    "squash_pattern",
    "text_variants",
]

# Characters that look like Latin letters (Cyrillic and Greek); NFKC does not map these.
_CONFUSABLES = str.maketrans(
    {
        "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o",
        "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j",
        "ѕ": "s", "ԁ": "d", "ӏ": "l", "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k",
        "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ø": "o", "đ": "d",
        "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th",
    }
)  # fmt: skip

# Apostrophes and their look-alikes are dropped: "m'n" -> "mn", "i'm" -> "im", "'k" -> "k".
_APOSTROPHES = re.compile(r"['`´‘’‛′＇]")

# Leetspeak inside a word. "1" is ambiguous (i or l): see leet_variants.
_LEET = {"0": "o", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "€": "e"}
_LEET_CHARS = "".join(_LEET) + "1!|"
# A token that mixes letters with leet characters, e.g. "d00d", "$uicide", "k!ll".
# (Maximal runs; the callback skips runs without a letter. A pattern that requires a letter
# in the middle would backtrack quadratically on "1111...".)
_LEET_TOKEN = re.compile(rf"[a-z{re.escape(_LEET_CHARS)}]+")

_RUN3 = re.compile(r"([a-z])\1{2,}")
_RUN2 = re.compile(r"([a-z])\1+")
# Separators someone may put inside a word to dodge a filter: "zelf-moord", "d.o.o.d", "k_m_s".
_INWORD_SEP = re.compile(r"(?<=[a-z0-9@$])[-._*~+/\\|:,]+(?=[a-z0-9@$])")
_SPACES = re.compile(r"\s+")
# Three or more single letters in a row ("z e l f m o o r d", "d o o d").
_SINGLE_LETTER_RUN = re.compile(r"(?<!\S)[a-z](?: [a-z]){2,}(?!\S)")


def _clean_char(ch: str) -> str:
    """Map one character: drop invisible ones, turn control/odd ones into a space."""
    cat = unicodedata.category(ch)
    if cat in ("Cf", "Cs", "Co", "Cn", "Mn", "Me"):
        return ""  # zero-width, bidi marks, surrogates, private use, combining marks
    if cat == "Cc":
        return " "
    return ch


def prepare(text: str) -> str:
    """NFKC, invisible characters removed, casefolded, accents and look-alikes mapped.

    Punctuation and emoji are kept; leetspeak is not decoded yet (see ``leet_variants``).
    Never raises: anything that is not a string is treated as an empty message.
    """
    if not isinstance(text, str):  # defensive: callers may pass None by mistake
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.casefold()
    # Decompose so accents become combining marks, which _clean_char drops ("dööd" -> "dood").
    text = unicodedata.normalize("NFD", text)
    text = "".join(_clean_char(ch) for ch in text)
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_CONFUSABLES)
    return _APOSTROPHES.sub("", text)


def leet_variants(text: str) -> list[str]:
    """Decode leetspeak in words; one variant per reading of "1" (i and l) when it occurs."""
    ones: list[bool] = []

    def decode(match: re.Match[str], one: str) -> str:
        word = match.group(0)
        if word.isalpha() or not any("a" <= ch <= "z" for ch in word):
            return word
        out = []
        for i, ch in enumerate(word):
            if ch in _LEET:
                out.append(_LEET[ch])
            elif ch == "1":
                ones.append(True)
                out.append(one)
            elif ch in "!|":
                # Only inside a word ("k!ll"); at the edges it is punctuation ("dood!").
                inner = 0 < i < len(word) - 1 and word[i - 1].isalpha() and word[i + 1].isalpha()
                out.append(("i" if ch == "!" else "l") if inner else " ")
            else:
                out.append(ch)
        return "".join(out)

    first = _LEET_TOKEN.sub(lambda m: decode(m, "i"), text)
    if not ones:
        return [first]
    return [first, _LEET_TOKEN.sub(lambda m: decode(m, "l"), text)]


def _tokens(text: str) -> str:
    """Punctuation -> space, each emoji/symbol a token of its own, single letters joined."""
    out = []
    for ch in text:
        if ch.isalnum() and ch.isascii():
            out.append(ch)
        elif ch.isspace():
            out.append(" ")
        elif _is_emoji(ch):
            out.append(f" {ch} ")
        else:
            out.append(" ")
    flat = _SPACES.sub(" ", "".join(out)).strip()
    return _SINGLE_LETTER_RUN.sub(lambda m: m.group(0).replace(" ", ""), flat)


def _is_emoji(ch: str) -> bool:
    return unicodedata.category(ch) == "So" or 0x1F000 <= ord(ch) <= 0x1FAFF


def spaced(prepared: str) -> str:
    """Tokens separated by single spaces; separators inside words become spaces."""
    return _tokens(leet_variants(prepared)[0])


def joined(prepared: str) -> str:
    """Like ``spaced`` but separators inside words are removed ("zelf-moord" -> "zelfmoord")."""
    return _tokens(leet_variants(_INWORD_SEP.sub("", prepared))[0])


def text_variants(text: str) -> list[str]:
    """All unsquashed spellings the detector looks at (spaced/joined x readings of "1")."""
    prepared = prepare(text)
    out: list[str] = []
    for source in (prepared, _INWORD_SEP.sub("", prepared)):
        for raw in leet_variants(source):
            variant = _tokens(raw)
            if variant not in out:
                out.append(variant)
    return out


def squash(text: str) -> str:
    """Collapse every run of one repeated letter into one letter ("doooood" -> "dod")."""
    return _RUN2.sub(r"\1", text)


def normalise(text: str) -> str:
    """Canonical, readable form of a message, used for logging-free debugging and tests.

    Lowercase, accents stripped, zero-width characters removed, leetspeak decoded, runs of
    three or more equal letters reduced to two, punctuation to spaces, single letters
    joined: ``normalise("Ik wil D.O.O.O.O.D!!")`` -> ``"ik wil dood"``.
    """
    try:
        return _RUN3.sub(r"\1\1", joined(prepare(text)))
    except Exception:  # pragma: no cover - normalisation must never raise
        return ""


def squash_pattern(pattern: str) -> str:
    """Squash a regex source the same way as text: repeated literal letters become one.

    Escapes (``\\b``, ``\\S``) and character classes are copied unchanged, so ``\\bbang``
    stays ``\\bbang`` and ``zelfmoord`` becomes ``zelfmord``. Patterns must not rely on
    a doubled letter followed by a quantifier (write ``(?:o|oo)``, not ``oo?``).
    """
    out: list[str] = []
    prev_literal = ""
    i = 0
    in_class = False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            out.append(pattern[i : i + 2])
            prev_literal = ""
            i += 2
            continue
        if in_class:
            out.append(ch)
            if ch == "]":
                in_class = False
            i += 1
            continue
        if ch == "[":
            in_class = True
            out.append(ch)
            prev_literal = ""
            i += 1
            continue
        if "a" <= ch <= "z":
            if ch != prev_literal:
                out.append(ch)
            prev_literal = ch
        else:
            out.append(ch)
            prev_literal = ""
        i += 1
    return "".join(out)
