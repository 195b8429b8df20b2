"""One logging format for every process we start; optional JSON lines; size-rotated files."""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_BACKUPS = 5


class JsonFormatter(logging.Formatter):
    """One JSON object per line (LOG_FORMAT=json), for log shippers; same fields as the text form."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(
    level: str = "INFO",
    *,
    file: Path | None = None,
    fmt: str | None = None,
    max_bytes: int | None = None,
    backups: int | None = None,
) -> None:
    """Log to stderr, or to ``file`` (terminal chat mode, so logs don't interleave with the chat).

    ``fmt`` is "text" or "json" (default: LOG_FORMAT); a file rotates at ``max_bytes``
    (LOG_MAX_BYTES, 0 = never) keeping ``backups`` old files (LOG_BACKUPS).
    """
    fmt = (fmt or os.environ.get("LOG_FORMAT", "") or "text").strip().lower()
    handlers: list[logging.Handler] = []
    if file is not None:
        file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                file,
                maxBytes=_env_int("LOG_MAX_BYTES", DEFAULT_MAX_BYTES)
                if max_bytes is None
                else max_bytes,
                backupCount=_env_int("LOG_BACKUPS", DEFAULT_BACKUPS)
                if backups is None
                else backups,
                encoding="utf-8",
            )
        )
    else:
        handlers.append(logging.StreamHandler())
    formatter = (
        JsonFormatter()
        if fmt == "json"
        else logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    )
    for handler in handlers:
        handler.setFormatter(formatter)
    logging.basicConfig(level=getattr(logging, level, logging.INFO), handlers=handlers, force=True)
    # httpx logs every request URL at INFO, and Telegram URLs contain the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def _env_int(name: str, default: int) -> int:
    try:
        return max(0, int(os.environ.get(name, "").strip() or default))
    except ValueError:
        return default


class RotatingWriter:
    """Appends raw lines (a child's output) to ``path``; at ``max_bytes`` it rotates like
    RotatingFileHandler: path → path.1 → … → path.<backups>, the oldest dropped."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        self.path = path
        self.max_bytes = max_bytes
        self.backups = backups
        self._lock = threading.Lock()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file = path.open("ab")

    def write(self, line: bytes) -> None:
        with self._lock:
            if (
                self.max_bytes
                and self._file.tell() + len(line) > self.max_bytes
                and self._file.tell()
            ):
                self._rotate()
            self._file.write(line)
            self._file.flush()

    def _rotate(self) -> None:
        self._file.close()
        if self.backups > 0:
            for index in range(self.backups - 1, 0, -1):
                older = self.path.with_name(f"{self.path.name}.{index}")
                if older.exists():
                    older.replace(self.path.with_name(f"{self.path.name}.{index + 1}"))
            self.path.replace(self.path.with_name(f"{self.path.name}.1"))
        else:
            self.path.unlink(missing_ok=True)
        self._file = self.path.open("ab")

    def close(self) -> None:
        with self._lock:
            self._file.close()

    def __enter__(self) -> RotatingWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
