"""A lead's life: statuses, which staff step is allowed when, and their Dutch labels.

Pure, so the rules are tested without a database and reused by other lead kinds (referrals).
"""

from __future__ import annotations

from bot.leads import texts

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

# Dutch labels of the statuses, for staff and in /mijngegevens (the texts: bot/leads/texts.py).
LABELS = texts.STATUS_LABELS


# What the second of two staff members pressing "claim" at the same moment hears.


def can_move(current: str, target: str) -> bool:
    return current in _ALLOWED.get(target, frozenset())


def refusal(current: str, target: str) -> str:
    """Why a staff step is not possible now (plain staff Dutch)."""
    if current == WITHDRAWN:
        return texts.LEAD_WITHDRAWN
    if target == CLAIMED and current != OPEN:
        return texts.TAKEN
    if current in FINISHED:
        return texts.ALREADY_FINISHED.format(status=LABELS[current])
    return texts.NOT_NOW.format(status=LABELS.get(current, current))
