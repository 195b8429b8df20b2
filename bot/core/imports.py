"""Optional modules that libraries import again on every call: their absence is remembered.

httpcore (under httpx, so under python-telegram-bot and our Rasa client) runs ``import
sniffio`` inside ``current_async_library()``, which it calls several times per HTTP request.
sniffio is optional and not installed here, and Python does not remember a failed import: each
call searched every ``sys.path`` entry again (about 60 µs of file-system look-ups, over 5% of
the bot process's CPU per turn under load). A ``None`` entry in ``sys.modules`` is Python's own
way of saying "this module does not exist": the import then fails at once, with the same
``ImportError`` the library already handles.
"""

from __future__ import annotations

import importlib.util
import sys

# Imported on hot paths by our libraries, and optional for them.
OPTIONAL_HOT_IMPORTS = ("sniffio",)


def remember_missing(names: tuple[str, ...] = OPTIONAL_HOT_IMPORTS) -> list[str]:
    """Mark the modules of ``names`` that cannot be found as missing; returns those marked.

    An installed module is left alone, so installing it later simply takes effect."""
    marked: list[str] = []
    for name in names:
        if name in sys.modules:
            continue
        if importlib.util.find_spec(name) is None:
            sys.modules[name] = None  # type: ignore[assignment]  # Python's "known missing"
            marked.append(name)
    return marked
