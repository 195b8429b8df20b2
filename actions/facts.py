"""The facts file, opened lazily once per action-server process (not at import time)."""

from __future__ import annotations

from functools import lru_cache

from bot.facts import Facts
from bot.settings import load_settings


@lru_cache(maxsize=1)
def facts() -> Facts:
    return Facts(load_settings().facts_file)
