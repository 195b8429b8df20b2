"""Rasa custom actions: thin classes that call services in ``bot`` (never the Telegram layer)."""
