"""Starts Rasa Open Source 3.6 (``rasa run ...``, in .venv-rasa) with speed fixes applied.

Each fix keeps Rasa's behaviour and verdicts; each is measured in /work/notes and README's
"Speed and scale":

1. Rasa checks every action server response with ``jsonschema.validate(result, spec)``. That
   function first re-validates Rasa's own, fixed ``spec`` against the JSON Schema meta-schema,
   on every call: about 14 ms of CPU per custom action on a 2-core machine. Here the validator
   is built once; a bad response raises the same ``ValidationError`` with the same message.
2. Rasa 3.6 deep-copies the tracker states, events and parse data it passes to
   ``structlogger.debug(...)`` on every prediction, also when debug logging is off (the
   arguments are built before the logger drops the call). The copies grow with the
   conversation. Here those log-only copies are skipped unless debug logging is on.
3. Loading a TensorFlow model (DIET, each ResponseSelector) runs one *training* step on an
   example only to create the variables before the saved weights replace them: Keras traces
   and compiles the whole training graph with gradients and optimizer, seconds of CPU per
   model at every start. Here the variables are created by one forward pass of the same loss
   (eager, no gradients), then the same saved weights are loaded; the prediction graph is
   built exactly as before. Predictions are identical (engine/check_load.py compares them).
4. The prediction graph is traced without AutoGraph: Rasa's ``predict_step`` has only Python
   (not tensor) conditions and loops, so AutoGraph's source rewriting of every layer only costs
   time (a quarter of a start); the traced graph computes the same.
5. ``rasa run`` unpacks the whole model archive (hundreds of MB, gzip) at every start. Here it
   is unpacked once into ``models/.unpacked/`` (keyed by the archive's size and modification
   time) and each start hard-links the files from there; where that directory cannot be
   written (a read-only image), Rasa unpacks as before.
6. With the SQLite tracker store (one machine; the supervisor puts the file in WAL mode),
   Rasa's connections use ``synchronous=NORMAL``: a commit no longer waits for an fsync on
   the engine's only event loop, which blocked every other conversation meanwhile. In WAL mode
   the database stays consistent after a crash; a power cut can lose the last turns written.
   PostgreSQL is untouched.
7. Rasa's SQL tracker store re-reads and re-parses the whole conversation session on every
   message and counts the stored events before each save, and with SQLite it opens and closes
   a connection (closing the last one checkpoints the WAL file, with fsyncs) every time. Here
   (engine/tracker_cache.py) SQLite connections are pooled and each engine answers a retrieve
   from memory when one indexed query shows the conversation unchanged in the database (so
   another engine's turn, an erasure, a purge or a restart are always seen); saves write the
   same rows. Rasa CPU per turn 68 -> 38 ms on the same run (engine/check_tracker_cache.py
   compares it with Rasa's own store).
8. DIET and each ResponseSelector combine the same message's sparse features (a scipy
   ``hstack`` of the n-gram matrices) again; here a message combines them once per request
   and hands every classifier the same read-only result.
9. Each prediction call of a ``tf.function`` matches its inputs against the signature and
   looks up the traced graph (about a third of the TensorFlow time of a turn for these small
   models). The signature is fixed (fix 4 traces it once), so the one traced graph is called
   with the inputs as tensors of the signature's types: the same graph, the same outputs
   (engine/check_load.py: identical predictions and confidences).

Runs under Python 3.10 in .venv-rasa: it imports Rasa, never our ``bot`` package.
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import sys
import tempfile
import types
from pathlib import Path
from typing import Any

from jsonschema import ValidationError, validators
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from rasa.core.actions import action
from rasa.shared.constants import DOCS_BASE_URL

_validator: Validator | None = None


def _validate_action_result(self: action.RemoteAction, result: dict[str, Any]) -> bool:
    global _validator
    if _validator is None:
        spec = self.action_response_format_spec()
        cls = validators.validator_for(spec)
        cls.check_schema(spec)  # once, not on every response
        _validator = cls(spec)
    error: ValidationError | None = best_match(_validator.iter_errors(result))
    if error is not None:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


def _copy_for_debug_log(value: Any) -> Any:
    """``copy.deepcopy`` when debug logging is on (the log then shows a snapshot), else the
    value itself: the argument is dropped with the debug call, nothing reads it."""
    if logging.getLogger("rasa").isEnabledFor(logging.DEBUG):
        return copy.deepcopy(value)
    return value


# The modules whose only use of ``copy`` is ``copy.deepcopy(...)`` of structlogger.debug
# arguments (checked for Rasa 3.6.21; see install()).
_LOG_ONLY_COPY_MODULES = (
    "rasa.core.processor",
    "rasa.core.policies.memoization",
    "rasa.core.policies.rule_policy",
)


def _skip_log_only_copies() -> None:
    import importlib

    shim = types.SimpleNamespace(deepcopy=_copy_for_debug_log, copy=copy.copy)
    for name in _LOG_ONLY_COPY_MODULES:
        module = importlib.import_module(name)
        if getattr(module, "copy", None) is copy:
            module.copy = shim  # type: ignore[attr-defined]


def _install_fast_model_load() -> None:
    import tensorflow as tf
    from rasa.utils.tensorflow import models
    from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
    from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator

    original = models.RasaModel.load.__func__  # type: ignore[attr-defined]

    def load(
        cls: Any,
        model_file_name: str,
        model_data_example: Any,
        predict_data_example: Any = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if finetune_mode:  # training goes on from these weights: Rasa's own way
            return original(
                cls,
                model_file_name,
                model_data_example,
                predict_data_example,
                finetune_mode,
                *args,
                **kwargs,
            )
        model = cls(*args, **kwargs)
        config = kwargs.get("config", {})
        # Compiled as before, so the model's trackable structure (and so the checkpoint's
        # object graph it is matched against) is the same.
        model.compile(
            optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
            run_eagerly=config.get(RUN_EAGERLY),
        )
        batch_in = RasaBatchDataGenerator(model_data_example, batch_size=1)[0][0]
        model._training = True  # the training-phase forward pass creates every variable
        model.batch_loss(batch_in)
        model._training = None
        # The optimizer's slots in the checkpoint have no variables here (never needed for
        # prediction): a partial restore, said so to silence TensorFlow's warning about them.
        model.load_weights(model_file_name).expect_partial()
        if predict_data_example:
            model.run_inference(predict_data_example)  # traces the prediction graph, as before
        return model

    models.RasaModel.load = classmethod(load)  # type: ignore[method-assign, assignment]


def _install_predict_without_autograph() -> None:
    import tensorflow as tf
    from keras.utils import tf_utils
    from rasa.shared.constants import DIAGNOSTIC_DATA
    from rasa.utils.tensorflow import models

    original = models.RasaModel._rasa_predict

    def _rasa_predict(self: Any, batch_in: Any) -> Any:
        if self._run_eagerly:
            return original(self, batch_in)
        self._training = False
        if not self.prepared_for_prediction:  # as Rasa's own _rasa_predict does first
            self.prepare_for_predict()
            self.prepared_for_prediction = True
        if self._tf_predict_step is None:
            signature = self._dynamic_signature(batch_in)
            self._tf_predict_step = tf.function(
                self.predict_step, input_signature=signature, autograph=False
            )
            # Fix 9: the one graph of this signature, called with its flat inputs: what
            # tf.function does per call after matching the inputs to the signature.
            self._joinus_predict = self._tf_predict_step.get_concrete_function()
            self._joinus_dtypes = [spec.dtype for spec in signature[0]]
        concrete = getattr(self, "_joinus_predict", None)
        if concrete is None:
            return original(self, batch_in)
        flat = [
            tf.convert_to_tensor(value, dtype=dtype)
            for value, dtype in zip(batch_in, self._joinus_dtypes, strict=True)
        ]
        outputs = tf_utils.sync_to_numpy_or_python_type(
            concrete._call_flat(flat, concrete.captured_inputs)
        )
        if DIAGNOSTIC_DATA in outputs:
            outputs[DIAGNOSTIC_DATA] = self._empty_lists_to_none_in_dict(outputs[DIAGNOSTIC_DATA])
        return outputs

    models.RasaModel._rasa_predict = _rasa_predict  # type: ignore[method-assign]


def _link_tree(source: Path, target: Path) -> None:
    """``target`` gets the files of ``source`` as hard links (copies across file systems)."""
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if relative == Path(_COMPLETE):
            continue
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, destination)
        except OSError:
            shutil.copy2(path, destination)


_COMPLETE = ".complete"


def _install_unpacked_model_cache() -> None:
    from rasa.engine.storage.local_model_storage import LocalModelStorage

    original = LocalModelStorage._extract_archive_to_directory

    def extract(model_archive_path: Any, temporary_directory: Path) -> None:
        archive = Path(model_archive_path)
        try:
            stat = archive.stat()
            cache_root = archive.parent / ".unpacked"
            cache = cache_root / f"{archive.name}-{stat.st_size}-{stat.st_mtime_ns}"
            if not (cache / _COMPLETE).exists():
                cache_root.mkdir(exist_ok=True)
                staging = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=cache_root))
                original(archive, staging)
                (staging / _COMPLETE).touch()
                try:
                    staging.rename(cache)
                except OSError:  # another engine instance unpacked it at the same time
                    shutil.rmtree(staging, ignore_errors=True)
                for old in cache_root.glob(f"{archive.name}-*"):
                    if old != cache:  # an earlier version of this model
                        shutil.rmtree(old, ignore_errors=True)
        except OSError:
            original(archive, temporary_directory)  # e.g. a read-only models directory
            return
        _link_tree(cache, Path(temporary_directory))

    LocalModelStorage._extract_archive_to_directory = staticmethod(extract)  # type: ignore[method-assign, assignment]


def _install_sqlite_without_fsync_per_turn() -> None:
    import sqlite3

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    @event.listens_for(Engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        if isinstance(dbapi_connection, sqlite3.Connection):
            mode = dbapi_connection.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() == "wal":  # only where a crash cannot corrupt the file
                dbapi_connection.execute("PRAGMA synchronous=NORMAL")


def _install_shared_sparse_features() -> None:
    from rasa.shared.nlu.training_data.message import Message

    original = Message.get_sparse_features

    def get_sparse_features(
        self: Message, attribute: str, featurizers: list[str] | None = None
    ) -> Any:
        # Keyed by the request and by how many features the message holds (a featurizer that
        # adds one makes every earlier result stale).
        key = (attribute, tuple(featurizers or ()), len(self.features))
        memo = self.__dict__.setdefault("_joinus_sparse", {})
        if key not in memo:
            memo[key] = original(self, attribute, featurizers)
        return memo[key]

    Message.get_sparse_features = get_sparse_features  # type: ignore[method-assign]


def _install_tracker_cache() -> None:
    here = str(Path(__file__).resolve().parent.parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    from engine import tracker_cache

    tracker_cache.install()


def install() -> None:
    action.RemoteAction._validate_action_result = _validate_action_result  # type: ignore[method-assign]
    _skip_log_only_copies()
    _install_fast_model_load()
    _install_predict_without_autograph()
    _install_unpacked_model_cache()
    _install_sqlite_without_fsync_per_turn()
    _install_tracker_cache()
    _install_shared_sparse_features()


if __name__ == "__main__":
    install()
    from rasa.__main__ import main

    sys.argv[0] = "rasa"
    sys.exit(main())
