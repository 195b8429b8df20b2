"""Safety report: recall and false alarms of the safety net on a set of plain-text files.

Reads ``<dir>/{acute,crisis,everyday,loneliness,grief}.txt`` (one message a line; blank lines
and lines starting with ``#`` are skipped) and ``<dir>/context.yml`` (conversations whose last
message is ambiguous alone), and prints:

- recall on ``acute`` (flagged as a crisis; and how many replies lead with 112) and ``crisis``;
- false full-crisis replies on ``everyday``, ``loneliness`` and ``grief``;
- context accuracy: the last message of a conversation judged with what came before;
- speed: p50/p95/max of one message through the net.

By default it reads every held-out version (``tests/heldout/safety``, ``tests/heldout/v2/safety``:
written separately, never used for tuning) and prints their figures side by side; ``--data DIR``
(repeatable) reads other folders, e.g. ``--data tests/safety`` for the project's own sets. Missed
lines are listed for non-held-out folders unless ``--quiet``; for held-out folders only with
``--misses`` (whoever reads them can no longer use that set as a clean measure). The tool only uses
the public ``bot.safety`` API, and falls back to ``assess`` alone for code without the context
memory, so it can also measure an older checkout::

    python -m bot.tools.safety_eval [--data DIR ...] [--quiet | --misses] [--check]
    PYTHONPATH=/tmp/before python bot/tools/safety_eval.py --data tests/heldout/v2/safety
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

import bot.safety as safety

try:
    from bot.tools import heldout_sets
except ImportError:  # run as a script with an older checkout's ``bot`` first on PYTHONPATH
    import heldout_sets  # type: ignore[no-redef, import-not-found]

ROOT = Path(__file__).resolve().parents[2]
POSITIVE = ("acute", "crisis")
NEGATIVE = ("everyday", "loneliness", "grief")
# The targets (held-out set).
TARGET_ACUTE = 1.0
TARGET_CRISIS = 0.97
TARGET_FALSE_ALARMS = 0.03  # on everyday + loneliness together

Judge = Callable[[str], tuple[str, tuple[str, ...]]]


@dataclass(frozen=True)
class ContextCase:
    """A conversation: earlier messages of one person, then the message to judge."""

    before: tuple[str, ...]
    message: str
    crisis: bool


@dataclass
class Report:
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # name -> (hits, total)
    misses: dict[str, list[str]] = field(default_factory=dict)
    acute_112: tuple[int, int] = (0, 0)
    context: tuple[int, int] = (0, 0)
    context_misses: list[str] = field(default_factory=list)
    timings_us: list[float] = field(default_factory=list)
    groups: dict[str, list[int]] = field(default_factory=dict)  # "file: header" -> [crisis, n]
    context_split: dict[bool, tuple[int, int]] = field(default_factory=dict)

    def rate(self, name: str) -> float:
        hits, total = self.counts.get(name, (0, 0))
        return hits / total if total else 0.0

    def false_alarm_rate(self) -> float:
        hits = sum(self.counts.get(n, (0, 0))[0] for n in ("everyday", "loneliness"))
        total = sum(self.counts.get(n, (0, 0))[1] for n in ("everyday", "loneliness"))
        return hits / total if total else 0.0

    def crisis_rate(self) -> float:
        hits = sum(self.counts.get(n, (0, 0))[0] for n in POSITIVE)
        total = sum(self.counts.get(n, (0, 0))[1] for n in POSITIVE)
        return hits / total if total else 0.0


def read_groups(path: Path) -> list[tuple[str, str]]:
    """(group, message) pairs; the group is the last ``#`` comment header above a line."""
    if not path.exists():
        return []
    out = []
    group = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text.startswith("#"):
            group = text.lstrip("#").strip()[:60]
        elif text:
            out.append((group, text))
    return out


def read_lines(path: Path) -> list[str]:
    return [text for _, text in read_groups(path)]


def _as_messages(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable) and not isinstance(value, Mapping):
        return tuple(str(v) for v in value if isinstance(v, str | int | float))
    return ()


def _truthy(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"crisis", "yes", "true", "signal", "1", "flag"}


_BEFORE_KEYS = ("before", "history", "context", "earlier", "previous")
_MESSAGE_KEYS = ("message", "then", "last", "text", "ambiguous")
_EXPECT_KEYS = ("expect_last", "expect", "expected", "label", "crisis", "signal")


