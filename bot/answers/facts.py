"""The facts young people ask about: content/facts.yml gives the defaults, values staff set in
the console (table ``fact_values``) override them.

Read on demand: the file is reloaded when it changes, the database overlay on every lookup, so
a value changed in the console is used at once by the bot and the action server. The crisis
lines are the exception: the crisis path never waits on anything, so ``crisis_lines`` are served
from the last overlay read (refreshed by every other lookup and by :meth:`Facts.refresh`).
"""

from __future__ import annotations

import copy
import json
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from bot.storage.db import Database

log = logging.getLogger(__name__)

# Lookups under these keys never touch the database (see the module docstring).
NEVER_WAIT = ("crisis_lines",)


def set_dotted(data: dict[str, Any], dotted: str, value: Any) -> None:
    node = data
    parts = dotted.split(".")
    for part in parts[:-1]:
        child = node.get(part)
        if not isinstance(child, dict):
            child = {}
            node[part] = child
        node = child
    node[parts[-1]] = value


class Facts:
    """Read-through cache of the facts YAML plus the console's overrides; a broken file edit
    or an unreachable database keeps serving the last good version."""

    def __init__(self, path: Path, database: Database | None = None) -> None:
        self._path = path
        self._db = database
        self._lock = threading.Lock()
        self._mtime: float | None = None
        self._file: dict[str, Any] = {}
        self._overlay: dict[str, Any] = {}
        self._merged: dict[str, Any] | None = None
        self._db_failed = False

    def _file_data(self) -> dict[str, Any]:
        try:
            mtime = self._path.stat().st_mtime
        except OSError:
            log.warning("facts file %s is missing; answers will say they do not know", self._path)
            return self._file
        if mtime != self._mtime:
            try:
                loaded = yaml.safe_load(self._path.read_text(encoding="utf-8")) or {}
                if not isinstance(loaded, dict):
                    raise ValueError("top level must be a mapping")
                self._file = loaded
                self._merged = None
            except (OSError, ValueError, yaml.YAMLError) as exc:
                log.error(
                    "facts file %s is invalid (%s); keeping the previous version", self._path, exc
                )
            self._mtime = mtime
        return self._file

    def refresh(self) -> None:
        """Read the console's overrides from the database (one small query)."""
        if self._db is None:
            return
        from sqlalchemy import select
        from sqlalchemy.exc import SQLAlchemyError

        from bot.storage.models_console import FactValue

        try:
            with self._db.session() as session:
                rows = session.execute(select(FactValue.key, FactValue.value)).all()
        except SQLAlchemyError as exc:
            if not self._db_failed:  # once per outage, not once per question
                log.warning(
                    "facts overrides unreadable (%s); using the last ones", type(exc).__name__
                )
            self._db_failed = True
            return
        self._db_failed = False
        overlay = {}
        for key, raw in rows:
            try:
                overlay[key] = json.loads(raw)
            except ValueError:
                continue
        with self._lock:
            if overlay != self._overlay:
                self._overlay, self._merged = overlay, None

    def data(self, *, wait: bool = True) -> dict[str, Any]:
        """Defaults merged with the overrides; ``wait=False`` skips the database read."""
        if wait:
            self.refresh()
        with self._lock:
            base = self._file_data()
            if self._merged is None:
                merged = copy.deepcopy(base)
                for key, value in self._overlay.items():
                    set_dotted(merged, key, value)
                self._merged = merged
            return self._merged

    def get(self, dotted: str) -> Any:
        """Look up ``a.b.c``; an empty string or missing key gives None (meaning: we don't know)."""
        node: Any = self.data(wait=not dotted.startswith(NEVER_WAIT))
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        if node == "" or node == []:
            return None
        return node

    def defaults(self) -> dict[str, Any]:
        """content/facts.yml alone (the console shows what a reset goes back to)."""
        with self._lock:
            return self._file_data()


class PreviewFacts(Facts):
    """``base`` with a few values replaced: what the assistant would answer after a change."""

    def __init__(self, base: Facts, changes: dict[str, Any]) -> None:
        super().__init__(base._path)
        self._base = base
        self._changes = changes

    def data(self, *, wait: bool = True) -> dict[str, Any]:
        merged = copy.deepcopy(self._base.data(wait=wait))
        for key, value in self._changes.items():
            set_dotted(merged, key, value)
        return merged
