"""Held-out family figures (issue 10): is a feeling, a parent or a professional recognised?

The held-out files (``nlu/{feelings,parents,professionals}.txt`` of every version in
:mod:`bot.tools.heldout_sets`) were written separately from the training data: one message per line, ``# kind: <kind>`` headers in
feelings.txt, other ``#`` lines are comments. They have no intent labels, only a family, so they
are scored by family:

- family accuracy: the predicted intent is in the file's family (``feeling...``, ``parent...``,
  ``professional...``); an ``nlu_fallback`` counts as a miss, as it is for the user;
- role answered correctly: the answer is written for the right person: a young person for
  feelings (any young person's topic, e.g. ``faq/welkom``, counts), a parent for parents, a
  professional for professionals (school-staff answers are wrong for all three).

Rasa runs in its own environment (``rasa test nlu`` on a generated YAML file with one placeholder
label per file); every message is then an "error" whose ``intent_prediction`` we read.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.tools import heldout_sets

FAMILIES: Mapping[str, str] = {
    "feelings": "feeling",
    "parents": "parent",
    "professionals": "professional",
}
PLACEHOLDER = "heldout_"
# Who an intent's answer is written for (the rest: nobody in particular, e.g. a fallback).
YOUTH_INTENTS = frozenset(
    {
        "feeling",
        "faq",
        "what_is_joinus",
        "who_is_it_for",
        "when_where",
        "cost",
        "express_interest",
        "think_about_it",
        "human_handoff",
        "help",
        "youth_role",
    }
)
ROLE_OF_FILE: Mapping[str, str] = {
    "feelings": "youth",
    "parents": "parent",
    "professionals": "professional",
}


@dataclass(frozen=True)
class Line:
    file: str
    kind: str
    text: str


def read_heldout(folder: Path) -> list[Line]:
    """Messages of the three files; a missing file is skipped (reported as 0 messages)."""
    lines: list[Line] = []
    for name in FAMILIES:
        path = folder / f"{name}.txt"
        if not path.exists():
            continue
        kind = "-"
        for raw in path.read_text(encoding="utf-8").splitlines():
            text = raw.strip()
            if not text:
                continue
            if text.startswith("#"):
                header = text.lstrip("#").strip()
                if header.lower().startswith("kind:"):
                    kind = header.split(":", 1)[1].strip() or "-"
                continue
            lines.append(Line(name, kind, text))
    return lines


def to_rasa_yaml(lines: Sequence[Line]) -> str:
    """One placeholder intent per file (never predicted, so every message lands in the errors)."""
    out = ['version: "3.1"', "nlu:"]
    by_file: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for line in lines:  # several versions together: a message twice would be two examples
        text = " ".join(line.text.split())
        if text not in seen:
            seen.add(text)
            by_file[line.file].append(text)
    for name, texts in by_file.items():
        out.append(f"  - intent: {PLACEHOLDER}{name}")
        out.append("    examples: |")
        out.extend(f"      - {text}" for text in texts)
    return "\n".join(out) + "\n"


def predictions(out: Path) -> dict[str, str]:
    """text -> predicted intent, from Rasa's error and success files."""
    found: dict[str, str] = {}
    for name in ("intent_errors.json", "intent_successes.json"):
        path = out / name
        if not path.exists():
            continue
        for row in json.loads(path.read_text(encoding="utf-8")):
            text = row.get("text")
            predicted = (row.get("intent_prediction") or {}).get("name")
            if isinstance(text, str) and isinstance(predicted, str):
                found[" ".join(text.split())] = predicted
    return found


def role_of(intent: str) -> str:
    family = intent.split("/", 1)[0]
    if family.startswith("parent") and family != "parent_code":
        return "parent"
    if family.startswith("professional"):
        return "professional"
    if family.startswith("school"):
        return "school"
    if family in YOUTH_INTENTS:
        return "youth"
    return "none"


@dataclass(frozen=True)
class FileScore:
    file: str
    total: int
    family_hits: int
    role_hits: int
    wrong: Counter[str]
    per_kind: Mapping[str, tuple[int, int]]

    @property
    def family_accuracy(self) -> float:
        return self.family_hits / self.total if self.total else 0.0

    @property
    def role_accuracy(self) -> float:
        return self.role_hits / self.total if self.total else 0.0


def score(lines: Sequence[Line], predicted: Mapping[str, str]) -> list[FileScore]:
    scores = []
    for name, family in FAMILIES.items():
        mine = [line for line in lines if line.file == name]
        hits = roles = 0
        wrong: Counter[str] = Counter()
        kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for line in mine:
            intent = predicted.get(" ".join(line.text.split()), "?")
            hit = intent.startswith(family) and intent != "parent_code"
            hits += hit
            roles += role_of(intent) == ROLE_OF_FILE[name]
            if not hit:
                wrong[intent] += 1
            kinds[line.kind][0] += hit
            kinds[line.kind][1] += 1
        scores.append(
            FileScore(
                name, len(mine), hits, roles, wrong, {k: (v[0], v[1]) for k, v in kinds.items()}
            )
        )
    return scores


def score_rows(scores: Sequence[FileScore]) -> list[tuple[str, str]]:
    """(label, value) per figure of one version, in print order."""
    rows: list[tuple[str, str]] = []
    for s in scores:
        rows.append(
            (f"{s.file} family accuracy", f"{s.family_hits}/{s.total} {s.family_accuracy:.3f}")
        )
        rows.append(
            (f"{s.file} role answered correctly", f"{s.role_hits}/{s.total} {s.role_accuracy:.3f}")
        )
    total = sum(s.total for s in scores)
    if total:
        fam = sum(s.family_hits for s in scores)
        role = sum(s.role_hits for s in scores)
        rows.append(("all family accuracy", f"{fam}/{total} {fam / total:.3f}"))
        rows.append(("all role answered correctly", f"{role}/{total} {role / total:.3f}"))
    for s in scores:
        if s.file == "feelings" and len(s.per_kind) > 1:
            rows += [
                (f"feelings {kind} (family recall)", f"{hit}/{n}")
                for kind, (hit, n) in sorted(s.per_kind.items())
            ]
    return rows


def format_scores(by_version: Mapping[str, Sequence[FileScore]]) -> str:
    """Every version's figures side by side, then the intents its misses went to (counts only)."""
    lines = ["held-out families (" + ", ".join(by_version) + "):"]
    lines += heldout_sets.side_by_side({name: score_rows(s) for name, s in by_version.items()})
    for name, scores in by_version.items():
        for s in scores:
            if s.wrong:
                top = ", ".join(f"{intent} {count}" for intent, count in s.wrong.most_common(6))
                lines.append(f"{name} {s.file} misses -> {top}")
    return "\n".join(lines)
