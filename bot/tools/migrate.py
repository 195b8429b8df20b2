"""`python -m bot.tools.migrate`: bring the database schema up to date and create the keys.

Run once before the bot and the action server start (the compose file's `migrate` service, or
the supervisor itself on a VM), so that two processes never race to migrate or to generate keys.
"""

from __future__ import annotations

import sys

from bot.core.errors import JoinUsError
from bot.core.keys import load_or_create_secret
from bot.core.logging_setup import configure_logging
from bot.core.settings import load_settings
from bot.storage.db import migrate


def main() -> int:
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        migrate(settings.database_url)
        load_or_create_secret(settings.secrets_dir / "pseudonym.key", settings.pseudonym_secret)
        load_or_create_secret(settings.secrets_dir / "encryption.key", settings.encryption_key)
    except JoinUsError as exc:
        print(f"Migration failed: {exc}", file=sys.stderr)
        return 1
    print("Database schema up to date; keys in place.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
