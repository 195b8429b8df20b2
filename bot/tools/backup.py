"""Consistent, encrypted backups of everything needed to bring the assistant back.

    python -m bot.tools.backup create <file>            # passphrase from BACKUP_PASSPHRASE
    python -m bot.tools.backup restore <file> [--force] # into an empty data dir / database

One file holds: our database (SQLite online backup API, so the bot may keep running; or
``pg_dump`` for PostgreSQL), Rasa's tracker database when it is a separate SQLite file (on
PostgreSQL it is in the same dump), and the keys (pseudonym and encryption keys: without them
the encrypted contact details are lost). The tar archive is encrypted with Fernet (AES-128-CBC
+ HMAC-SHA256) under a key derived from the passphrase with scrypt. The whole archive is held
in memory: fine for this assistant's data (megabytes), not meant for gigabytes.
"""

from __future__ import annotations

import argparse
import base64
import getpass
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import inspect

from bot.core.errors import BackupError, ConfigError
from bot.core.keys import SALT_FILE
from bot.core.settings import Settings, load_settings
from bot.storage.db import make_engine

MAGIC = b"JOINUS-BACKUP-1\n"
FORMAT_VERSION = 1
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1  # 32 MiB, ~0.1 s: cheap for us, dear for a guesser
MIN_PASSPHRASE = 12
# The salt stretches a passphrase-style ENCRYPTION_KEY: without it such a key decrypts nothing.
KEY_FILES = ("pseudonym.key", "encryption.key", SALT_FILE)


# --- encryption ---------------------------------------------------------------------------------


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    key = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode())
    return base64.urlsafe_b64encode(key)


