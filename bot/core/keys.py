"""Secrets: generated on first run with owner-only permissions, or given by the operator.

An operator may give a random key or a passphrase. A random key (43 or more characters of the
URL-safe alphabet, as ``secrets.token_urlsafe(32)`` prints and as we generate) is used as it is;
anything else is a passphrase and is stretched with scrypt and a random salt stored next to the
generated keys (``kdf.salt``), so a stolen database cannot be attacked with a fast dictionary run.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from functools import lru_cache
from pathlib import Path

SALT_FILE = "kdf.salt"
# scrypt cost: about 30-60 ms and 16 MiB per derivation, done once per process and key.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_STRONG = re.compile(r"^[A-Za-z0-9_\-]{43,}={0,2}$")
_READ_RETRIES = 50  # a file another process is writing right now: wait up to ~1 s


def is_strong(secret: bytes) -> bool:
    """A random key rather than a passphrase (no KDF needed)."""
    try:
        return bool(_STRONG.match(secret.decode("ascii")))
    except UnicodeDecodeError:
        return False


def _read(path: Path) -> bytes:
    for _ in range(_READ_RETRIES):
        value = path.read_bytes().strip()
        if value:
            return value
        time.sleep(0.02)
    raise OSError(f"secret file {path.name} is empty")


def create_once(path: Path, make: bytes) -> bytes:
    """Write ``make`` to ``path`` unless it exists; return what is in the file afterwards.

    The value is written to a private temporary file first and then hard-linked into place:
    the link either appears complete or fails because another process was first, so two
    processes starting at once can never end up with different keys or read a half-written one.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.exists():
        return _read(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        os.write(fd, make + b"\n")
        os.fsync(fd)
    finally:
        os.close(fd)
    try:
        os.link(temporary, path)
    except FileExistsError:
        pass  # another process won the race: use its value, read back below
    except OSError:
        # No hard links on this file system: fall back to O_EXCL (readers retry while empty).
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(make + b"\n")
    finally:
        temporary.unlink(missing_ok=True)
    return _read(path)


def load_or_create_secret(path: Path, from_env: str | None, *, nbytes: int = 32) -> bytes:
    """Return the secret from the environment, else from ``path``, else create it there."""
    if from_env:
        return from_env.encode()
    return create_once(path, secrets.token_urlsafe(nbytes).encode())


def load_or_create_salt(secrets_dir: Path) -> bytes:
    """The random salt of passphrase-derived keys (created once, shared by every process)."""
    return bytes.fromhex(
        create_once(secrets_dir / SALT_FILE, secrets.token_hex(16).encode()).decode()
    )


@lru_cache(maxsize=16)
def stretch(passphrase: bytes, salt: bytes) -> bytes:
    """32 key bytes from a passphrase (scrypt); cached, since every service opens a cipher."""
    return hashlib.scrypt(
        passphrase, salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 2**20, dklen=32
    )


def key_material(secret: bytes, secrets_dir: Path) -> bytes:
    """What a key is made from: a random key as is, a passphrase stretched with the salt."""
    if is_strong(secret):
        return secret
    return stretch(secret, load_or_create_salt(secrets_dir))
