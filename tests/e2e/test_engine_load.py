"""engine/rasa_server.py loads the TensorFlow models without Rasa's training step: the model it
loads must predict exactly what Rasa's own load predicts (intents, rankings, FAQ answers, their
confidences), for the trained model in models/; its tracker cache must keep Rasa's rows."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"
MODEL = ROOT / "models" / "joinus.tar.gz"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not RASA_PYTHON.exists() or not MODEL.exists(),
        reason="needs the Rasa environment and a trained model (run `make train`)",
    ),
]


def _load(tmp_path: Path, *flags: str) -> tuple[dict[str, float], list[dict[str, object]]]:
    out = tmp_path / ("stock.json" if flags else "fast.json")
    env = {
        **os.environ,
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONWARNINGS": "ignore",
        "RASA_TELEMETRY_ENABLED": "false",
    }
    run = subprocess.run(
        [str(RASA_PYTHON), "engine/check_load.py", str(MODEL), "--out", str(out), *flags],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=True,
    )
    timings = json.loads(run.stdout.strip().splitlines()[-1])["cpu_seconds"]
    return timings, json.loads(out.read_text())


def test_fast_model_load_predicts_exactly_what_rasas_own_load_predicts(tmp_path: Path) -> None:
    stock_cpu, stock = _load(tmp_path, "--stock")
    fast_cpu, fast = _load(tmp_path)
    assert fast == stock
    # It is faster, or there would be no reason for it (CPU seconds, whatever the load).
    assert fast_cpu["load model"] < stock_cpu["load model"]
    print(
        f"\nmodel load CPU: Rasa's own {stock_cpu['load model']:.1f} s, "
        f"engine/rasa_server.py {fast_cpu['load model']:.1f} s"
    )


def test_tracker_cache_keeps_rasas_rows_and_the_database_as_the_truth() -> None:
    """engine/tracker_cache.py writes Rasa's rows, reads back Rasa's trackers, and sees another
    engine's turn, an erasure, a retention purge, an unsaved turn and a restart."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "RASA_TELEMETRY_ENABLED": "false"}
    run = subprocess.run(
        [str(RASA_PYTHON), "engine/check_tracker_cache.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["ok"], result
    assert result["hits"] > 0
