"""The `alembic` command with the top-level alembic.ini, as an Alembic user would run it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine, inspect

ROOT = Path(__file__).resolve().parents[2]
ALEMBIC = Path(sys.executable).parent / "alembic"
HEADS = {
    "0002_insights",
    "0006_privacy",
    "0007_security",
    "0008_chat_migrations",
    "0009_console",
    "0010_safety_memory",
}


def _alembic(*args: str, ini: Path, db: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "JOINUS_DATA_DIR": str(db.parent / "data"),
        "PYTHONPATH": str(ROOT),  # this checkout's bot package, also from another directory
    }
    return subprocess.run(
        [str(ALEMBIC), "-c", str(ini), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _current(ini: Path, db: Path, cwd: Path) -> set[str]:
    result = _alembic("current", ini=ini, db=db, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return {line.split()[0] for line in result.stdout.splitlines() if line.strip()}


def test_upgrade_heads_from_the_repository_root(tmp_path: Path) -> None:
    db = tmp_path / "joinus.db"
    result = _alembic("upgrade", "heads", ini=ROOT / "alembic.ini", db=db, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "Running upgrade 0001_foundation -> 0003_leads" in result.stderr  # Alembic's log lines
    assert _current(ROOT / "alembic.ini", db, ROOT) >= HEADS
    tables = set(inspect(create_engine(f"sqlite:///{db}")).get_table_names())
    assert {"leads", "amb_tasks", "outbox", "alembic_version"} <= tables
    again = _alembic("upgrade", "heads", ini=ROOT / "alembic.ini", db=db, cwd=ROOT)
    assert again.returncode == 0 and "Running upgrade" not in again.stderr


def test_new_revision_on_a_feature_branch_is_named_formatted_and_applied(tmp_path: Path) -> None:
    # A copy of the migrations, so the new revision file is not written into the repository.
    scripts = tmp_path / "migrations"
    shutil.copytree(ROOT / "bot" / "storage" / "migrations", scripts)
    ini = tmp_path / "alembic.ini"
    text = (ROOT / "alembic.ini").read_text(encoding="utf-8")
    ini.write_text(
        text.replace("%(here)s/bot/storage/migrations", str(scripts)).replace(
            "prepend_sys_path = %(here)s", f"prepend_sys_path = {ROOT}"
        ),
        encoding="utf-8",
    )
    db = tmp_path / "joinus.db"
    assert _alembic("upgrade", "heads", ini=ini, db=db, cwd=tmp_path).returncode == 0

    several = _alembic("revision", "-m", "wishes", ini=ini, db=db, cwd=tmp_path)
    assert several.returncode != 0 and "Multiple heads" in several.stdout + several.stderr

    made = _alembic(
        "revision", "-m", "wishes list", "--head", "0004_ambassadors", "--rev-id", "0010_wishes",
        ini=ini, db=db, cwd=tmp_path,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    script = scripts / "versions" / "0010_wishes.py"
    source = script.read_text(encoding="utf-8")
    assert 'down_revision = "0004_ambassadors"' in source  # formatted by the post-write hook
    lint = subprocess.run(
        [str(Path(sys.executable).parent / "ruff"), "check", "--config", str(ROOT / "pyproject.toml"),
         "--select", "I,E,W", str(script)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert lint.returncode == 0, lint.stdout

    assert _alembic("upgrade", "heads", ini=ini, db=db, cwd=tmp_path).returncode == 0
    current = _current(ini, db, tmp_path)
    assert "0010_wishes" in current and "0004_ambassadors" not in current
