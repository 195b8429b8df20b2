from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bot.core.keys import load_or_create_secret
from bot.core.pseudonym import Pseudonymiser


def test_pseudonym_is_stable_keyed_and_hides_the_id() -> None:
    p = Pseudonymiser(b"s" * 32)
    a = p.for_user("telegram", 123456789)
    assert a == p.for_user("telegram", 123456789)
    assert "123456789" not in a
    assert len(a) == 64
    assert a != p.for_user("telegram", 123456780)
    assert a != p.for_user("terminal", 123456789)
    assert a != Pseudonymiser(b"t" * 32).for_user("telegram", 123456789)


def test_short_secret_rejected_and_repr_hides_secret() -> None:
    with pytest.raises(ValueError):
        Pseudonymiser(b"short")
    assert "s" * 32 not in repr(Pseudonymiser(b"s" * 32))


def test_secret_generated_once_with_owner_only_permissions(tmp_path: Path) -> None:
    path = tmp_path / "secrets" / "pseudonym.key"
    first = load_or_create_secret(path, None)
    assert load_or_create_secret(path, None) == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 32


def test_secret_from_environment_wins(tmp_path: Path) -> None:
    assert (
        load_or_create_secret(tmp_path / "k", "from-env-secret-value") == b"from-env-secret-value"
    )
    assert not (tmp_path / "k").exists()
