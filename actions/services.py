"""The lead services of the action server, opened lazily once per process (not at import time).

Actions reach the database only through :func:`lead_services`; tests swap in their own with
:func:`use`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.core.crypto import Cipher
from bot.core.settings import Settings, load_settings
from bot.leads.service import LeadService
from bot.pipeline.tracker import TrackerStore
from bot.privacy.drafts import DraftService
from bot.privacy.rights import PrivacyService
from bot.storage.db import Database


@dataclass(frozen=True)
class LeadServices:
    settings: Settings
    leads: LeadService
    privacy: PrivacyService
    drafts: DraftService
    tracker: TrackerStore

    @classmethod
    def open(cls, settings: Settings) -> LeadServices:
        database = Database(settings.database_url)
        cipher = Cipher.from_settings(settings)
        leads = LeadService(database, cipher, settings)
        return cls(
            settings,
            leads,
            PrivacyService(database, cipher, settings, leads),
            DraftService(database, cipher),
            TrackerStore(settings.tracker_store_url),
        )


_override: list[LeadServices] = []


@lru_cache(maxsize=1)
def _default() -> LeadServices:
    return LeadServices.open(load_settings())


def lead_services() -> LeadServices:
    return _override[-1] if _override else _default()


def use(services: LeadServices | None) -> None:
    """Tests: make the actions use ``services`` (``None`` restores the default)."""
    _override.clear()
    if services is not None:
        _override.append(services)
