"""Helpers for the lead tests: a migrated database, the lead services and a Rasa-like events table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Column, Engine, Float, Integer, MetaData, String, Table, Text, insert

from bot.core.clock import FakeClock
from bot.core.crypto import Cipher
from bot.core.settings import Settings, load_settings
from bot.leads.service import LeadDraft, LeadService
from bot.pipeline.tracker import TrackerStore
from bot.privacy.drafts import DraftService
from bot.privacy.rights import PrivacyService
from bot.staff.members import StaffDirectory
from bot.storage.db import Database, make_engine, migrate

ADMIN = 1001
STAFF = 2002
OUTSIDER = 3003
STAFF_CHAT = -100500
START = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday

# Rasa 3.6's SQLTrackerStore table, as Rasa creates it.
_events_meta = MetaData()
EVENTS = Table(
    "events",
    _events_meta,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


@dataclass
class LeadEnv:
    settings: Settings
    database: Database
    cipher: Cipher
    clock: FakeClock
    leads: LeadService
    staff: StaffDirectory
    privacy: PrivacyService
    tracker: TrackerStore
    events: Engine
    drafts: DraftService

    def close(self) -> None:
        self.database.dispose()
        self.tracker.dispose()
        self.events.dispose()


def lead_env(tmp_path: Path, database_url: str, **env: str) -> LeadEnv:
    tracker_url = (
        f"sqlite:///{tmp_path / 'rasa_tracker.db'}"
        if database_url.startswith("sqlite")
        else database_url
    )
    settings = load_settings(
        {
            "JOINUS_DATA_DIR": str(tmp_path),
            "DATABASE_URL": database_url,
            "TRACKER_STORE_URL": tracker_url,
            "ENCRYPTION_KEY": "test-encryption-key",
            "PSEUDONYM_SECRET": "test-pseudonym-secret-0123456789",
            "ADMIN_TELEGRAM_IDS": str(ADMIN),
            "STAFF_CHAT_ID": str(STAFF_CHAT),
            **env,
        }
    )
    migrate(settings.database_url)
    events = make_engine(tracker_url)
    _events_meta.create_all(events)
    database = Database(settings.database_url)
    cipher = Cipher.from_settings(settings)
    clock = FakeClock(START)
    leads = LeadService(database, cipher, settings, clock=clock)
    staff = StaffDirectory(database, settings.admin_ids, clock=clock)
    return LeadEnv(
        settings,
        database,
        cipher,
        clock,
        leads,
        staff,
        PrivacyService(database, cipher, settings, leads),
        TrackerStore(tracker_url),
        events,
        DraftService(database, cipher, clock=clock),
    )


def add_event(
    engine: Engine, sender: str, at: datetime, type_name: str = "user", text: str = "hoi"
) -> None:
    with engine.begin() as conn:
        conn.execute(
            insert(EVENTS).values(
                sender_id=sender,
                type_name=type_name,
                timestamp=at.timestamp(),
                data=json.dumps({"event": type_name, "text": text}),
            )
        )


def draft(
    age_band: str = "16-17", route: str = "phone", contact: str | None = "+31612345678", **kw: str
) -> LeadDraft:
    return LeadDraft(
        age_band=age_band,
        area=kw.get("area", "Veghel"),
        route=route,
        contact=contact,
        nickname=kw.get("nickname", "Sam"),
        wishes=kw.get("wishes", "gamen"),
        source=kw.get("source", "poster-zwijsen"),
    )
