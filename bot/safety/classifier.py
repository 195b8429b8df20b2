"""Layer 2 of the safety net: a calibrated linear model on word and character n-grams.

The deterministic rules (layer 1) only know the phrasings their authors foresaw. This model
generalises from examples: ``bot/safety/data/*.txt`` (one label per file, see its README)
plus the project's own sets in ``tests/safety/`` when present (crisis messages are labelled
by layer 1's categories, everyday messages as ``none``).

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
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .normalise import normalise

__all__ = [
    "DANGER_LABELS",
    "LABELS",
    "Prediction",
    "build_model",
    "load_examples",
    "predict",
    "warm_up",
]

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
_PROJECT_ROOT = Path(__file__).resolve().parents[2]
_PROJECT_SETS = _PROJECT_ROOT / "tests" / "safety"
# Bump when the features or the model change: the cache key includes it.
MODEL_VERSION = "1"

# One label per data file; "none" is negative.txt plus the project's everyday set.
LABELS = ("acute", "crisis", "abuse", "ambiguous", "distress", "grief", "none")
DANGER_LABELS = ("acute", "crisis", "abuse")
_FILES = {
    "acute.txt": "acute",
    "crisis.txt": "crisis",
    "abuse.txt": "abuse",
    "ambiguous.txt": "ambiguous",
    "distress.txt": "distress",
    "grief.txt": "grief",
    "negative.txt": "none",
}


@dataclass(frozen=True)
class Prediction:
    """Calibrated probabilities per label (they sum to 1)."""

    probabilities: dict[str, float]

    @property
    def danger(self) -> float:
        """Probability that the message is acute danger, a suicidal crisis or abuse."""
        return sum(self.probabilities.get(label, 0.0) for label in DANGER_LABELS)

    def top(self, labels: Iterable[str] = LABELS) -> str:
        return max(labels, key=lambda label: self.probabilities.get(label, 0.0))


def _read(path: Path) -> list[str]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [t.strip() for t in lines if t.strip() and not t.lstrip().startswith("#")]


def _project_examples() -> list[tuple[str, str]]:
    """The project's own crisis and everyday sets, labelled via layer 1's categories."""
    from .detector import assess_rules
    from .model import CrisisCategory

    out: list[tuple[str, str]] = []
    for text in _read(_PROJECT_SETS / "crisis_messages.txt"):
        cats = set(assess_rules(text).categories)
        if CrisisCategory.ACUTE_DANGER in cats:
            label = "acute"
        elif cats & {CrisisCategory.ABUSE, CrisisCategory.DOMESTIC_VIOLENCE} and not cats & {
            CrisisCategory.SUICIDE,
            CrisisCategory.SELF_HARM,
        }:
            label = "abuse"
        else:
            label = "crisis"
        out.append((text, label))
    out += [(text, "none") for text in _read(_PROJECT_SETS / "everyday_messages.txt")]
    return out


def load_examples(data_dir: Path = DATA_DIR, *, project_sets: bool = True) -> list[tuple[str, str]]:
    """(text, label) pairs in a fixed order; a text in two files keeps its first label."""
    pairs: list[tuple[str, str]] = []
    for name, label in _FILES.items():
        pairs += [(text, label) for text in _read(data_dir / name)]
    if project_sets:
        pairs += _project_examples()
    seen: set[str] = set()
    unique: list[tuple[str, str]] = []
    for text, label in pairs:
        key = normalise(text)
        if key and key not in seen:
            seen.add(key)
            unique.append((text, label))
    return unique


def features(text: str) -> str:
    """What the model reads: the canonical normalised text (see ``normalise``)."""
    return normalise(text)


def build_model(pairs: Sequence[tuple[str, str]], c: float = 1.0) -> Any:
    """A fitted scikit-learn pipeline: tf-idf word 1-2-grams + char_wb 2-5-grams -> a linear
    SVM with sigmoid-calibrated probabilities (one-vs-rest over ``LABELS``).

    Chosen on a validation split of the training data (``safety_eval --validate``): as good
    as logistic regression at the same false-alarm rate, and 5-20x faster to fit.
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.svm import LinearSVC
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import FeatureUnion, Pipeline

    texts = [features(t) for t, _ in pairs]
    labels = [label for _, label in pairs]
    union = FeatureUnion(
        [
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                     token_pattern=r"(?u)\b\w+\b")),
            ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                     min_df=1)),
        ]
    )
    linear = LinearSVC(C=c, class_weight="balanced", random_state=0, max_iter=5000)
    # Fixed, unshuffled folds: the same data always gives the same model.
    calibrated = CalibratedClassifierCV(
        linear, method="sigmoid", cv=StratifiedKFold(n_splits=3, shuffle=False)
    )
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


class _Layer2:
    """The loaded model, created once per process (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: Any = None
        self._classes: tuple[str, ...] = ()
        self._failed = False
        self.load_seconds = 0.0
        self.source = ""

    def get(self) -> Any:
        if self._model is not None or self._failed:
            return self._model
        with self._lock:
            if self._model is None and not self._failed:
                started = time.perf_counter()
                try:
                    self._model = self._load_or_fit()
                    self._classes = tuple(str(c) for c in self._model.classes_)
                except Exception:
                    log.exception("safety layer 2 unavailable; layer 1 decides alone")
                    self._failed = True
                self.load_seconds = time.perf_counter() - started
        return self._model

    def _load_or_fit(self) -> Any:
        pairs = load_examples()
        key = _data_hash(pairs)
        path = cache_dir() / f"layer2-{key}.pkl"
        if path.exists():
            try:
                with path.open("rb") as handle:
                    model = pickle.load(handle)  # noqa: S301 - our own file, mode 0600
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
            tmp = path.with_suffix(".tmp")
            with tmp.open("wb") as handle:
                pickle.dump(model, handle)
            tmp.chmod(0o600)
            tmp.replace(path)
        except OSError:
            log.warning("could not cache the safety model in %s", path.parent)
        return model

    def predict(self, text: str) -> Prediction | None:
        model = self.get()
        if model is None:
            return None
        probs = model.predict_proba([features(text)])[0]
        return Prediction({label: float(p) for label, p in zip(self._classes, probs, strict=True)})


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