def load_context(path: Path) -> list[ContextCase]:
    """Conversations from ``context.yml`` (a list, or a mapping with a list under one key)."""
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, Mapping):
        data = next((v for v in data.values() if isinstance(v, list)), [])
    cases: list[ContextCase] = []
    for item in data or []:
        if not isinstance(item, Mapping):
            continue
        if "turns" in item:  # tests/heldout/README.md: {turns: [...], expect_last: ...}
            turns = _as_messages(item["turns"])
            before, message = turns[:-1], (turns[-1] if turns else "")
        else:
            before = next((_as_messages(item[k]) for k in _BEFORE_KEYS if k in item), ())
            message = next((str(item[k]) for k in _MESSAGE_KEYS if k in item), "")
        expect = next((_truthy(item[k]) for k in _EXPECT_KEYS if k in item), True)
        if message:
            cases.append(ContextCase(before, message, expect))
    return cases


def _plain_judge(text: str) -> tuple[str, tuple[str, ...]]:
    result = safety.assess(text)
    return result.level, tuple(str(c) for c in result.categories)


def _context_judge(case: ContextCase, index: int) -> bool:
    """Whether the last message of the conversation gets the crisis reply."""
    net_cls = getattr(safety, "SafetyNet", None)
    if net_cls is None:  # an older net without memory: the message is judged alone
        return bool(safety.assess(case.message).level == "crisis")
    net = net_cls()
    key = f"eval-{index}"
    for earlier in case.before:
        net.assess(earlier, key)
    return bool(net.assess(case.message, key).level == "crisis")


def evaluate(data: Path, judge: Judge = _plain_judge) -> Report:
    report = Report()
    for name in (*POSITIVE, *NEGATIVE):
        grouped = read_groups(data / f"{name}.txt")
        lines = [text for _, text in grouped]
        group_of = dict((text, group) for group, text in grouped)
        hits = 0
        misses: list[str] = []
        acute_112 = 0
        for text in lines:
            start = time.perf_counter()
            level, categories = judge(text)
            report.timings_us.append((time.perf_counter() - start) * 1e6)
            is_crisis = level == "crisis"
            hits += is_crisis
            group = report.groups.setdefault(f"{name}: {group_of.get(text, '')}", [0, 0])
            group[0] += is_crisis
            group[1] += 1
            if name in POSITIVE and not is_crisis:
                misses.append(f"{level:8} {text}")
            if name in NEGATIVE and is_crisis:
                misses.append(f"{','.join(categories):8} {text}")
            if name == "acute" and is_crisis and "acute_danger" in categories:
                acute_112 += 1
        if lines:
            report.counts[name] = (hits, len(lines))
            report.misses[name] = misses
        if name == "acute":
            report.acute_112 = (acute_112, len(lines))
    cases = load_context(data / "context.yml")
    right = 0
    for index, case in enumerate(cases):
        got = _context_judge(case, index)
        if got == case.crisis:
            right += 1
        else:
            report.context_misses.append(
                f"expected {'crisis' if case.crisis else 'no crisis'}: "
                f"{' | '.join(case.before)} => {case.message}"
            )
    report.context = (right, len(cases))
    for expected in (True, False):
        subset = [c for c in cases if c.crisis == expected]
        wrong = sum(
            1
            for m in report.context_misses
            if m.startswith("expected crisis" if expected else "expected no crisis")
        )
        report.context_split[expected] = (len(subset) - wrong, len(subset))
    return report


def _pct(hits: int, total: int) -> str:
    return f"{hits}/{total} ({hits / total:.1%})" if total else "n/a (no messages)"


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def figure_rows(report: Report) -> list[tuple[str, str]]:
    """(label, value) per figure of one set, in print order."""
    rows = [
        (f"recall {name}", _pct(*report.counts[name])) for name in POSITIVE if name in report.counts
    ]
    if "acute" in report.counts:
        rows.append(("acute replies leading with 112 (target 100%)", _pct(*report.acute_112)))
    if any(n in report.counts for n in POSITIVE):
        hits = sum(report.counts.get(n, (0, 0))[0] for n in POSITIVE)
        total = sum(report.counts.get(n, (0, 0))[1] for n in POSITIVE)
        rows.append((f"recall acute+crisis (target {TARGET_CRISIS:.0%})", _pct(hits, total)))
    rows += [
        (f"false full-crisis replies {name}", _pct(*report.counts[name]))
        for name in NEGATIVE
        if name in report.counts
    ]
    pos = [n for n in ("everyday", "loneliness") if n in report.counts]
    if pos:
        hits = sum(report.counts[n][0] for n in pos)
        total = sum(report.counts[n][1] for n in pos)
        rows.append(
            (
                f"false full-crisis replies everyday+loneliness "
                f"(target <= {TARGET_FALSE_ALARMS:.0%})",
                _pct(hits, total),
            )
        )
    rows.append(("context conversations judged right", _pct(*report.context)))
    if report.context_split:
        rows.append(("  after distress (expect crisis)", _pct(*report.context_split[True])))
        rows.append(("  after harmless turns (expect none)", _pct(*report.context_split[False])))
    if report.timings_us:
        t = report.timings_us
        rows.append(
            (
                "speed p50/p95/max µs",
                f"{statistics.median(t):.0f}/"
                f"{_percentile(t, 0.95):.0f}/{max(t):.0f} ({len(t)} messages)",
            )
        )
    return rows


