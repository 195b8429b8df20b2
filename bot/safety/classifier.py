"""Layer 2 of the safety net: a calibrated linear model on word and character n-grams.

The deterministic rules (layer 1) only know the phrasings their authors foresaw. This model
generalises from examples: ``bot/safety/data/*.txt`` (the label is the file name before its
first "_", see its README) plus the project's own sets in ``tests/safety/`` when present
(crisis messages are labelled by layer 1's categories, everyday messages as ``none``). A long
message is also read in two-sentence windows; the most dangerous reading counts.

Training is deterministic (no shuffling, fixed folds), needs no network and takes a few
seconds; the fitted model is cached on disk under ``<JOINUS_DATA_DIR>/safety/``, keyed by a
hash of the training data, this module's version and the scikit-learn version, so a start
with unchanged data only loads it. ``warm_up()`` at process start keeps the first message
from paying for it. Any failure (scikit-learn missing, a broken cache) leaves layer 1 alone
in charge: ``predict`` then returns ``None``.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import re
import threading
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .augment import augment_grouped
from .normalise import normalise

__all__ = [
    "DANGER_LABELS",
    "LABELS",
    "FastModel",
    "Prediction",
    "build_model",
    "layer2_ready",
    "load_examples",
    "load_sourced_examples",
    "predict",
    "warm_up",
    "warm_up_in_background",
]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
_PROJECT_ROOT = Path(__file__).resolve().parents[2]
_PROJECT_SETS = _PROJECT_ROOT / "tests" / "safety"
# Bump when the features or the model change: the cache key includes it.
MODEL_VERSION = "4"

# One label per data file; "none" is negative.txt plus the project's everyday set.
LABELS = ("acute", "crisis", "abuse", "ambiguous", "distress", "grief", "none")
DANGER_LABELS = ("acute", "crisis", "abuse")
# The label of a data file is the part of its name before the first "_" or ".": "acute.txt"
# and "acute_v3.txt" are both "acute" (v3: lines written later, kept apart so a validation
# split can hold back whole groups of them, see ``safety_eval --validate --by-source``).
_FILE_LABELS = {
    "acute": "acute",
    "crisis": "crisis",
    "abuse": "abuse",
    "ambiguous": "ambiguous",
    "distress": "distress",
    "grief": "grief",
    "negative": "none",
}


def _data_files(data_dir: Path) -> list[tuple[Path, str]]:
    """(file, label) in a fixed order: the labels' order, then the file name."""
    found = [
        (path, _FILE_LABELS[path.name.split(".")[0].split("_")[0]])
        for path in data_dir.glob("*.txt")
        if path.name.split(".")[0].split("_")[0] in _FILE_LABELS
    ]
    order = list(_FILE_LABELS.values())
    return sorted(found, key=lambda item: (order.index(item[1]), item[0].name))


@dataclass(frozen=True)
class Prediction:
    """Calibrated probabilities per label (they sum to 1)."""

    probabilities: dict[str, float]
    # Whether the probabilities are those of a two-sentence window of a long message (the
    # most dangerous one) rather than of the whole message: ``net`` asks more of a window.
    from_window: bool = False

    @property
    def danger(self) -> float:
        """Probability that the message is acute danger, a suicidal crisis or abuse."""
        return sum(self.probabilities.get(label, 0.0) for label in DANGER_LABELS)

    def top(self, labels: Iterable[str] = LABELS) -> str:
        return max(labels, key=lambda label: self.probabilities.get(label, 0.0))


def _read_sourced(path: Path) -> list[tuple[str, str]]:
    """(text, source) per line; the source is "<file>: <last '# group:' header above it>"."""
    if not path.exists():
        return []
    out: list[tuple[str, str]] = []
    group = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text.startswith("#"):
            if text.lstrip("# ").startswith("group:"):
                group = text.lstrip("# ").removeprefix("group:").strip()
        elif text:
            out.append((text, f"{path.name}: {group}"))
    return out


def _read(path: Path) -> list[str]:
    return [text for text, _ in _read_sourced(path)]


def _project_examples() -> list[tuple[str, str]]:
    """The project's own crisis and everyday sets, labelled via layer 1's categories."""

    out: list[tuple[str, str]] = []
    for text in _read(_PROJECT_SETS / "crisis_messages.txt"):
        out.append((text, _crisis_label(text)))
    out += [(text, "none") for text in _read(_PROJECT_SETS / "everyday_messages.txt")]
    return out