def seal(plain: bytes, passphrase: str) -> bytes:
    salt = os.urandom(16)
    header = {
        "kdf": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "cipher": "fernet",
        "salt": base64.b64encode(salt).decode(),
    }
    token = Fernet(_derive(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(plain)
    return MAGIC + json.dumps(header).encode() + b"\n" + token


def unseal(sealed: bytes, passphrase: str) -> bytes:
    if not sealed.startswith(MAGIC):
        raise BackupError("this is not a Join us backup file")
    header_line, _, token = sealed[len(MAGIC) :].partition(b"\n")
    try:
        header = json.loads(header_line)
        key = _derive(
            passphrase,
            base64.b64decode(header["salt"]),
            int(header["n"]),
            int(header["r"]),
            int(header["p"]),
        )
        return Fernet(key).decrypt(token)
    except InvalidToken:
        raise BackupError("wrong passphrase, or the backup file is damaged") from None
    except (ValueError, KeyError) as exc:
        raise BackupError(f"the backup file's header is damaged ({type(exc).__name__})") from None


# --- databases ----------------------------------------------------------------------------------


def _sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite"):
        return None
    path = url.split(":///", 1)[1] if ":///" in url else ""
    return Path(path) if path and path != ":memory:" else None


def _libpq(url: str) -> tuple[str, str | None]:
    """A libpq URI for pg_dump/pg_restore (no SQLAlchemy driver) and the schema its
    ``options=-csearch_path=…`` selects, if any (the tests use one schema per test)."""
    scheme, rest = url.split("://", 1)
    libpq = "postgresql://" + rest if scheme.startswith("postgres") else url
    options = parse_qs(urlsplit(libpq).query).get("options", [""])[0]
    schema = None
    for part in options.split():
        if part.startswith("-csearch_path="):
            schema = part.removeprefix("-csearch_path=").split(",")[0].strip() or None
    return libpq, schema


def _same_postgres(a: str, b: str) -> bool:
    return a.startswith("postgres") and b.startswith("postgres") and _libpq(a) == _libpq(b)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is needed for a PostgreSQL backup (Debian: apt install postgresql-client)"
        )
    return found


def _run(argv: list[str], url_for_errors: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().replace(url_for_errors, "<DATABASE_URL>")
        raise BackupError(f"{Path(argv[0]).name} failed: {message[-800:]}")


def _dump_sqlite(source: Path, target: Path) -> None:
    if not source.exists():
        raise BackupError(f"database file {source} does not exist")
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # consistent even while the bot and the action server write
    finally:
        dst.close()
        src.close()


def _dump_postgres(url: str, target: Path) -> None:
    libpq, schema = _libpq(url)
    argv = [
        _tool("pg_dump"),
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        f"--file={target}",
    ]
    if schema:
        argv.append(f"--schema={schema}")
    _run([*argv, f"--dbname={libpq}"], libpq)


def _restore_postgres(url: str, dump: Path, *, force: bool) -> None:
    libpq, _schema = _libpq(url)
    restore = _tool("pg_restore")
    # The schema itself must exist already (public, or the operator's own): leave its CREATE out.
    listing = subprocess.run(
        [restore, "--list", str(dump)], capture_output=True, text=True, check=True
    )
    toc = "\n".join(line for line in listing.stdout.splitlines() if " SCHEMA " not in line)
    with tempfile.NamedTemporaryFile("w", suffix=".toc", delete=False) as handle:
        handle.write(toc)
    try:
        argv = [
            restore,
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--use-list={handle.name}",
            f"--dbname={libpq}",
        ]
        if force:
            argv[-1:-1] = ["--clean", "--if-exists"]
        _run([*argv, str(dump)], libpq)
    finally:
        os.unlink(handle.name)


def _postgres_has_data(url: str) -> bool:
    engine = make_engine(url)
    try:
        return bool(inspect(engine).get_table_names())
    finally:
        engine.dispose()


# --- the archive --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Manifest:
    created: str
    database: str  # "sqlite" or "postgresql"
    files: dict[str, str]  # archive name -> sha256

    def to_json(self) -> bytes:
        return json.dumps(
            {
                "format": FORMAT_VERSION,
                "created": self.created,
                "database": self.database,
                "files": self.files,
            },
            indent=1,
        ).encode()


def _keys(settings: Settings) -> dict[str, bytes]:
    """The keys in force: from the environment when set there, else the generated files."""
    keys: dict[str, bytes] = {}
    from_env = {
        "pseudonym.key": settings.pseudonym_secret,
        "encryption.key": settings.encryption_key,
    }
    for name in KEY_FILES:
        if from_env.get(name):
            keys[name] = (from_env.get(name) or "").encode() + b"\n"
        elif (settings.secrets_dir / name).exists():
            keys[name] = (settings.secrets_dir / name).read_bytes()
    return keys


def build_backup(settings: Settings, passphrase: str) -> tuple[Manifest, bytes]:
    """An encrypted backup of ``settings``' databases and keys, as bytes."""
    _check_passphrase(passphrase)
    with tempfile.TemporaryDirectory(prefix="joinus-backup-") as tmp:
        work = Path(tmp)
        members: dict[str, Path] = {}
        db_path = _sqlite_path(settings.database_url)
        if db_path is not None:
            _dump_sqlite(db_path, work / "joinus.db")
            members["db/joinus.db"] = work / "joinus.db"
        else:
            _dump_postgres(settings.database_url, work / "joinus.pgdump")
            members["db/joinus.pgdump"] = work / "joinus.pgdump"
        tracker_path = _sqlite_path(settings.tracker_store_url)
        if tracker_path is not None and tracker_path.exists():
            _dump_sqlite(tracker_path, work / "rasa_tracker.db")
            members["db/rasa_tracker.db"] = work / "rasa_tracker.db"
        elif tracker_path is None and not _same_postgres(
            settings.tracker_store_url, settings.database_url
        ):
            _dump_postgres(settings.tracker_store_url, work / "rasa_tracker.pgdump")
            members["db/rasa_tracker.pgdump"] = work / "rasa_tracker.pgdump"
        for name, value in _keys(settings).items():
            (work / name).write_bytes(value)
            members[f"secrets/{name}"] = work / name
        manifest = Manifest(
            created=time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            database="sqlite" if db_path is not None else "postgresql",
            files={name: _sha256(path.read_bytes()) for name, path in members.items()},
        )
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
            _add_bytes(tar, "manifest.json", manifest.to_json())
            for name, path in members.items():
                _add_bytes(tar, name, path.read_bytes())
    return manifest, seal(buffer.getvalue(), passphrase)


def create_backup(settings: Settings, target: Path, passphrase: str) -> Manifest:
    """Write an encrypted backup to ``target`` (mode 0600, atomically)."""
    manifest, sealed = build_backup(settings, passphrase)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(sealed)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(target)
    return manifest


def read_backup(source: Path | bytes, passphrase: str) -> tuple[Manifest, dict[str, bytes]]:
    """Decrypt and verify a backup (a file or its bytes); returns its manifest and its files."""
    if isinstance(source, bytes):
        sealed = source
    else:
        try:
            sealed = source.read_bytes()
        except OSError as exc:
            raise BackupError(f"cannot read {source}: {exc.strerror}") from None
    plain = unseal(sealed, passphrase)
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(plain), mode="r:gz") as tar:
        for member in tar.getmembers():
            extracted = tar.extractfile(member)
            if extracted is not None:
                files[member.name] = extracted.read()
    raw = json.loads(files.pop("manifest.json", b"{}"))
    manifest = Manifest(raw.get("created", "?"), raw.get("database", "?"), raw.get("files", {}))
    if raw.get("format") != FORMAT_VERSION or set(manifest.files) != set(files):
        raise BackupError("the backup's contents do not match its manifest")
    for name, digest in manifest.files.items():
        if _sha256(files[name]) != digest:
            raise BackupError(f"{name} in the backup is damaged (checksum)")
    return manifest, files


def restore_backup(
    settings: Settings, source: Path | bytes, passphrase: str, *, force: bool = False
) -> Manifest:
    """Restore into ``settings``' (empty) data dir and database; ``force`` overwrites."""
    manifest, files = read_backup(source, passphrase)
    db_path = _sqlite_path(settings.database_url)
    if (manifest.database == "sqlite") != (db_path is not None):
        raise BackupError(
            f"the backup holds a {manifest.database} database but DATABASE_URL points to "
            f"{'SQLite' if db_path is not None else 'PostgreSQL'}"
        )
    tracker_path = _sqlite_path(settings.tracker_store_url)
    occupied = _occupied(settings, db_path, tracker_path, files)
    if occupied and not force:
        raise BackupError(
            "refusing to overwrite existing data (" + ", ".join(occupied) + "); "
            "restore into an empty data dir and database, or add --force"
        )
    with tempfile.TemporaryDirectory(prefix="joinus-restore-") as tmp:
        work = Path(tmp)
        if db_path is not None:
            _restore_sqlite_file(files["db/joinus.db"], db_path, work)
        else:
            (work / "joinus.pgdump").write_bytes(files["db/joinus.pgdump"])
            _restore_postgres(settings.database_url, work / "joinus.pgdump", force=force)
        if "db/rasa_tracker.db" in files and tracker_path is not None:
            _restore_sqlite_file(files["db/rasa_tracker.db"], tracker_path, work)
        if "db/rasa_tracker.pgdump" in files and tracker_path is None:
            (work / "tracker.pgdump").write_bytes(files["db/rasa_tracker.pgdump"])
            _restore_postgres(settings.tracker_store_url, work / "tracker.pgdump", force=force)
    settings.secrets_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    for name in KEY_FILES:
        if f"secrets/{name}" in files:
            _write_private(settings.secrets_dir / name, files[f"secrets/{name}"])
    return manifest


def _occupied(
    settings: Settings, db_path: Path | None, tracker_path: Path | None, files: dict[str, bytes]
) -> list[str]:
    found: list[str] = []
    for path in (db_path, tracker_path):
        if path is not None and path.exists() and path.stat().st_size > 0:
            found.append(str(path))
    if db_path is None and _postgres_has_data(settings.database_url):
        found.append("the PostgreSQL database has tables")
    for name in KEY_FILES:
        key = settings.secrets_dir / name
        if (
            key.exists()
            and f"secrets/{name}" in files
            and key.read_bytes() != files[f"secrets/{name}"]
        ):
            found.append(str(key))
    return found


def _restore_sqlite_file(content: bytes, target: Path, work: Path) -> None:
    staged = work / (target.name + ".restore")
    staged.write_bytes(content)
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):  # an old write-ahead log must not be replayed onto it
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    _dump_sqlite(staged, target)


