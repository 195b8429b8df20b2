"""Rasa custom actions: thin classes that call services in ``bot`` (never the Telegram layer)."""

import os

from bot.core.hardening import guard_action_server, private_files, running_as_action_server

if running_as_action_server():
    # rasa-sdk imports this package before it binds: private files, loopback only.
    private_files()
    guard_action_server(os.environ)
