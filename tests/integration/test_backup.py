"""The restore drill: back up a populated assistant, restore it into an empty place, and check
that leads, consents, ambassadors and reminders are all back and decryptable (SQLite and
PostgreSQL; PostgreSQL needs the server and pg_dump/pg_restore, else it is skipped)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text

from bot.core.clock import FakeClock
from bot.core.crypto import Cipher
from bot.core.errors import BackupError
from bot.core.keys import load_or_create_secret
from bot.core.pseudonym import Pseudonymiser
from bot.core.settings import Settings, load_settings
from bot.leads.service import LeadService
from bot.services.ambassadors import KIND_REMINDER, AmbassadorService
from bot.storage.db import Database, migrate
from bot.storage.models_ambassadors import Ambassador, AmbassadorConsent
from bot.storage.models_leads import Consent, Lead
from bot.storage.models_outbox import OutboxMessage
from bot.tools import backup
from tests.conftest import PG_ADMIN_URL
from tests.leads_support import EVENTS, _events_meta, add_event, draft

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "correct horse battery staple"
YOUNG, PARENT = "a" * 64, "b" * 64


def _settings(data_dir: Path, database_url: str | None) -> Settings:
    env = {"JOINUS_DATA_DIR": str(data_dir), "ADMIN_TELEGRAM_IDS": "1001"}
    if database_url:
        env["DATABASE_URL"] = database_url
    data_dir.mkdir(parents=True, exist_ok=True)
    return load_settings(env)


def _populate(settings: Settings) -> dict[str, object]:
    """A lead with own consent, one with a parent's, an ambassador with due reminders."""
    migrate(settings.database_url)
    database = Database(settings.database_url)
    cipher = Cipher.from_settings(settings)  # generates var/secrets/encryption.key
    pseudo = Pseudonymiser(
        load_or_create_secret(settings.secrets_dir / "pseudonym.key", settings.pseudonym_secret)
    )
    try:
        leads = LeadService(
            database, cipher, settings, clock=FakeClock(datetime(2026, 3, 2, 10, tzinfo=UTC))
        )
        leads.submit(YOUNG, draft("16-17", "phone", "+31612345678"))
        under16 = leads.submit("c" * 64, draft("12-15", "email", "kim@example.nl", nickname="Kim"))
        assert under16.parent_code
        leads.confirm_parent(under16.parent_code, PARENT, "+31687654321")

        clock = FakeClock(datetime(2025, 9, 29, 12, tzinfo=UTC))
        ambassadors = AmbassadorService(database, cipher, pseudo, settings, clock=clock)
        invite = ambassadors.create_invite("Het Lyceum", coach_chat_id=500)
        ambassadors.enrol(
            invite.token, user_id=1001, chat_id=1001, first_name="Sam", under_16=False
        )
        clock.advance(timedelta(days=13, hours=-5))  # 12 October, 07:00 local: 3 days before
        clock.advance(timedelta(hours=2))
        ambassadors.materialise_due()
        with database.session() as session:
            reminders = session.scalar(
                select(func.count())
                .select_from(OutboxMessage)
                .where(OutboxMessage.kind == KIND_REMINDER)
            )
        assert reminders, "the drill needs at least one materialised reminder"
    finally:
        database.dispose()
    return _snapshot(settings)


def _snapshot(settings: Settings) -> dict[str, object]:
    """Everything the drill must get back, decrypted with the keys found in ``settings``."""
    database = Database(settings.database_url)
    cipher = Cipher.from_settings(settings)
    try:
        with database.session() as session:
            leads = session.scalars(select(Lead).order_by(Lead.id)).all()
            consents = session.scalars(select(Consent).order_by(Consent.id)).all()
            reminders = session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.kind == KIND_REMINDER)
                .order_by(OutboxMessage.id)
            ).all()
            snapshot: dict[str, object] = {
                "leads": [
                    (lead.public_id, cipher.decrypt(lead.contact_enc or "")) for lead in leads
                ],
                "consents": [
                    (
                        c.given_by,
                        c.lead_id,
                        cipher.decrypt(c.contact_enc) if c.contact_enc else None,
                    )
                    for c in consents
                ],
                "ambassadors": [
                    cipher.decrypt(a.first_name_enc or "")
                    for a in session.scalars(select(Ambassador))
                ],
                "ambassador_consents": session.scalar(
                    select(func.count()).select_from(AmbassadorConsent)
                ),
                "reminders": [
                    (int(cipher.decrypt(r.chat_id_enc)), cipher.decrypt(r.text_enc), r.status)
                    for r in reminders
                ],
            }
        # The pseudonym key must come back too, or young people are strangers after a restore.
        snapshot["recognised"] = (
            LeadService(database, cipher, settings).active_lead(YOUNG) is not None
        )
        return snapshot
    finally:
        database.dispose()


