"""Alembic environment: runs migrations against the URL handed over by bot.storage.db.

Started by the bot (``bot.storage.db.migrate`` sets the URL) or by the ``alembic`` command with
the top-level alembic.ini, which names no URL: then it is the one of the settings, so
``DATABASE_URL=postgresql://... alembic upgrade heads`` and a plain ``alembic current`` (the
default SQLite file) reach the same database as the bot.
"""

from __future__ import annotations

import importlib
import pkgutil
from logging.config import fileConfig
from pathlib import Path

from alembic import context
from sqlalchemy import engine_from_config, pool

import bot.storage
from bot.core.settings import load_settings
from bot.storage.base import Base
from bot.storage.db import driver_url

# Import every model module so autogenerate and metadata see all tables.
for module in pkgutil.iter_modules(bot.storage.__path__):
    if module.name.endswith("models") or module.name.startswith("models_"):
        importlib.import_module(f"bot.storage.{module.name}")

config = context.config
target_metadata = Base.metadata

if config.config_file_name is not None:  # the alembic command: its log lines, as users expect
    fileConfig(config.config_file_name, disable_existing_loggers=False)
if not config.get_main_option("sqlalchemy.url"):
    url = load_settings().database_url
    # The bot creates the data directory on start; the alembic command may come first.
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    config.set_main_option("sqlalchemy.url", driver_url(url).replace("%", "%%"))


def run_migrations_online() -> None:
    connectable = engine_from_config(
        config.get_section(config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