def _misses(report: Report) -> list[str]:
    out = []
    for name, misses in report.misses.items():
        if misses:
            kind = "missed" if name in POSITIVE else "false alarms"
            out.append(f"\n{kind} in {name}:")
            out += [f"  {m}" for m in misses]
    if report.context_misses:
        out.append("\ncontext mistakes:")
        out += [f"  {m}" for m in report.context_misses]
    return out


def format_reports(
    reports: Mapping[str, tuple[Path, Report]], misses_of: Collection[str] = ()
) -> str:
    """Figures of every set side by side (one column per set), then each set's groups, then the
    missed lines of the sets named in ``misses_of``."""
    out = [
        "safety report on " + ", ".join(f"{name} = {data}" for name, (data, _) in reports.items())
    ]
    out += heldout_sets.side_by_side({name: figure_rows(r) for name, (_, r) in reports.items()})
    for name, (_, report) in reports.items():
        out.append(f"  crisis replies per group, {name} (file: comment header):")
        for key, (hits, total) in report.groups.items():
            out.append(f"    {key[:70]:70} {hits}/{total}")
    for name, (_, report) in reports.items():
        lines = _misses(report) if name in misses_of else []
        out += [f"\n== {name}", *lines] if len(reports) > 1 and lines else lines
    return "\n".join(out)


def format_report(report: Report, data: Path, show_misses: bool = True) -> str:
    return format_reports({data.name: (data, report)}, {data.name} if show_misses else ())


def targets_met(report: Report) -> bool:
    hits, total = report.acute_112
    return (
        (hits / total if total else 0.0) >= TARGET_ACUTE
        and report.crisis_rate() >= TARGET_CRISIS
        and report.false_alarm_rate() <= TARGET_FALSE_ALARMS
    )


def validate(show_misses: bool = True) -> None:
    """Layer 2 on a fixed split of its own training data (every 5th example held back).

    How the model and thresholds were chosen; says nothing about messages written by others
    (that is what the held-out set is for).
    """
    from bot.safety import classifier, net
    from bot.safety.detector import assess_rules

    pairs = classifier.load_examples()
    train = [p for i, p in enumerate(pairs) if i % 5]
    val = [p for i, p in enumerate(pairs) if not i % 5]
    started = time.perf_counter()
    model = classifier.build_model(train)
    fitted = time.perf_counter() - started
    classes = [str(c) for c in model.classes_]
    probs = model.predict_proba([classifier.features(t) for t, _ in val])
    danger = [sum(row[classes.index(lab)] for lab in classifier.DANGER_LABELS) for row in probs]
    rules = [assess_rules(t).level == "crisis" for t, _ in val]
    pos = [i for i, (_, lab) in enumerate(val) if lab in classifier.DANGER_LABELS]
    neg = [i for i, (_, lab) in enumerate(val) if lab in ("none", "distress", "grief")]
    print(
        f"validation split: {len(train)} train, {len(val)} validation "
        f"({len(pos)} danger, {len(neg)} none/distress/grief); fit {fitted:.1f} s"
    )
    print(
        f"  layer 1 alone: recall {sum(rules[i] for i in pos) / len(pos):.3f}, "
        f"false alarms {sum(rules[i] for i in neg) / len(neg):.3f}"
    )
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        flag = [d >= threshold or r for d, r in zip(danger, rules, strict=True)]
        per_label = ", ".join(
            f"{lab} {sum(flag[i] for i in neg if val[i][1] == lab)}"
            f"/{sum(1 for i in neg if val[i][1] == lab)}"
            for lab in ("none", "distress", "grief")
        )
        print(
            f"  union, layer 2 threshold {threshold:.2f}: recall "
            f"{sum(flag[i] for i in pos) / len(pos):.3f}, false alarms "
            f"{sum(flag[i] for i in neg) / len(neg):.3f} ({per_label})"
        )
    if show_misses:
        threshold = net.DANGER_THRESHOLD
        for i, (text, label) in enumerate(val):
            if i in pos and danger[i] < threshold and not rules[i]:
                print(f"  miss  {label:9} {danger[i]:.2f} {text}")
            if i in neg and (danger[i] >= threshold or rules[i]):
                print(f"  alarm {label:9} {danger[i]:.2f} {text}")