def _check_restored(settings: Settings, expected: dict[str, object]) -> None:
    got = _snapshot(settings)
    assert got == expected
    assert sorted(contact for _, contact in got["leads"]) == ["+31612345678", "kim@example.nl"]  # type: ignore[attr-defined]
    assert ("parent", 2, "+31687654321") in got["consents"]  # type: ignore[operator]
    assert got["ambassadors"] == ["Sam"] and got["reminders"] and got["recognised"]


def test_restore_drill_sqlite(tmp_path: Path) -> None:
    live = _settings(tmp_path / "live", None)
    expected = _populate(live)
    tracker = create_engine(live.tracker_store_url)
    _events_meta.create_all(tracker)
    add_event(tracker, "pseudo-1", datetime(2026, 3, 2, tzinfo=UTC), text="hoi")
    tracker.dispose()

    archive = tmp_path / "backups" / "joinus.jbk"
    manifest = backup.create_backup(live, archive, PASSPHRASE)
    assert archive.stat().st_mode & 0o777 == 0o600
    assert set(manifest.files) == {
        "db/joinus.db",
        "db/rasa_tracker.db",
        "secrets/pseudonym.key",
        "secrets/encryption.key",
    }
    raw = archive.read_bytes()
    assert b"+31612345678" not in raw and b"SQLite format" not in raw  # encrypted as a whole

    fresh = _settings(tmp_path / "fresh", None)  # a new server: empty data dir, no keys
    backup.restore_backup(fresh, archive, PASSPHRASE)
    _check_restored(fresh, expected)
    assert (fresh.secrets_dir / "encryption.key").stat().st_mode & 0o777 == 0o600
    restored_tracker = create_engine(fresh.tracker_store_url)
    with restored_tracker.connect() as conn:
        assert conn.execute(select(func.count()).select_from(EVENTS)).scalar() == 1
    restored_tracker.dispose()

    with pytest.raises(BackupError, match="refusing to overwrite"):
        backup.restore_backup(fresh, archive, PASSPHRASE)
    backup.restore_backup(fresh, archive, PASSPHRASE, force=True)
    _check_restored(fresh, expected)


def test_wrong_passphrase_damage_and_short_passphrase_are_refused(tmp_path: Path) -> None:
    live = _settings(tmp_path / "live", None)
    _populate(live)
    archive = tmp_path / "b.jbk"
    backup.create_backup(live, archive, PASSPHRASE)
    target = _settings(tmp_path / "t", None)
    with pytest.raises(BackupError, match="wrong passphrase"):
        backup.restore_backup(target, archive, "not the passphrase")
    damaged = bytearray(archive.read_bytes())
    damaged[-10] ^= 0x55
    (tmp_path / "d.jbk").write_bytes(bytes(damaged))
    with pytest.raises(BackupError, match=r"wrong passphrase|damaged"):
        backup.restore_backup(target, tmp_path / "d.jbk", PASSPHRASE)
    (tmp_path / "x.jbk").write_bytes(b"hello")
    with pytest.raises(BackupError, match="not a Join us backup"):
        backup.restore_backup(target, tmp_path / "x.jbk", PASSPHRASE)
    with pytest.raises(BackupError, match="at least 12"):
        backup.create_backup(live, tmp_path / "short.jbk", "short")
    assert not (target.data_dir / "joinus.db").exists()  # nothing was half-restored


