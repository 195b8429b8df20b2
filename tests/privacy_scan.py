"""Scan every row of every table of a database for typed personal values (issue 11).

A value counts as found in plain text, JSON-escaped (as Rasa stores events), lower-cased, or
base64-encoded at any byte alignment (standard and URL-safe alphabets). Encrypted columns hold
Fernet tokens, which never contain these.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable

from sqlalchemy import MetaData, create_engine, select


def _b64_needles(value: str) -> set[str]:
    raw = value.encode()
    needles: set[str] = set()
    if len(raw) < 6:
        return needles  # too short to tell from random base64
    for offset in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(b"\0" * offset + raw).decode()
            # Skip the characters that depend on the bytes around the value.
            start = (offset * 8 + 5) // 6 + 1
            end = ((offset + len(raw)) * 8) // 6 - 1
            if end - start >= 6:
                needles.add(encoded[start:end])
    return needles


def needles(values: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(case-insensitive text forms, case-sensitive base64 forms) -> the value they stand for."""
    text: dict[str, str] = {}
    encoded: dict[str, str] = {}
    for value in values:
        for form in (value, json.dumps(value)[1:-1], json.dumps(value, ensure_ascii=False)[1:-1]):
            text[form.lower()] = value
        for form in _b64_needles(value):
            encoded[form] = value
    return text, encoded


def find_plaintext(url: str, values: Iterable[str]) -> list[str]:
    """'table: value' for every row of every table that still shows one of ``values``."""
    text_forms, b64_forms = needles(values)
    engine = create_engine(url)
    found: list[str] = []
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                for row in conn.execute(select(table)):
                    text = " ".join(str(cell) for cell in row)
                    lowered = text.lower()
                    found += [f"{table.name}: {v!r}" for f, v in text_forms.items() if f in lowered]
                    found += [
                        f"{table.name}: {v!r} (base64)" for f, v in b64_forms.items() if f in text
                    ]
    finally:
        engine.dispose()
    return sorted(set(found))