def _write_private(path: Path, content: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    os.chmod(path, 0o600)


def _add_bytes(tar: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = len(content), 0o600, int(time.time())
    tar.addfile(info, io.BytesIO(content))


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BackupError(f"the backup passphrase must be at least {MIN_PASSPHRASE} characters")


def _passphrase(settings: Settings, *, confirm: bool) -> str:
    if settings.ops.backup_passphrase:
        return settings.ops.backup_passphrase
    if not sys.stdin.isatty():
        raise BackupError("set BACKUP_PASSPHRASE (or run in a terminal to type it)")
    first = getpass.getpass("Backup passphrase: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise BackupError("the passphrases differ")
    return first


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.tools.backup", description=(__doc__ or "").split("\n\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)
    create = sub.add_parser("create", help="write an encrypted backup ('-' = standard output)")
    create.add_argument("file")
    restore = sub.add_parser(
        "restore", help="restore into an empty data dir ('-' = standard input)"
    )
    restore.add_argument("file")
    restore.add_argument("--force", action="store_true", help="overwrite existing data")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        if args.command == "create":
            passphrase = _passphrase(settings, confirm=args.file != "-")
            if args.file == "-":  # e.g. `docker compose exec -T bot … create - > file`
                manifest, sealed = build_backup(settings, passphrase)
                sys.stdout.buffer.write(sealed)
                sys.stdout.buffer.flush()
                where, size = "standard output", len(sealed)
            else:
                manifest = create_backup(settings, Path(args.file), passphrase)
                where, size = args.file, Path(args.file).stat().st_size
            print(
                f"Backup written to {where} ({size} bytes; {manifest.database}; "
                f"{len(manifest.files)} files). Keep the passphrase apart from it.",
                file=sys.stderr,
            )
        else:
            source: Path | bytes = sys.stdin.buffer.read() if args.file == "-" else Path(args.file)
            manifest = restore_backup(
                settings, source, _passphrase(settings, confirm=False), force=args.force
            )
            print(
                f"Restored the backup of {manifest.created} ({manifest.database}) into "
                f"{settings.data_dir}. Start the assistant: it upgrades the schema if needed.",
                file=sys.stderr,
            )
    except BackupError as exc:
        print(f"Backup error: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:
        print(f"Settings error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