def test_command_line_create_and_restore(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    live = _settings(tmp_path / "live", None)
    expected = _populate(live)
    monkeypatch.setenv("BACKUP_PASSPHRASE", PASSPHRASE)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("JOINUS_DATA_DIR", str(live.data_dir))
    assert backup.main(["create", str(tmp_path / "cli.jbk")]) == 0
    monkeypatch.setenv("JOINUS_DATA_DIR", str(tmp_path / "new"))
    assert backup.main(["restore", str(tmp_path / "cli.jbk")]) == 0
    assert backup.main(["restore", str(tmp_path / "cli.jbk")]) == 2
    assert "refusing to overwrite" in capsys.readouterr().err
    _check_restored(_settings(tmp_path / "new", None), expected)


@pytest.mark.postgres
def test_restore_drill_postgresql(tmp_path: Path, postgres_url: str) -> None:
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore are not installed (Debian: postgresql-client)")
    live = _settings(tmp_path / "live", postgres_url)
    expected = _populate(live)
    archive = tmp_path / "pg.jbk"
    manifest = backup.create_backup(live, archive, PASSPHRASE)
    assert manifest.database == "postgresql" and "db/joinus.pgdump" in manifest.files

    fresh = _settings(tmp_path / "fresh", postgres_url)
    with pytest.raises(BackupError, match="refusing to overwrite"):
        backup.restore_backup(fresh, archive, PASSPHRASE)
    # Disaster: the database is gone; an operator recreates it empty and restores.
    schema = postgres_url.rsplit("%3D", 1)[1]
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    backup.restore_backup(fresh, archive, PASSPHRASE)
    _check_restored(fresh, expected)
    migrate(fresh.database_url)  # the restored schema is at a known Alembic revision


def test_migrate_tool_prepares_schema_and_keys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.tools import migrate as migrate_tool

    monkeypatch.setenv("JOINUS_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("ENCRYPTION_KEY", raising=False)
    monkeypatch.delenv("PSEUDONYM_SECRET", raising=False)
    assert migrate_tool.main() == 0
    assert (tmp_path / "joinus.db").exists()
    for key in ("pseudonym.key", "encryption.key"):
        assert (tmp_path / "secrets" / key).stat().st_mode & 0o777 == 0o600
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg2://nobody@127.0.0.1:1/none")
    assert migrate_tool.main() == 1  # a clear message, not a traceback


def test_command_line_streams_for_containers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`docker compose exec -T bot … create - > file` and `… restore - < file`: no file in the container."""
    live = _settings(tmp_path / "live", None)
    expected = _populate(live)
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "ENCRYPTION_KEY", "PSEUDONYM_SECRET"}
        },
        "BACKUP_PASSPHRASE": PASSPHRASE,
        "PYTHONPATH": str(ROOT),
    }
    created = subprocess.run(
        [sys.executable, "-m", "bot.tools.backup", "create", "-"],
        env={**env, "JOINUS_DATA_DIR": str(live.data_dir)},
        capture_output=True,
        check=False,
        cwd=ROOT,
    )
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith(backup.MAGIC) and b"Backup written" in created.stderr
    restored = subprocess.run(
        [sys.executable, "-m", "bot.tools.backup", "restore", "-"],
        input=created.stdout,
        env={**env, "JOINUS_DATA_DIR": str(tmp_path / "new")},
        capture_output=True,
        check=False,
        cwd=ROOT,
    )
    assert restored.returncode == 0, restored.stderr
    _check_restored(_settings(tmp_path / "new", None), expected)


def test_passphrase_style_encryption_key_survives_with_its_salt(tmp_path: Path) -> None:
    """A weak ENCRYPTION_KEY is stretched with var/secrets/kdf.salt: the salt must travel too."""
    env = {"ENCRYPTION_KEY": "ons geheime zinnetje"}
    live_dir, fresh_dir = tmp_path / "live", tmp_path / "fresh"
    live_dir.mkdir()
    fresh_dir.mkdir()
    live = load_settings({"JOINUS_DATA_DIR": str(live_dir), **env})
    expected = _populate(live)
    assert (live.secrets_dir / "kdf.salt").exists()
    manifest = backup.create_backup(live, tmp_path / "b.jbk", PASSPHRASE)
    assert "secrets/kdf.salt" in manifest.files
    fresh = load_settings({"JOINUS_DATA_DIR": str(fresh_dir), **env})
    backup.restore_backup(fresh, tmp_path / "b.jbk", PASSPHRASE)
    _check_restored(fresh, expected)
