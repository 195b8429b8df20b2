"""The school-request service of the action server, opened lazily once per process.

Actions reach it only through :func:`referral_services`; tests swap in their own with :func:`use`.
It shares the settings of the lead services (actions/services.py), so both always use the same
database, also when a test swapped in the lead services only.
"""

from __future__ import annotations

import threading

from actions.services import lead_services
from bot.core.crypto import Cipher
from bot.school.requests import ReferralService
from bot.storage.db import Database

_override: list[ReferralService] = []
_opened: dict[str, ReferralService] = {}
_lock = threading.Lock()


def referral_services() -> ReferralService:
    if _override:
        return _override[-1]
    settings = lead_services().settings
    with _lock:
        service = _opened.get(settings.database_url)
        if service is None:
            database = Database(settings.database_url)
            service = ReferralService(database, Cipher.from_settings(settings), settings)
            _opened[settings.database_url] = service
        return service


def use(service: ReferralService | None) -> None:
    """Tests: make the actions use ``service`` (``None`` restores the default)."""
    _override.clear()
    if service is not None:
        _override.append(service)