# Held-out safety sets retired into training once a newer blind set was frozen (30 Nov, v4):
# three more writers' ways of saying things. Their figures are no longer measures.
RETIRED_HELDOUT = {
    "heldout-v1": _PROJECT_ROOT / "tests" / "heldout" / "safety",
    "heldout-v2": _PROJECT_ROOT / "tests" / "heldout" / "v2" / "safety",
    "heldout-v3": _PROJECT_ROOT / "tests" / "heldout" / "v3" / "safety",
}
# What each held-out file expects, as a training label (crisis lines: see _crisis_label).
_RETIRED_LABELS = {
    "acute.txt": "acute",
    "crisis.txt": "crisis",
    "everyday.txt": "none",
    "loneliness.txt": "distress",
    "grief.txt": "grief",
}


def _crisis_label(text: str) -> str:
    """A crisis line's label from layer 1's categories: acute, abuse alone, or crisis."""
    from .detector import assess_rules
    from .model import CrisisCategory

    cats = set(assess_rules(text).categories)
    if CrisisCategory.ACUTE_DANGER in cats:
        return "acute"
    if cats & {CrisisCategory.ABUSE, CrisisCategory.DOMESTIC_VIOLENCE} and not cats & {
        CrisisCategory.SUICIDE,
        CrisisCategory.SELF_HARM,
    }:
        return "abuse"
    return "crisis"


def _retired_examples() -> list[tuple[str, str, str]]:
    out: list[tuple[str, str, str]] = []
    for name, folder in RETIRED_HELDOUT.items():
        for file, label in _RETIRED_LABELS.items():
            for text, _ in _read_sourced(folder / file):
                line_label = _crisis_label(text) if label == "crisis" else label
                out.append((text, line_label, f"{name}/{file}"))
    return out


def load_sourced_examples(
    data_dir: Path = DATA_DIR, *, project_sets: bool = True
) -> list[tuple[str, str, str]]:
    """(text, label, source) in a fixed order; a text in two files keeps its first label."""
    triples: list[tuple[str, str, str]] = []
    for path, label in _data_files(data_dir):
        triples += [(text, label, source) for text, source in _read_sourced(path)]
    if project_sets:
        triples += [(text, label, "tests/safety") for text, label in _project_examples()]
        triples += _retired_examples()
    seen: set[str] = set()
    unique: list[tuple[str, str, str]] = []
    for text, label, source in triples:
        key = normalise(text)
        if key and key not in seen:
            seen.add(key)
            unique.append((text, label, source))
    return unique


def load_examples(data_dir: Path = DATA_DIR, *, project_sets: bool = True) -> list[tuple[str, str]]:
    """(text, label) pairs in a fixed order; a text in two files keeps its first label."""
    return [
        (t, label) for t, label, _ in load_sourced_examples(data_dir, project_sets=project_sets)
    ]


# Layer 2 reads at most this much of a message (layer 1 reads all of it): bounded cost.
MAX_CHARS = 1500
# A message longer than this is also read in windows of two sentences, and the window that
# looks most like danger counts: in one long tf-idf vector a single sentence ("ik heb de
# pillen al klaargelegd") weighs little among ten ordinary ones.
LONG_MESSAGE = 160
MAX_WINDOWS = 6
_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+|\n+")
# Letters outside the Latin script (Arabic, Cyrillic, ...): ``normalise`` keeps ASCII only.
_NON_LATIN_WORD = re.compile(r"[^\W\d_a-z]*[^\W\d_\u0000-\u024f]+[^\W\d_]*")


def features(text: str) -> str:
    """What the model reads: the canonical normalised text (see ``normalise``), plus the
    words in another script than Latin as they were written (``normalise`` drops them)."""
    text = text[:MAX_CHARS]
    other = _NON_LATIN_WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    return " ".join([normalise(text), *other]).strip()


def windows(text: str) -> list[str]:
    """Overlapping two-sentence windows of a long message (at most ``MAX_WINDOWS``)."""
    sentences = [s for s in _SENTENCE_END.split(text[:MAX_CHARS]) if s.strip()]
    if len(sentences) < 2:
        return []
    pairs = [" ".join(sentences[i : i + 2]) for i in range(len(sentences) - 1)]
    return pairs[:MAX_WINDOWS]


