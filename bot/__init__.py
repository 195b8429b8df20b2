"""The Join us assistant: everything that is ours, on Python 3.11.

Rasa runs as a separate engine process; nothing in this package imports ``rasa``.
Plumbing lives in :mod:`bot.core`, the processes in :mod:`bot.ops`, the message pipeline in
:mod:`bot.pipeline`, and each feature in its own package (:mod:`bot.leads`, :mod:`bot.school`,
:mod:`bot.privacy`, :mod:`bot.answers`, :mod:`bot.staff`, the ambassador programme). The Telegram
front end is :mod:`bot.telegram` plus a feature's own ``telegram.py``; only the bot process imports
those, so the action server and the console run without python-telegram-bot
(tests/unit/test_layout.py checks it).
"""
