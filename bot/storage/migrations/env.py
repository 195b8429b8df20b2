"""Alembic environment: runs migrations against the URL handed over by bot.storage.db."""

from __future__ import annotations

import importlib
import pkgutil

from alembic import context
from sqlalchemy import engine_from_config, pool

import bot.storage
from bot.storage.base import Base

# Import every model module so autogenerate and metadata see all tables.
for module in pkgutil.iter_modules(bot.storage.__path__):
    if module.name.endswith("models") or module.name.startswith("models_"):
        importlib.import_module(f"bot.storage.{module.name}")

config = context.config
target_metadata = Base.metadata


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
