"""Staff roles: coaches run the ambassador programme only; admins come from settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.errors import NotStaff
from bot.staff.members import Actor, StaffDirectory, is_staff
from bot.storage.db import Database, migrate

ADMIN, STAFF, COACH = 1, 2, 3


@pytest.fixture
def directory(tmp_path: Path) -> StaffDirectory:
    url = f"sqlite:///{tmp_path / 'joinus.db'}"
    migrate(url)
    directory = StaffDirectory(Database(url), frozenset({ADMIN}))
    admin = Actor(ADMIN, True, "admin")
    directory.redeem(directory.create_invite(admin), STAFF, "Sam")
    directory.redeem(directory.create_invite(admin, "coach"), COACH, "Cas")
    return directory


def test_roles_from_settings_and_database(directory: StaffDirectory) -> None:
    assert [directory.role(i) for i in (ADMIN, STAFF, COACH, 99)] == [
        "admin",
        "staff",
        "coach",
        None,
    ]


def test_coach_is_refused_for_leads_but_passes_where_coaches_may(directory: StaffDirectory) -> None:
    with pytest.raises(NotStaff):
        directory.require(COACH)
    assert directory.require(COACH, coach_ok=True).is_coach
    assert directory.require(STAFF).role == "staff"
    with pytest.raises(NotStaff):
        directory.require(STAFF, admin=True)
    with directory._db.session() as session:  # the ambassador commands' check lets coaches in
        assert is_staff(session, COACH)


def test_only_admins_invite_and_roles_are_checked(directory: StaffDirectory) -> None:
    with pytest.raises(NotStaff):
        directory.create_invite(Actor(STAFF, False, "staff"))
    with pytest.raises(ValueError):
        directory.create_invite(Actor(ADMIN, True, "admin"), "admin")
    roster = {m.telegram_id: m.role for m in directory.roster()}
    assert roster == {STAFF: "staff", COACH: "coach"}
