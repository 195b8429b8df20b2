"""`python -m bot.telegram`: the bot process (started by the supervisor when a token is set)."""

from bot.logging_setup import configure_logging
from bot.settings import load_settings
from bot.telegram.app import run

settings = load_settings()
configure_logging(settings.log_level)
run(settings)
