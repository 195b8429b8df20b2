"""The layout keeps its promises: python-telegram-bot stays in the bot process.

The action server (rasa-sdk plus our actions) and the staff console run without the Telegram
library; feature packages may hold a ``telegram.py`` handler module, but importing the package
itself, its services or its actions must never load python-telegram-bot. Checked in a fresh
interpreter, because this test process has imported the Telegram front end already.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_PROBE = """
import importlib, pkgutil, sys
import actions, bot
for module in {modules!r}:
    importlib.import_module(module)
for info in pkgutil.iter_modules(actions.__path__):
    importlib.import_module("actions." + info.name)
for info in pkgutil.iter_modules(bot.__path__):
    if info.ispkg and info.name != "telegram":
        importlib.import_module("bot." + info.name)
loaded = sorted(name for name in sys.modules if name == "telegram" or name.startswith("telegram."))
print(",".join(loaded))
"""


def _telegram_modules_after(*modules: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(modules=list(modules))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def test_the_action_server_and_the_console_never_import_python_telegram_bot() -> None:
    assert _telegram_modules_after("bot.ops.action_server", "bot.console.app") == ""


def test_the_probe_sees_telegram_when_it_is_imported() -> None:
    assert "telegram" in _telegram_modules_after("bot.leads.telegram").split(",")


def test_no_loose_modules_at_the_root_of_bot() -> None:
    loose = sorted(p.name for p in (ROOT / "bot").glob("*.py"))
    assert loose == ["__init__.py", "__main__.py"], (
        "put plumbing in bot/core/, features in their package"
    )
