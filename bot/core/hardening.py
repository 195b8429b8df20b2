"""Process hardening shared by every process of ours: private files, loopback-only engines.

Called first thing in the supervisor, the Telegram bot process, the action server and our
tools, so that databases, logs and keys under the data directory are never readable by other
users of the machine, whichever process happens to create them.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import MutableMapping
from pathlib import Path

from bot.core.errors import ConfigError
from bot.core.settings import LOOPBACK_HOSTS, Settings

PRIVATE_UMASK = 0o077
# Files directly in these folders of the data directory are tightened at start-up, for data
# directories created by versions that did not set the umask yet.
_PRIVATE_FILES = ("*.db", "*.db-wal", "*.db-shm", "*.key", "*.salt", "*.log")


def private_files() -> None:
    """New files and folders of this process (and its children) are for the owner only."""
    os.umask(PRIVATE_UMASK)


def secure_data_dir(settings: Settings) -> None:
    """Create the data, log and secrets folders private (0700) and tighten what is there."""
    for folder in (settings.data_dir, settings.log_dir, settings.secrets_dir):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _chmod(folder, 0o700)
        for pattern in _PRIVATE_FILES:
            for path in folder.glob(pattern):
                _chmod(path, 0o600)


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(PermissionError, FileNotFoundError):
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)


def guard_action_server(environ: MutableMapping[str, str]) -> None:
    """In the action server: bind to loopback unless ENGINE_ALLOW_PUBLIC=1 (rasa-sdk's own
    default is 0.0.0.0, every interface, and it has no authentication at all)."""
    host = environ.setdefault("SANIC_HOST", "127.0.0.1")
    allowed = environ.get("ENGINE_ALLOW_PUBLIC", "").strip().lower() in {"1", "true", "yes", "ja"}
    if host.lower() not in LOOPBACK_HOSTS and not allowed:
        raise ConfigError(
            f"the action server may only listen on loopback, not {host!r} "
            "(set ENGINE_ALLOW_PUBLIC=1 if that is really intended)"
        )


def running_as_action_server() -> bool:
    return bool(sys.argv) and "rasa_sdk" in sys.argv[0]
