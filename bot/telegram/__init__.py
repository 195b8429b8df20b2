"""The Telegram front end (python-telegram-bot). Only the bot process imports this package."""
