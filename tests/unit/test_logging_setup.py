"""Logs: JSON lines on request, and files that rotate by size (ours and the children's)."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

import pytest

from bot.core.errors import ConfigError
from bot.core.logging_setup import RotatingWriter, configure_logging
from bot.core.settings import load_settings
from bot.ops.supervisor import Service, Supervisor, child_environment


@pytest.fixture(autouse=True)
def _restore_logging() -> object:
    yield
    configure_logging("INFO")  # back to stderr, text, for the tests after this one


def test_json_lines_with_exception(tmp_path: Path) -> None:
    log_file = tmp_path / "bot.log"
    configure_logging("INFO", file=log_file, fmt="json")
    log = logging.getLogger("bot.test")
    log.info("hallo %s", "wereld")
    try:
        raise ValueError("boom")
    except ValueError:
        log.exception("it failed")
    lines = [json.loads(line) for line in log_file.read_text().splitlines()]
    assert lines[0]["message"] == "hallo wereld" and lines[0]["level"] == "INFO"
    assert lines[0]["logger"] == "bot.test" and lines[0]["time"].endswith("+00:00")
    assert "ValueError: boom" in lines[1]["exception"]


def test_text_log_file_rotates_by_size(tmp_path: Path) -> None:
    log_file = tmp_path / "bot.log"
    configure_logging("INFO", file=log_file, fmt="text", max_bytes=2000, backups=2)
    for i in range(200):
        logging.getLogger("bot.test").info("regel %03d %s", i, "x" * 40)
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["bot.log", "bot.log.1", "bot.log.2"]
    assert all(p.stat().st_size <= 2000 for p in tmp_path.iterdir())
    assert "regel 199" in log_file.read_text()


def test_rotating_writer_keeps_the_newest_and_at_most_n_backups(tmp_path: Path) -> None:
    path = tmp_path / "rasa.log"
    with RotatingWriter(path, max_bytes=100, backups=3) as writer:
        for i in range(40):
            writer.write(f"line {i:02d} ........\n".encode())  # 17 bytes
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["rasa.log", "rasa.log.1", "rasa.log.2", "rasa.log.3"]
    assert path.read_text().splitlines()[-1] == "line 39 ........"
    assert (tmp_path / "rasa.log.1").read_text().splitlines()[-1] == "line 34 ........"
    assert all(p.stat().st_size <= 100 for p in tmp_path.iterdir())
    with RotatingWriter(path, max_bytes=0, backups=3) as writer:  # 0 = never rotate
        for _ in range(20):
            writer.write(b"x" * 50 + b"\n")
    assert path.stat().st_size > 1000


def test_supervisor_child_logs_rotate(tmp_path: Path) -> None:
    settings = load_settings(
        {"JOINUS_DATA_DIR": str(tmp_path), "LOG_MAX_BYTES": "4096", "LOG_BACKUPS": "2"}
    )
    supervisor = Supervisor(settings, echo_logs=False)
    chatty = Service(
        "chatty",
        [sys.executable, "-c", "for i in range(2000): print(f'regel {i:04d}', flush=True)"],
        "http://127.0.0.1:9/",
    )
    supervisor.start(chatty, child_environment(settings))
    assert chatty.process is not None
    chatty.process.wait(timeout=20)
    deadline = time.monotonic() + 10
    log_dir = settings.log_dir
    while "regel 1999" not in (log_dir / "chatty.log").read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    supervisor.stop_all()
    assert sorted(p.name for p in log_dir.iterdir()) == [
        "chatty.log",
        "chatty.log.1",
        "chatty.log.2",
    ]
    assert all(p.stat().st_size <= 4096 for p in log_dir.iterdir())
    assert "regel 1999" in (log_dir / "chatty.log").read_text()


def test_log_settings_are_checked() -> None:
    ops = load_settings({"LOG_FORMAT": "JSON", "LOG_MAX_BYTES": "0"}).ops
    assert ops.log_format == "json" and ops.log_max_bytes == 0 and ops.log_backups == 5
    with pytest.raises(ConfigError, match="LOG_FORMAT"):
        load_settings({"LOG_FORMAT": "xml"})
    with pytest.raises(ConfigError, match="METRICS_PORT"):
        load_settings({"METRICS_PORT": "70000"})