def build_model(pairs: Sequence[tuple[str, str]], c: float = 1.0, *, augmented: bool = True) -> Any:
    """A fitted scikit-learn pipeline: tf-idf word 1-2-grams + char_wb 2-5-grams -> a linear
    SVM with sigmoid-calibrated probabilities (one-vs-rest over ``LABELS``).

    Chosen on a validation split of the training data (``safety_eval --validate``): as good
    as logistic regression at the same false-alarm rate, and 5-20x faster to fit. With
    ``augmented`` every line is also trained on once with chat spellings and typing slips
    (``augment``): on held-back groups that caught more danger at an equal false-alarm rate.
    """
    # Each line and its typed copy share a group: the calibration folds keep them together.
    # (Before, the copies were appended after all lines and the unshuffled folds put a line in
    # one fold and its copy in another: the sigmoid was fitted on near-duplicates of training
    # lines and came out overconfident, e.g. P(danger) 0.99 on an ordinary two-sentence window.)
    groups = list(range(len(pairs)))
    if augmented:
        pairs, groups = augment_grouped(pairs)
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.model_selection import StratifiedGroupKFold
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.svm import LinearSVC

    texts = [features(t) for t, _ in pairs]
    labels = [label for _, label in pairs]
    union = FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(
                    analyzer="word",
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    token_pattern=r"(?u)\b\w+\b",
                ),
            ),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1
                ),
            ),
        ]
    )
    linear = LinearSVC(C=c, class_weight="balanced", random_state=0, max_iter=5000)
    # Fixed, unshuffled folds: the same data always gives the same model.
    folds = list(StratifiedGroupKFold(n_splits=3, shuffle=False).split(texts, labels, groups))
    calibrated = CalibratedClassifierCV(linear, method="sigmoid", cv=folds)
    model = Pipeline([("features", union), ("classifier", calibrated)])
    model.fit(texts, labels)
    return model


def _data_hash(pairs: Sequence[tuple[str, str]]) -> str:
    import sklearn

    digest = hashlib.sha256(f"{MODEL_VERSION}|{sklearn.__version__}".encode())
    for text, label in pairs:
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("JOINUS_DATA_DIR", "").strip()
    return (Path(base) if base else _PROJECT_ROOT / "var") / "safety"


class FastModel:
    """The fitted pipeline reduced to plain arrays, for one message at a time.

    scikit-learn's per-call validation costs milliseconds for a single message; the same
    arithmetic (tf-idf of each vectoriser, L2 norm, one linear score per class and fold,
    sigmoid calibration, normalisation, average over folds) on numpy arrays costs a tenth of
    that. ``test_safety_layer2`` checks it against ``predict_proba``.
    """

    def __init__(self, pipeline: Any) -> None:
        import numpy as np

        union = pipeline.named_steps["features"]
        calibrated = pipeline.named_steps["classifier"]
        self.classes: tuple[str, ...] = tuple(str(c) for c in calibrated.classes_)
        self._parts: list[tuple[Any, dict[str, int], Any, bool, int]] = []
        offset = 0
        for _, vectoriser in union.transformer_list:
            vocabulary = {str(k): int(v) for k, v in vectoriser.vocabulary_.items()}
            self._parts.append(
                (
                    vectoriser.build_analyzer(),
                    vocabulary,
                    np.asarray(vectoriser.idf_),
                    bool(vectoriser.sublinear_tf),
                    offset,
                )
            )
            offset += len(vocabulary)
        weights, biases, slopes, shifts = [], [], [], []
        for fold in calibrated.calibrated_classifiers_:
            if fold.method != "sigmoid":
                raise ValueError("only sigmoid calibration is supported")
            order = [self.classes.index(str(c)) for c in fold.estimator.classes_]
            if order != list(range(len(self.classes))):
                raise ValueError("a fold saw fewer classes than the model")
            weights.append(np.asarray(fold.estimator.coef_))
            biases.append(np.asarray(fold.estimator.intercept_))
            slopes.append([c.a_ for c in fold.calibrators])
            shifts.append([c.b_ for c in fold.calibrators])
        # (features, folds * classes): one sparse row times this gives every score at once.
        self._weights = np.ascontiguousarray(np.concatenate(weights, axis=0).T)
        self._bias = np.concatenate(biases)
        self._a = np.asarray(slopes, dtype=float).ravel()
        self._b = np.asarray(shifts, dtype=float).ravel()
        self._folds = len(weights)

    def predict(self, text: str) -> dict[str, float]:
        import numpy as np

        indices: list[int] = []
        values: list[float] = []
        for analyse, vocabulary, idf, sublinear, offset in self._parts:
            counts: dict[int, int] = {}
            for gram in analyse(text):
                column = vocabulary.get(gram)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if not counts:
                continue
            cols = np.fromiter(counts, dtype=np.int64, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=float, count=len(counts))
            if sublinear:
                tf = 1.0 + np.log(tf)
            weighted = tf * idf[cols]
            weighted /= np.sqrt(np.dot(weighted, weighted))
            indices += (cols + offset).tolist()
            values += weighted.tolist()
        if indices:
            # Element-wise, not a BLAS product: no BLAS worker threads to wake per message.
            rows = self._weights[indices] * np.asarray(values)[:, None]
            scores = rows.sum(axis=0) + self._bias
        else:
            scores = self._bias.copy()
        proba = 1.0 / (1.0 + np.exp(self._a * scores + self._b))
        proba = proba.reshape(self._folds, len(self.classes))
        totals = proba.sum(axis=1, keepdims=True)
        uniform = np.full_like(proba, 1.0 / len(self.classes))
        proba = np.divide(proba, totals, out=uniform, where=totals != 0)
        mean = proba.mean(axis=0)
        return {label: float(p) for label, p in zip(self.classes, mean, strict=True)}


