"""`python -m bot.tools.rotate_keys`: re-encrypt every encrypted column with the current key.

Rotation: set ENCRYPTION_KEY to the new key and OLD_ENCRYPTION_KEYS to the old one(s), restart
(new data is encrypted with the new key, old data still decrypts), run this command, then drop
OLD_ENCRYPTION_KEYS. Every column named ``*_enc`` of every table in our database is covered,
also tables added later; rows are handled in batches, each batch its own transaction, so the
assistant can keep running and an interrupted run can simply be started again.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field

from sqlalchemy import Engine, MetaData, Table, select, update

from bot.core.crypto import Cipher
from bot.core.errors import JoinUsError
from bot.core.hardening import private_files
from bot.core.settings import load_settings
from bot.storage.db import make_engine

ENCRYPTED_SUFFIX = "_enc"


@dataclass
class RotationReport:
    rows_seen: int = 0
    values_rotated: int = 0
    per_table: dict[str, int] = field(default_factory=dict)


def encrypted_tables(engine: Engine) -> list[tuple[Table, list[str]]]:
    """Tables with one primary-key column and at least one ``*_enc`` column."""
    metadata = MetaData()
    metadata.reflect(engine)
    found = []
    for table in metadata.sorted_tables:
        columns = [c.name for c in table.columns if c.name.endswith(ENCRYPTED_SUFFIX)]
        if columns and len(table.primary_key.columns) == 1:
            found.append((table, columns))
    return found


def rotate_database(engine: Engine, cipher: Cipher, *, batch: int = 500) -> RotationReport:
    report = RotationReport()
    for table, columns in encrypted_tables(engine):
        key = next(iter(table.primary_key.columns))
        last = None
        while True:
            query = select(key, *(table.c[c] for c in columns)).order_by(key).limit(batch)
            if last is not None:
                query = query.where(key > last)
            with engine.begin() as conn:
                rows = conn.execute(query).all()
                for row in rows:
                    report.rows_seen += 1
                    old = {
                        name: value
                        for name, value in zip(columns, row[1:], strict=True)
                        if value and not cipher.is_current(value)
                    }
                    if old:
                        changes = {name: cipher.rotate(value) for name, value in old.items()}
                        # Only if nobody changed the value meanwhile (the assistant keeps running).
                        guard = [table.c[name] == value for name, value in old.items()]
                        conn.execute(update(table).where(key == row[0], *guard).values(**changes))
                        report.values_rotated += len(changes)
                        report.per_table[table.name] = report.per_table.get(table.name, 0) + len(
                            changes
                        )
            if len(rows) < batch:
                break
            last = rows[-1][0]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--batch", type=int, default=500, help="rows per transaction")
    args = parser.parse_args(argv)
    private_files()
    try:
        settings = load_settings()
        engine = make_engine(settings.database_url)
        report = rotate_database(engine, Cipher.from_settings(settings), batch=max(1, args.batch))
    except JoinUsError as exc:
        print(f"Rotation stopped: {exc}", file=sys.stderr)
        return 1
    for table, count in sorted(report.per_table.items()):
        print(f"  {table}: {count} values re-encrypted")
    print(f"{report.values_rotated} values re-encrypted in {report.rows_seen} rows.")
    if settings.security.old_encryption_keys:
        print("All data now uses the current key: OLD_ENCRYPTION_KEYS can be removed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
