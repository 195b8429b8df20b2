"""The staff console: a small web app (Starlette) for Join us staff and ambassador coaches.

A fourth process (``python -m bot.console``), started by the supervisor. Every page calls the
same feature services as the chat commands (bot/leads/, bot/school/, …); it only adds HTTP, sessions and
templates. Ways in: a Telegram Mini App (``initData``) or a one-time login link from ``/console``.
"""
