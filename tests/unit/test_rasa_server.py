"""engine/rasa_server.py: the once-built action response validator judges exactly like Rasa's."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from bot.core.settings import PROJECT_ROOT

RASA_PYTHON = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"

SCRIPT = """
import json, sys
sys.path.insert(0, "engine")
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
import rasa_server

action = RemoteAction("action_x", None)
cases = [
    {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hoi"}]},
    {"events": "nope"},
    {"events": [{"event": 3}]},
    {},
]

def judge():
    out = []
    for case in cases:
        try:
            out.append(action._validate_action_result(case))
        except ValidationError as exc:
            out.append(exc.message)
    return out

before = judge()
rasa_server.install()
print(json.dumps([before, judge()]))
"""


@pytest.mark.skipif(not RASA_PYTHON.exists(), reason="needs the Rasa environment (.venv-rasa)")
def test_patched_validation_gives_the_same_verdicts_and_messages() -> None:
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", SCRIPT],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONWARNINGS": "ignore", "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    before, after = json.loads(result.stdout.strip().splitlines()[-1])
    assert before == after
    assert after[0] is True and "is not of type" in after[1]  # valid passes, invalid is refused
