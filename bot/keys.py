"""Secrets that the assistant may generate itself on first run, stored with owner-only permissions."""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def load_or_create_secret(path: Path, from_env: str | None, *, nbytes: int = 32) -> bytes:
    """Return the secret from the environment, else from ``path``, else create it there.

    Creation uses O_EXCL so two processes starting at once cannot end up with different keys:
    the loser of the race simply reads the winner's file.
    """
    if from_env:
        return from_env.encode()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        value = path.read_text().strip()
        if value:
            return value.encode()
        raise
    with os.fdopen(fd, "w") as handle:
        value = secrets.token_urlsafe(nbytes)
        handle.write(value + "\n")
    return value.encode()
