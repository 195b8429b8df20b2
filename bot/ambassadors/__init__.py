"""The ambassador programme: students doing their community internship for Join us, and coaches.

Telegram-free on purpose (the action server and the console import it); the chat handlers live
in :mod:`bot.ambassadors.telegram`.
"""