def by_source_split() -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    """Train on everything but every second ``# group:`` of each ``*_v3`` data file; validate
    on those groups. Whole groups (a theme, a language, a register) are held back, so the
    split is closer to messages written separately than every 5th line is."""
    from bot.safety import classifier

    triples = classifier.load_sourced_examples()
    groups: dict[str, list[str]] = {}
    for _, _, source in triples:
        name = source.split(":")[0]
        if "_v3" in name and source not in groups.setdefault(name, []):
            groups[name].append(source)
    held = {source for sources in groups.values() for source in sources[1::2]}
    train = [(text, label) for text, label, source in triples if source not in held]
    return train, [t for t in triples if t[2] in held]


def validate_by_source() -> None:
    """The whole net (rules, model, thresholds) on the by-source split, per layer-2 threshold."""
    from bot.safety import classifier

    train, val = by_source_split()
    started = time.process_time()
    model = classifier.FastModel(classifier.build_model(train))
    print(
        f"by-source split: {len(train)} train, {len(val)} validation; "
        f"fit {time.process_time() - started:.1f} s CPU"
    )
    for threshold in (0.4, 0.5, 0.6, 0.7):
        counts, _ = judge_held_back(model, val, threshold)
        print(f"  threshold {threshold:.2f}: {counts.row()}")


# Who wrote which training file (leave-one-author-out validation): the part of the file name
# after the label. Files without a suffix are the first batch (29 Nov, with its v2 lines and
# the number lines); "_v3", "_extra_v3", "_more_v3", "_family_v3" are one author; "_v4" and
# "_more_v4" another; "distress_v5" the fourth engineer's; "_persona_v5" the fifth's. The
# lines generated from ``nlu_data/`` (``_nlu``) are Join us questions, not a writer's style:
# always trained on. ``tests/safety`` is a batch of its own.
def author_of(source: str) -> str:
    """The writer batch of a training line, from its source ("<file>: <group>")."""
    name = source.split(":")[0]
    if name == "tests/safety":
        return "tests/safety"
    if name.startswith("heldout-"):  # a retired held-out set: its writer
        return name.split("/")[0]
    stem = name.split(".")[0]
    if stem.endswith("_nlu"):
        return "nlu"
    if "persona_v5" in stem:
        return "v5-persona"
    for tag in ("v5", "v4", "v3"):
        if stem.endswith(tag):
            return tag
    return "first"


@dataclass
class FoldCounts:
    """Counts of one held-back writer batch (or all of them pooled)."""

    danger: list[int] = field(default_factory=lambda: [0, 0])  # whole net flags a crisis
    model_danger: list[int] = field(default_factory=lambda: [0, 0])  # layer 2 alone
    acute: list[int] = field(default_factory=lambda: [0, 0, 0])  # flagged, 112 first, total
    false: list[int] = field(default_factory=lambda: [0, 0])  # none + distress: full crisis
    distress_false: list[int] = field(default_factory=lambda: [0, 0])
    grief: list[int] = field(default_factory=lambda: [0, 0])

    def add(self, other: FoldCounts) -> None:
        for name in ("danger", "model_danger", "acute", "false", "distress_false", "grief"):
            mine, theirs = getattr(self, name), getattr(other, name)
            for i, value in enumerate(theirs):
                mine[i] += value

    def row(self) -> str:
        a = self.acute
        return (
            f"danger {_pct(*self.danger)} (layer 2 alone {_pct(*self.model_danger)}), "
            f"acute {a[0]}/{a[2]} (112 first {a[1]}); full crisis on none+distress "
            f"{_pct(*self.false)} (distress {self.distress_false[0]}/{self.distress_false[1]}), "
            f"grief {self.grief[0]}/{self.grief[1]}"
        )


