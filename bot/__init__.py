"""The Join us assistant: everything that is ours, on Python 3.11.

Rasa runs as a separate engine process; nothing in this package imports ``rasa``.
The Telegram layer lives in :mod:`bot.telegram` so that the action server can import
services from here without pulling in python-telegram-bot.
"""
