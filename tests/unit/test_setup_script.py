"""scripts/setup.sh must stop with a clear message when Python 3.10 (for Rasa) is missing."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_missing_python_310_stops_with_install_hint(tmp_path: Path) -> None:
    for rel in (
        "scripts/setup.sh",
        "pyproject.toml",
        "requirements/app.lock",
        "requirements/rasa.txt",
        "requirements/rasa.lock",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, tmp_path / rel)
    # Pretend our own environment is up to date, so only the Rasa environment is missing.
    stamp = hashlib.sha256(
        (tmp_path / "pyproject.toml").read_bytes()
        + (tmp_path / "requirements/app.lock").read_bytes()
    )
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / f".stamp-{stamp.hexdigest()[:16]}").touch()
    result = subprocess.run(
        ["bash", "scripts/setup.sh"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path / "home")},  # no pyenv, no python3.10
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "Python 3.10 is needed" in result.stderr
    assert "pyenv install 3.10" in result.stderr
    assert not (tmp_path / ".venv-rasa").exists()
