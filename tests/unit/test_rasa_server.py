"""engine/rasa_server.py: the once-built action response validator judges exactly like Rasa's."""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any

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


def _run_in_rasa_env(script: str) -> Any:
    """Runs ``script`` with .venv-rasa's Python; returns the JSON of its last output line."""
    result = subprocess.run(
        [str(RASA_PYTHON), "-c", script],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "ignore", "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not RASA_PYTHON.exists(), reason="needs the Rasa environment (.venv-rasa)")
def test_patched_validation_gives_the_same_verdicts_and_messages() -> None:
    before, after = _run_in_rasa_env(SCRIPT)
    assert before == after
    assert after[0] is True and "is not of type" in after[1]  # valid passes, invalid is refused


STARTUP_SCRIPT = r"""
import io, json, logging, os, sqlite3, sys, tarfile, tempfile
from pathlib import Path
sys.path.insert(0, "engine")
import rasa_server
rasa_server.install()
out = {}

# 2: log-only deep copies are skipped unless debug logging is on.
from rasa.core import processor
value = {"a": [1, 2]}
logging.getLogger("rasa").setLevel(logging.INFO)
out["copy_when_info"] = processor.copy.deepcopy(value) is value
logging.getLogger("rasa").setLevel(logging.DEBUG)
copied = processor.copy.deepcopy(value)
out["copy_when_debug"] = copied == value and copied is not value

# 5: the archive is unpacked once; later starts get the same files, hard-linked.
from rasa.engine.storage.local_model_storage import LocalModelStorage
root = Path(tempfile.mkdtemp())
(root / "src" / "components").mkdir(parents=True)
(root / "src" / "components" / "weights.bin").write_bytes(b"w" * 1000)
(root / "src" / "metadata.json").write_text("{}")
archive = root / "models" / "m.tar.gz"
archive.parent.mkdir()
with tarfile.open(archive, "w:gz") as tar:
    tar.add(root / "src", arcname=".")
first, second = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
LocalModelStorage._extract_archive_to_directory(archive, first)
cached = list((archive.parent / ".unpacked").iterdir())
LocalModelStorage._extract_archive_to_directory(archive, second)
def files(directory):
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*"))
out["same_files"] = files(first) == files(second) == [
    "components", "components/weights.bin", "metadata.json"
]
out["one_cache"] = len(cached) == 1 and len(list((archive.parent / ".unpacked").iterdir())) == 1
out["linked"] = (second / "components" / "weights.bin").stat().st_nlink >= 2
# Where no cache can be made (here a file stands where its directory would be, which also
# stops root), Rasa unpacks into the temporary directory as before.
other = root / "elsewhere" / "m.tar.gz"
other.parent.mkdir()
other.write_bytes(archive.read_bytes())
(other.parent / ".unpacked").write_text("not a directory")
third = Path(tempfile.mkdtemp())
LocalModelStorage._extract_archive_to_directory(other, third)
out["no_cache_fallback"] = files(third) == files(first) and not any(
    p.stat().st_nlink > 1 for p in third.rglob("*") if p.is_file()
)

# 6: WAL files get synchronous=NORMAL, others keep SQLite's default.
from sqlalchemy import create_engine, text
wal = root / "wal.db"
connection = sqlite3.connect(wal); connection.execute("PRAGMA journal_mode=WAL"); connection.close()
with create_engine(f"sqlite:///{wal}").connect() as conn:
    out["wal_normal"] = conn.execute(text("PRAGMA synchronous")).scalar() == 1
with create_engine(f"sqlite:///{root / 'plain.db'}").connect() as conn:
    out["plain_full"] = conn.execute(text("PRAGMA synchronous")).scalar() == 2
print(json.dumps(out))
"""


@pytest.mark.skipif(not RASA_PYTHON.exists(), reason="needs the Rasa environment (.venv-rasa)")
def test_start_up_and_tracker_store_fixes_keep_rasas_behaviour() -> None:
    checks = _run_in_rasa_env(STARTUP_SCRIPT)
    assert checks == {name: True for name in checks} and len(checks) == 8, checks
