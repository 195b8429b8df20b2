"""`python -m bot.telegram`: the bot process (started by the supervisor when a token is set)."""

from bot.core.eventloop import use_fast_event_loop
from bot.core.hardening import private_files, secure_data_dir
from bot.core.imports import remember_missing
from bot.core.logging_setup import configure_logging
from bot.core.settings import load_settings
from bot.telegram.app import run

private_files()
remember_missing()  # httpcore's per-request "import sniffio" (bot/core/imports.py)
settings = load_settings()
secure_data_dir(settings)
configure_logging(settings.log_level, fmt=settings.ops.log_format)
use_fast_event_loop()  # PTB's run_polling/run_webhook create their loop from the policy
run(settings)
