"""Issue 11: key derivation, rotation, the key-file race, private files, child environments and
loopback-only engines."""

from __future__ import annotations

import multiprocessing
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from bot.core.crypto import Cipher, fernets_for
from bot.core.errors import ConfigError
from bot.core.hardening import guard_action_server, secure_data_dir
from bot.core.keys import SALT_FILE, create_once, is_strong, key_material, load_or_create_secret
from bot.core.settings import load_settings
from bot.ops.supervisor import RASA_API_TOKEN, child_environment, engine_services
from bot.storage.db import Database, migrate
from bot.storage.models_outbox import OutboxMessage
from bot.tools.rotate_keys import encrypted_tables, rotate_database
from tests.leads_support import draft, lead_env

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------------------- key derivation


def test_random_keys_are_used_as_is_and_passphrases_are_stretched(tmp_path: Path) -> None:
    generated = load_or_create_secret(tmp_path / "k.key", None)
    assert is_strong(generated)
    assert key_material(generated, tmp_path) == generated
    assert not (tmp_path / SALT_FILE).exists(), "no salt needed for a random key"
    stretched = key_material(b"paard batterij nietje", tmp_path)
    assert len(stretched) == 32 and stretched != b"paard batterij nietje"
    salt_file = tmp_path / SALT_FILE
    assert stat.S_IMODE(salt_file.stat().st_mode) == 0o600
    # Same passphrase, same salt: same key; another salt (another installation): another key.
    assert key_material(b"paard batterij nietje", tmp_path) == stretched
    other = tmp_path / "other"
    assert key_material(b"paard batterij nietje", other) != stretched


def test_passphrase_cipher_reads_data_written_before_the_kdf(tmp_path: Path) -> None:
    settings = load_settings(
        {"JOINUS_DATA_DIR": str(tmp_path), "ENCRYPTION_KEY": "kort wachtwoord"}
    )
    legacy = Cipher(b"kort wachtwoord")  # what earlier versions did: SHA-256, no salt
    old_token = legacy.encrypt("06-12345678")
    cipher = Cipher.from_settings(settings)
    assert cipher.decrypt(old_token) == "06-12345678"
    new_token = cipher.encrypt("06-12345678")
    assert cipher.is_current(new_token) and not cipher.is_current(old_token)
    with pytest.raises(ConfigError):
        legacy.decrypt(new_token)  # the new key is not the unsalted hash
    assert "wachtwoord" not in repr(cipher) and "wachtwoord" not in repr(settings)


def test_multifernet_new_key_encrypts_old_keys_still_decrypt(tmp_path: Path) -> None:
    old = Cipher.from_settings(
        load_settings({"JOINUS_DATA_DIR": str(tmp_path), "ENCRYPTION_KEY": "oude sleutel"})
    )
    token = old.encrypt("geheim")
    new = Cipher.from_settings(
        load_settings(
            {
                "JOINUS_DATA_DIR": str(tmp_path),
                "ENCRYPTION_KEY": "nieuwe sleutel",
                "OLD_ENCRYPTION_KEYS": "oude sleutel",
            }
        )
    )
    assert new.decrypt(token) == "geheim"
    fresh = new.encrypt("nieuw")
    with pytest.raises(ConfigError):
        old.decrypt(fresh)
    assert new.is_current(new.rotate(token))
    only_new = Cipher.from_settings(
        load_settings({"JOINUS_DATA_DIR": str(tmp_path), "ENCRYPTION_KEY": "nieuwe sleutel"})
    )
    with pytest.raises(ConfigError):
        only_new.decrypt(token)
    assert len(fernets_for(b"x" * 43, None)) == 1