def _danger(probabilities: dict[str, float]) -> float:
    return sum(probabilities.get(label, 0.0) for label in DANGER_LABELS)


class _Layer2:
    """The loaded model, created once per process (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: Any = None
        self._failed = False
        self._started = False
        self._settled = threading.Event()  # set once the model is loaded or known to be missing
        self.load_seconds = 0.0
        self.source = ""

    def get(self, wait: bool = True) -> Any:
        """The model; loads it on first use. With ``wait=False`` a load that is already under
        way in another thread is not waited for (``None``): the crisis path never waits."""
        if self._model is not None or self._failed:
            return self._model
        if not self._lock.acquire(blocking=wait):
            return None
        try:
            if self._model is None and not self._failed:
                started = time.perf_counter()
                try:
                    self._model = FastModel(self._load_or_fit())
                except Exception:
                    log.exception("safety layer 2 unavailable; layer 1 decides alone")
                    self._failed = True
                self.load_seconds = time.perf_counter() - started
                self._settled.set()
        finally:
            self._lock.release()
        return self._model

    @property
    def ready(self) -> bool:
        return self._model is not None

    def wait_settled(self, timeout: float) -> bool:
        """Block until a load under way has finished (or ``timeout``); whether the model is ready."""
        if self._model is None and not self._failed:
            self.start_background_load()
            self._settled.wait(timeout)
        return self._model is not None

    def start_background_load(self) -> None:
        if self._model is None and not self._failed and not self._started:
            self._started = True
            threading.Thread(target=self.get, name="safety-layer2-load", daemon=True).start()

    def _load_or_fit(self) -> Any:
        pairs = load_examples()
        key = _data_hash(pairs)
        path = cache_dir() / f"layer2-{key}.pkl"
        if path.exists():
            try:
                with path.open("rb") as handle:
                    model = pickle.load(handle)
                self.source = "cache"
                return model
            except Exception:
                log.warning("safety model cache unreadable; fitting again")
        model = build_model(pairs)
        self.source = "fitted"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            for old in path.parent.glob("layer2-*.pkl"):
                old.unlink(missing_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as handle:
                pickle.dump(model, handle)
            tmp.chmod(0o600)
            tmp.replace(path)
        except OSError:
            log.warning("could not cache the safety model in %s", path.parent)
        return model

    def predict(self, text: str) -> Prediction | None:
        model = self.get(wait=False)
        if model is None:
            return None
        best = model.predict(features(text))
        from_window = False
        if len(text) > LONG_MESSAGE:
            for window in windows(text):
                part = model.predict(features(window))
                if _danger(part) > _danger(best):
                    best, from_window = part, True
        return Prediction(dict(best), from_window)


_LAYER2 = _Layer2()


def predict(text: str) -> Prediction | None:
    """Layer 2's view of one message, or ``None`` when the model is unavailable."""
    try:
        return _LAYER2.predict(text)
    except Exception:  # pragma: no cover - a model bug must not break the conversation
        log.exception("safety layer 2 failed on a message")
        return None


def warm_up() -> float:
    """Load (or fit and cache) the model now; returns the seconds it took."""
    _LAYER2.get()
    return _LAYER2.load_seconds


def warm_up_in_background() -> None:
    """Start loading the model in a thread; until it is ready layer 1 decides alone."""
    _LAYER2.start_background_load()


def wait_for_layer2(timeout: float) -> bool:
    """At start-up: wait (at most ``timeout`` s) for the load under way; whether it is ready."""
    return _LAYER2.wait_settled(timeout)


def layer2_ready() -> bool:
    """Whether the model is loaded (never starts a load)."""
    return _LAYER2.ready