def judge_held_back(
    model: Any, held: Sequence[tuple[str, str, str]], threshold: float | None = None
) -> tuple[FoldCounts, list[str]]:
    """The whole net (rules, ``model`` as layer 2, thresholds) on held-back lines."""
    from bot.safety import classifier, net

    saved = classifier._LAYER2._model, net.DANGER_THRESHOLD
    classifier._LAYER2._model = model
    if threshold is not None:
        net.DANGER_THRESHOLD = threshold
    counts = FoldCounts()
    misses: list[str] = []
    try:
        for text, label, source in held:
            result = net.assess(text)
            crisis = result.level == "crisis"
            p = classifier.predict(text)
            if label in classifier.DANGER_LABELS:
                counts.danger[0] += crisis
                counts.danger[1] += 1
                counts.model_danger[0] += p is not None and p.danger >= net.DANGER_THRESHOLD
                counts.model_danger[1] += 1
                if not crisis:
                    misses.append(f"miss  {label:9} {result.level:8} {source[:30]:30} {text}")
            if label == "acute":
                counts.acute[0] += crisis
                counts.acute[1] += crisis and "acute_danger" in result.categories
                counts.acute[2] += 1
                if crisis and "acute_danger" not in result.categories:
                    misses.append(f"no112 {label:9} {'':8} {source[:30]:30} {text}")
            if label in ("none", "distress"):
                counts.false[0] += crisis
                counts.false[1] += 1
                if label == "distress":
                    counts.distress_false[0] += crisis
                    counts.distress_false[1] += 1
                if crisis:
                    misses.append(f"alarm {label:9} {'':8} {source[:30]:30} {text}")
            if label == "grief":
                counts.grief[0] += crisis
                counts.grief[1] += 1
    finally:
        classifier._LAYER2._model, net.DANGER_THRESHOLD = saved
    return counts, misses


def validate_by_author(show_misses: bool = False, thresholds: Sequence[float] = ()) -> None:
    """Leave one writer out: for each writer batch (``author_of``), fit layer 2 on all other
    batches and judge the held-back batch with the whole net. The measure of how the net does
    on a writer it never saw (layer 1's rules were written with all batches in view, so the
    whole net's figures are flattered; "layer 2 alone" is not)."""
    from bot.safety import classifier, net

    triples = classifier.load_sourced_examples()
    authors = sorted({author_of(s) for _, _, s in triples} - {"nlu"})
    pooled = {t: FoldCounts() for t in (thresholds or (net.DANGER_THRESHOLD,))}
    cpu = 0.0
    for author in authors:
        train = [(t, lab) for t, lab, s in triples if author_of(s) != author]
        held = [x for x in triples if author_of(x[2]) == author]
        started = time.process_time()
        model = classifier.FastModel(classifier.build_model(train))
        cpu += time.process_time() - started
        for threshold, total in pooled.items():
            counts, misses = judge_held_back(model, held, threshold)
            total.add(counts)
            print(f"  {author:12} @{threshold:.2f} ({len(held)} lines): {counts.row()}")
            if show_misses:
                print("\n".join(f"      {m}" for m in misses))
    for threshold, total in pooled.items():
        print(f"  ALL          @{threshold:.2f}: {total.row()}")
    print(f"  ({len(authors)} fits, {cpu:.1f} s CPU)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--data",
        type=Path,
        action="append",
        help="a folder of sets (repeatable); default: every held-out version",
    )
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--quiet", action="store_true", help="figures only, no misses")
    shown.add_argument(
        "--misses",
        action="store_true",
        help="also list the missed lines of held-out sets (spoils them for tuning)",
    )
    parser.add_argument(
        "--by-author",
        action="store_true",
        help="with --validate: leave one writer's batch of training lines out at a time",
    )
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--validate",
        action="store_true",
        help="layer 2 on a split of its own training data (model selection)",
    )
    parser.add_argument(
        "--by-source",
        action="store_true",
        help="with --validate: hold back whole groups of the v3 lines",
    )
    args = parser.parse_args(argv)
    if args.validate and args.by_author:
        validate_by_author(show_misses=not args.quiet)
        return 0
    if args.validate and args.by_source:
        validate_by_source()
        return 0
    if args.validate:
        validate(show_misses=not args.quiet)
        return 0
    warm = getattr(safety, "warm_up", None)
    if callable(warm):
        started = time.perf_counter()
        warm()
        print(f"safety net ready after {time.perf_counter() - started:.2f} s")
    sets = heldout_sets.named("safety", args.data)
    reports: dict[str, tuple[Path, Report]] = {}
    for name, data in sets.items():
        if data.exists():
            reports[name] = (data, evaluate(data))
        else:
            print(f"safety report: no data at {data} (skipped)")
    if not reports:
        return 0
    misses_of = {
        name
        for name, (data, _) in reports.items()
        if args.misses or not (args.quiet or heldout_sets.is_heldout(data))
    }
    print(format_reports(reports, misses_of))
    if args.check and not all(targets_met(report) for _, report in reports.values()):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