def test_rotate_keys_reencrypts_every_encrypted_column(tmp_path: Path, database_url: str) -> None:
    env = lead_env(tmp_path, database_url, ENCRYPTION_KEY="oude sleutel")
    try:
        submitted = env.leads.submit("y" * 64, draft("18-25", "telegram", None))
        env.leads.attach_chat("y" * 64, submitted.public_id, 4242)
        env.leads.submit("z" * 64, draft())
        new_settings = load_settings(
            {
                "JOINUS_DATA_DIR": str(tmp_path),
                "DATABASE_URL": database_url,
                "ENCRYPTION_KEY": "nieuwe sleutel",
                "OLD_ENCRYPTION_KEYS": "oude sleutel",
            }
        )
        cipher = Cipher.from_settings(new_settings)
        tables = {t.name: cols for t, cols in encrypted_tables(env.database.engine)}
        assert {"leads", "outbox"} <= set(tables) and "contact_enc" in tables["leads"]
        report = rotate_database(env.database.engine, cipher, batch=2)  # several batches
        assert report.values_rotated >= 8
        assert rotate_database(env.database.engine, cipher).values_rotated == 0  # idempotent
        only_new = Cipher.from_settings(
            load_settings({"JOINUS_DATA_DIR": str(tmp_path), "ENCRYPTION_KEY": "nieuwe sleutel"})
        )
        with env.database.engine.connect() as conn:
            for table, columns in tables.items():
                for column in columns:
                    for (value,) in conn.execute(text(f"SELECT {column} FROM {table}")):
                        if value:
                            only_new.decrypt(value)  # raises if anything was left behind
        with env.database.session() as session:
            row = session.scalars(select(OutboxMessage)).first()
            assert row is not None and "aanmelding" in only_new.decrypt(row.text_enc)
    finally:
        env.close()


def test_rotate_keys_command_runs(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'joinus.db'}"
    migrate(url)
    Database(url).dispose()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "JOINUS_DATA_DIR": str(tmp_path),
        "DATABASE_URL": url,
        "ENCRYPTION_KEY": "nieuwe sleutel",
        "OLD_ENCRYPTION_KEYS": "oude sleutel",
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot.tools.rotate_keys"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "0 values re-encrypted" in result.stdout
    assert "sleutel" not in result.stdout + result.stderr


# ------------------------------------------------------------------------- key file race


def _create(args: tuple[str, int]) -> bytes:
    path, _ = args
    return load_or_create_secret(Path(path), None)


def test_many_processes_creating_the_key_at_once_agree(tmp_path: Path) -> None:
    for attempt in range(5):
        path = tmp_path / f"race{attempt}" / "encryption.key"
        with multiprocessing.get_context("spawn").Pool(8) as pool:
            values = pool.map(_create, [(str(path), i) for i in range(16)])
        assert len(set(values)) == 1 and values[0]
        assert path.read_bytes().strip() == values[0]
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert [p.name for p in path.parent.iterdir()] == ["encryption.key"], "no temp files left"


def test_create_once_keeps_the_first_value(tmp_path: Path) -> None:
    assert create_once(tmp_path / "s", b"eerste") == b"eerste"
    assert create_once(tmp_path / "s", b"tweede") == b"eerste"


# ---------------------------------------------------------------------------- private files


def test_files_under_the_data_dir_are_private(tmp_path: Path) -> None:
    data = tmp_path / "var"
    script = (
        "from bot.core.hardening import private_files, secure_data_dir;"
        "from bot.core.settings import load_settings;"
        "from bot.storage.db import migrate;"
        "from bot.core.crypto import Cipher;"
        "private_files(); s = load_settings(); secure_data_dir(s);"
        "migrate(s.database_url); Cipher.from_settings(s).encrypt('x');"
        "(s.log_dir / 'bot.log').write_text('log')"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "JOINUS_DATA_DIR": str(data),
        "SECRETS_DIR": str(tmp_path / "keys"),
    }
    subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True, timeout=120)
    found = [p for p in [*data.rglob("*"), *(tmp_path / "keys").rglob("*")]]
    assert any(p.name == "joinus.db" for p in found)
    assert (tmp_path / "keys" / "encryption.key").exists(), "SECRETS_DIR holds the keys"
    assert not (data / "secrets").exists()
    for path in found:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o077 == 0, f"{path.relative_to(tmp_path)} is {oct(mode)}"


def test_existing_loose_files_are_tightened(tmp_path: Path) -> None:
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path)})
    tmp_path.chmod(0o755)
    db = tmp_path / "joinus.db"
    db.write_text("")
    db.chmod(0o644)
    secure_data_dir(settings)
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700


# ----------------------------------------------------------------- environments and binding


