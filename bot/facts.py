"""The staff-editable facts file (content/facts.yml): read on demand, reloaded when it changes."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)


class Facts:
    """Read-through cache of the facts YAML; a broken edit keeps serving the last good version."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._mtime: float | None = None
        self._data: dict[str, Any] = {}

    def data(self) -> dict[str, Any]:
        with self._lock:
            try:
                mtime = self._path.stat().st_mtime
            except OSError:
                log.warning(
                    "facts file %s is missing; answers will say they do not know", self._path
                )
                return self._data
            if mtime != self._mtime:
                try:
                    loaded = yaml.safe_load(self._path.read_text(encoding="utf-8")) or {}
                    if not isinstance(loaded, dict):
                        raise ValueError("top level must be a mapping")
                    self._data = loaded
                except (OSError, ValueError, yaml.YAMLError) as exc:
                    log.error(
                        "facts file %s is invalid (%s); keeping the previous version",
                        self._path,
                        exc,
                    )
                self._mtime = mtime
            return self._data

    def get(self, dotted: str) -> Any:
        """Look up ``a.b.c``; an empty string or missing key gives None (meaning: we don't know)."""
        node: Any = self.data()
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        if node == "" or node == []:
            return None
        return node
