"""What the assistant says: channel-neutral replies that the Telegram and terminal fronts render."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Button:
    """A choice offered to the user; pressing it sends ``payload`` back as the user's turn."""

    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    """One message to the user, optionally with buttons and a machine-readable ``custom`` part."""

    text: str
    buttons: tuple[Button, ...] = ()
    custom: dict[str, Any] = field(default_factory=dict)
    # Shows someone's details (a preview, /mijngegevens): its id is kept so erasure can delete it.
    personal: bool = False
