"""The frozen held-out sets (one folder per version) and a side-by-side table of their figures.

Each version folder holds ``safety/`` and ``nlu/`` in the formats of ``tests/heldout/README.md``.
The reports print figures of every version next to each other; the lines of a held-out set (and
so its missed lines) are only printed when someone asks for them explicitly, because whoever
reads them can no longer use that set as a clean measure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

# Not bot.core.settings: safety_eval may run as a script against an older checkout's ``bot`` package.
HELDOUT_ROOT = Path(__file__).resolve().parents[2] / "tests" / "heldout"
# Oldest first: v1 was used for figures while tuning, v2 and v3 were written later for clean figures.
VERSIONS: Mapping[str, Path] = {
    "v1": HELDOUT_ROOT,
    "v2": HELDOUT_ROOT / "v2",
    # v3: written blind on 30 Nov (second session) before that session's tuning; also holds
    # ``nlu/questions.yml``, labelled questions for the macro F1 of the FAQ and school intents.
    "v3": HELDOUT_ROOT / "v3",
    # v4: written blind on 30 Nov (06:55-07:01 UTC) by a different writer (rotating personas);
    # same files as v3, for a clean measure after the v3 figures had been read.
    "v4": HELDOUT_ROOT / "v4",
}

# Parts retired into training data once v4 was frozen (30 Nov, 08:05 UTC): the safety sets of
# v1-v3 are layer 2 training lines now (``bot.safety.classifier.RETIRED_HELDOUT``), so they
# are no longer reported. Their NLU parts stay measures (never trained on).
RETIRED: Mapping[str, frozenset[str]] = {"safety": frozenset({"v1", "v2", "v3"})}

Rows = Sequence[tuple[str, str]]


def folders(part: str) -> dict[str, Path]:
    """version -> its ``part`` folder (``safety`` or ``nlu``), for the versions that have one
    and whose ``part`` is not retired into training."""
    retired = RETIRED.get(part, frozenset())
    return {
        name: root / part
        for name, root in VERSIONS.items()
        if (root / part).is_dir() and name not in retired
    }


def named(part: str, chosen: Sequence[Path] | None) -> dict[str, Path]:
    """A column name per folder: the held-out version (``v1``, ``v2``) or the folder's path.

    ``None`` (nothing chosen on the command line) means every held-out version's ``part``."""
    if chosen is None:
        return folders(part)
    versions = {path.resolve(): name for name, path in folders(part).items()}
    names: dict[str, Path] = {}
    for folder in chosen:
        name = versions.get(folder.resolve(), str(folder))
        names[name if name not in names else str(folder)] = folder
    return names


def is_heldout(path: Path) -> bool:
    """Whether ``path`` lies inside the held-out sets (their lines must not be printed unasked)."""
    return path.resolve().is_relative_to(HELDOUT_ROOT.resolve())


def side_by_side(columns: Mapping[str, Rows], indent: str = "  ") -> list[str]:
    """One line per label (first-seen order), one column per set; ``-`` where a set lacks it."""
    labels: list[str] = []
    values: dict[str, dict[str, str]] = {}
    for name, rows in columns.items():
        for label, value in rows:
            if label not in values:
                labels.append(label)
                values[label] = {}
            values[label][name] = value
    label_width = max((len(label) for label in labels), default=0)
    widths = {
        name: max([len(name)] + [len(values[label].get(name, "-")) for label in labels])
        for name in columns
    }
    header = "  ".join(f"{name:>{widths[name]}}" for name in columns)
    out = [f"{indent}{'':<{label_width}}  {header}".rstrip()]
    for label in labels:
        cells = "  ".join(f"{values[label].get(name, '-'):>{widths[name]}}" for name in columns)
        out.append(f"{indent}{label:<{label_width}}  {cells}")
    return out