def test_children_get_only_what_they_need(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "TELEGRAM_BOT_TOKEN": "123:SECRET",
        "WEBHOOK_SECRET": "hook-secret",
        "PSEUDONYM_SECRET": "pseudo-secret-0123456789",
        "ENCRYPTION_KEY": "enc-secret",
        "ADMIN_TELEGRAM_IDS": "1001",
        "STAFF_CHAT_ID": "-100",
        "AWS_SECRET_ACCESS_KEY": "unrelated",
        "SOME_OTHER_TOKEN": "unrelated",
    }.items():
        monkeypatch.setenv(name, value)
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path), **os.environ})
    rasa = child_environment(settings, "rasa")
    actions = child_environment(settings, "actions")
    bot = child_environment(settings, "bot")
    secret_values = {"123:SECRET", "hook-secret", "pseudo-secret-0123456789", "enc-secret"}
    assert not secret_values & set(rasa.values())
    assert "DATABASE_URL" not in rasa and "ADMIN_TELEGRAM_IDS" not in rasa
    assert rasa["TRACKER_STORE_URL"] == settings.tracker_store_url
    assert rasa["ACTION_SERVER_URL"] == settings.action_server_url
    assert rasa["RASA_AUTH_TOKEN"] == RASA_API_TOKEN
    for name in ("TELEGRAM_BOT_TOKEN", "WEBHOOK_SECRET", "PSEUDONYM_SECRET", "RASA_AUTH_TOKEN"):
        assert name not in actions
    assert actions["ENCRYPTION_KEY"] == "enc-secret"  # it encrypts what the forms collect
    assert actions["DATABASE_URL"] == settings.database_url
    assert actions["SECRETS_DIR"] == str(settings.secrets_dir)
    assert actions["STAFF_CHAT_ID"] == "-100"  # lead cards go to staff from the action server
    assert actions["SANIC_HOST"] == "127.0.0.1"
    assert bot["TELEGRAM_BOT_TOKEN"] == "123:SECRET"
    assert bot["RASA_AUTH_TOKEN"] == RASA_API_TOKEN  # its /readyz asks Rasa's /status
    assert "RASA_AUTH_TOKEN" not in actions
    for env in (rasa, actions, bot):
        assert "AWS_SECRET_ACCESS_KEY" not in env and "SOME_OTHER_TOKEN" not in env


def test_rasa_api_needs_a_token_that_is_not_on_its_command_line(tmp_path: Path) -> None:
    settings = load_settings({"JOINUS_DATA_DIR": str(tmp_path)})
    _actions, rasa = engine_services(settings)
    assert RASA_API_TOKEN not in " ".join(rasa.argv)
    assert "--enable-api" in rasa.argv and "--auth-token" not in rasa.argv
    assert rasa.health_url.endswith(f"/status?token={RASA_API_TOKEN}")
    assert rasa.argv[rasa.argv.index("--interface") + 1] == "127.0.0.1"


@pytest.mark.parametrize(
    "env",
    [
        {"RASA_URL": "http://0.0.0.0:5005"},
        {"RASA_URL": "http://10.1.2.3:5005"},
        {"ACTION_SERVER_HOST": "0.0.0.0"},
    ],
)
def test_engines_refuse_public_interfaces_unless_told(tmp_path: Path, env: dict[str, str]) -> None:
    with pytest.raises(ConfigError, match="ENGINE_ALLOW_PUBLIC"):
        load_settings({"JOINUS_DATA_DIR": str(tmp_path), **env})
    allowed = load_settings({"JOINUS_DATA_DIR": str(tmp_path), "ENGINE_ALLOW_PUBLIC": "1", **env})
    assert allowed.security.engine_allow_public


def test_action_server_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    environ: dict[str, str] = {}
    guard_action_server(environ)
    assert environ["SANIC_HOST"] == "127.0.0.1"  # rasa-sdk's own default would be 0.0.0.0
    with pytest.raises(ConfigError):
        guard_action_server({"SANIC_HOST": "0.0.0.0"})
    guard_action_server({"SANIC_HOST": "0.0.0.0", "ENGINE_ALLOW_PUBLIC": "1"})


def test_action_server_process_refuses_a_public_host(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "JOINUS_DATA_DIR": str(tmp_path),
        "SANIC_HOST": "0.0.0.0",
    }
    for module in ("rasa_sdk", "bot.ops.action_server"):  # rasa-sdk by hand, and our entry point
        result = subprocess.run(
            [sys.executable, "-m", module, "--actions", "actions", "--port", "0"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0, module
        assert "only listen on loopback" in result.stdout + result.stderr, module
