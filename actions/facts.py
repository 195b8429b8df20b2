"""The facts (file defaults + console overrides), opened lazily once per action-server process."""

from __future__ import annotations

from functools import lru_cache

from bot.answers.facts import Facts
from bot.core.settings import load_settings
from bot.storage.db import Database


@lru_cache(maxsize=1)
def facts() -> Facts:
    settings = load_settings()
    return Facts(settings.facts_file, Database(settings.database_url))
