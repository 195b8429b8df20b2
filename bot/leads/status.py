"""A lead's life: statuses, which staff step is allowed when, and their Dutch labels.

Pure, so the rules are tested without a database and reused by other lead kinds (referrals).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

AWAITING_PARENT = "awaiting_parent"  # under 16: nothing goes to staff until a parent confirms
OPEN = "open"  # announced to staff, nobody claimed it yet
CLAIMED = "claimed"
CONTACTED = "contacted"
SIGNED_UP = "signed_up"
CLOSED = "closed"  # not suitable / closed by staff
WITHDRAWN = "withdrawn"  # the young person (or parent) withdrew; personal data is gone

ACTIVE = frozenset({AWAITING_PARENT, OPEN, CLAIMED, CONTACTED})
FINISHED = frozenset({SIGNED_UP, CLOSED, WITHDRAWN})

# Staff buttons: callback action -> target status. "claim" is special (it assigns the claimer).
STAFF_ACTIONS = {"claim": CLAIMED, "contacted": CONTACTED, "signed": SIGNED_UP, "close": CLOSED}

_ALLOWED = {
    CLAIMED: frozenset({OPEN}),
    CONTACTED: frozenset({CLAIMED, CONTACTED}),
    SIGNED_UP: frozenset({CLAIMED, CONTACTED}),
    CLOSED: frozenset({OPEN, CLAIMED, CONTACTED}),
}

LABELS = {
    AWAITING_PARENT: "wacht op toestemming ouder",
    OPEN: "nieuw, nog niet opgepakt",
    CLAIMED: "opgepakt",
    CONTACTED: "contact gehad",
    SIGNED_UP: "aangemeld",
    CLOSED: "gesloten",
    WITHDRAWN: "ingetrokken",
}


# What the second of two staff members pressing "claim" at the same moment hears.
TAKEN = "Deze aanmelding is al opgepakt door een collega."


def can_move(current: str, target: str) -> bool:
    return current in _ALLOWED.get(target, frozenset())


def refusal(current: str, target: str) -> str:
    """Why a staff step is not possible now (plain staff Dutch)."""
    if current == WITHDRAWN:
        return "Deze aanmelding is ingetrokken; de gegevens zijn gewist."
    if target == CLAIMED and current != OPEN:
        return TAKEN
    if current in FINISHED:
        return f"Deze aanmelding is al afgerond ({LABELS[current]})."
    return f"Dat kan nu niet: de status is '{LABELS.get(current, current)}'."


def after_working_hours(start: datetime, hours: int, timezone: str) -> datetime:
    """``start`` plus ``hours`` counted on weekdays only (local time), e.g. 24 = one working day.

    A lead announced on Friday 16:00 is thus due again on Monday 16:00, not on Saturday.
    """
    local = start.astimezone(ZoneInfo(timezone))
    left = timedelta(hours=hours)
    step = timedelta(minutes=30)
    while left > timedelta(0):
        chunk = min(step, left)
        if local.weekday() < 5:
            left -= chunk
        local += chunk
    while local.weekday() >= 5:  # never due in the weekend
        local += step
    return local.astimezone(start.tzinfo or ZoneInfo("UTC"))
