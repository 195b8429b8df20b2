"""The bot process's shared clients, created once and opened/closed with the front end."""

from __future__ import annotations

import asyncio
import logging

from bot.conversation import Conversation
from bot.crypto import Cipher
from bot.engine import RasaClient
from bot.facts import Facts
from bot.keys import load_or_create_secret
from bot.outbox import BlockedHook
from bot.pseudonym import Pseudonymiser
from bot.settings import Settings
from bot.storage.db import Database, migrate

log = logging.getLogger(__name__)


class Runtime:
    """Database, cipher, engine client and conversation pipeline for one bot process.

    Feature modules register their hooks here (outbox blocked hooks, directives, jobs).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.facts = Facts(settings.facts_file)
        secret = load_or_create_secret(
            settings.secrets_dir / "pseudonym.key", settings.pseudonym_secret
        )
        self.pseudonymiser = Pseudonymiser(secret)
        self.cipher = Cipher.from_settings(settings)
        self.blocked_hooks: dict[str, BlockedHook] = {}
        self.engine = RasaClient(settings.rasa_url, settings.rasa_timeout)
        self.database = Database(settings.database_url)
        self.conversation = Conversation(self.engine, self.pseudonymiser, self.facts)

    async def start(self) -> None:
        await asyncio.to_thread(migrate, self.settings.database_url)
        log.info("database ready (%s)", self.database.engine.dialect.name)

    async def stop(self) -> None:
        await self.engine.aclose()
        self.database.dispose()
