"""Ambassadors end to end through the service, the outbox and a fake Telegram (SQLite + PostgreSQL).

Time is a FakeClock; a "restart" is new service and delivery instances on the same database.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from telegram import Bot

from bot.ambassadors.programme import AmbassadorProgramme
from bot.core.clock import FakeClock
from bot.core.crypto import Cipher
from bot.core.errors import AmbassadorError, InviteInvalid
from bot.core.pseudonym import Pseudonymiser
from bot.core.settings import Settings, load_settings
from bot.storage.db import Database, migrate
from bot.storage.models_ambassadors import Ambassador, AmbassadorConsent, AmbassadorTask
from bot.storage.models_outbox import OutboxMessage
from bot.telegram.delivery import OutboxDelivery
from tests.fakes.bot_api import FakeBotApi

CIPHER = Cipher(b"test-key")
PSEUDO = Pseudonymiser(b"p" * 32)
COACH, SAM, NOOR, PARENT = 500, 1001, 1002, 2001


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    migrate(database_url)
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings({"JOINUS_DATA_DIR": str(tmp_path), "DATABASE_URL": database_url})


@pytest.fixture
async def bot() -> AsyncIterator[tuple[FakeBotApi, Bot]]:
    with FakeBotApi() as api:
        tg = Bot("123:AMB", base_url=api.base_url)
        await tg.initialize()
        yield api, tg
        await tg.shutdown()


class World:
    """One 'process': service + delivery loop sharing a clock; restart() makes fresh ones."""

    def __init__(self, database: Database, settings: Settings, clock: FakeClock, tg: Bot) -> None:
        self.database, self.settings, self.clock, self.tg = database, settings, clock, tg
        self.restart()

    def restart(self) -> None:
        self.service = AmbassadorProgramme(
            self.database, CIPHER, PSEUDO, self.settings, clock=self.clock
        )
        self.delivery = OutboxDelivery(
            self.database,
            CIPHER,
            self.tg,
            clock=self.clock,
            blocked_hooks=self.service.blocked_hooks(),
        )

    async def tick(self) -> int:
        """What the scheduler and the delivery loop do each round."""
        self.service.materialise_due()
        return await self.delivery.deliver_due()

    def enrol(
        self, user: int, name: str, *, under_16: bool = False, school: str = "Het Lyceum"
    ) -> int:
        invite = self.service.enrolment.create_invite(school, coach_chat_id=COACH, school_year=2025)
        return self.service.enrolment.enrol(
            invite.token, user_id=user, chat_id=user, first_name=name, under_16=under_16
        ).ambassador_id


def _texts(api: FakeBotApi, chat: int) -> list[str]:
    return api.sent_texts(chat)


def test_enrolment_from_invite(database: Database, settings: Settings) -> None:
    clock = FakeClock(_utc(2025, 9, 29, 12, 0))
    service = AmbassadorProgramme(database, CIPHER, PSEUDO, settings, clock=clock)
    invite = service.enrolment.create_invite("Het  Lyceum", coach_chat_id=COACH)
    assert (
        invite.school_year == 2025
        and service.enrolment.invite_team(invite.token).school == "Het Lyceum"
    )
    enrolment = service.enrolment.enrol(
        invite.token, user_id=SAM, chat_id=SAM, first_name="Sam", under_16=False
    )
    assert enrolment.status == "active" and enrolment.parent_code is None
    with pytest.raises(InviteInvalid):  # one-time
        service.enrolment.enrol(
            invite.token, user_id=NOOR, chat_id=NOOR, first_name="Noor", under_16=False
        )
    with pytest.raises(InviteInvalid):
        service.enrolment.invite_team(invite.token)
    # A second invite for the same school and year joins the same team (one year plan).
    second = service.enrolment.create_invite("het lyceum", coach_chat_id=COACH)
    assert second.team_id == invite.team_id
    again = service.enrolment.enrol(
        second.token, user_id=SAM, chat_id=SAM, first_name="Sam", under_16=False
    )
    assert again.already
    (team,) = service.staff_views.teams()
    assert [a.first_name for a in team.ambassadors] == ["Sam"]
    tasks = service.tasks.my_tasks(SAM)
    assert [t.due_date for t in tasks][:2] == [date(2025, 10, 15)] * 2 and len(tasks) == 8
    with database.session() as s:
        consent = s.scalars(select(AmbassadorConsent)).one()
        assert consent.given_by == "self" and consent.text_version
        amb = s.scalars(select(Ambassador)).one()
        assert "Sam" not in (amb.first_name_enc or "") and str(SAM) not in (amb.chat_id_enc or "")
        coach_notes = s.scalars(
            select(OutboxMessage).where(OutboxMessage.kind == "amb_staff")
        ).all()
        assert len(coach_notes) == 1
    clock.advance(timedelta(days=31))
    expired = service.enrolment.create_invite("Het Lyceum", coach_chat_id=COACH)
    clock.advance(timedelta(days=31))
    with pytest.raises(InviteInvalid):
        service.enrolment.enrol(
            expired.token, user_id=NOOR, chat_id=NOOR, first_name="Noor", under_16=False
        )


def test_under_16_waits_for_parent(database: Database, settings: Settings) -> None:
    clock = FakeClock(_utc(2025, 9, 29, 12, 0))
    service = AmbassadorProgramme(database, CIPHER, PSEUDO, settings, clock=clock)
    invite = service.enrolment.create_invite("Het Lyceum", coach_chat_id=COACH)
    enrolment = service.enrolment.enrol(
        invite.token, user_id=NOOR, chat_id=NOOR, first_name="Noor", under_16=True
    )
    assert enrolment.status == "awaiting_parent" and enrolment.parent_code
    assert service.staff_views.teams()[0].ambassadors[0].first_name is None  # staff see no name yet
    with pytest.raises(AmbassadorError, match="ouder"):
        service.tasks.my_tasks(NOOR)
    assert service.consent.parent_preview(enrolment.parent_code)[0] == "Noor"
    assert (
        service.consent.confirm_parent(enrolment.parent_code, parent_user_id=PARENT, agree=True)
        == "Noor"
    )
    assert len(service.tasks.my_tasks(NOOR)) == 8
    with pytest.raises(InviteInvalid):  # the code is used up
        service.consent.confirm_parent(enrolment.parent_code, parent_user_id=PARENT, agree=True)
    with database.session() as s:
        assert sorted(c.given_by for c in s.scalars(select(AmbassadorConsent))) == [
            "parent",
            "self",
        ]


def test_unconfirmed_under_16_is_erased_after_14_days(
    database: Database, settings: Settings
) -> None:
    clock = FakeClock(_utc(2025, 9, 29, 12, 0))
    service = AmbassadorProgramme(database, CIPHER, PSEUDO, settings, clock=clock)
    invite = service.enrolment.create_invite("Het Lyceum", coach_chat_id=COACH)
    service.enrolment.enrol(
        invite.token, user_id=NOOR, chat_id=NOOR, first_name="Noor", under_16=True
    )
    clock.advance(timedelta(days=15))
    service.materialise_due()
    with database.session() as s:
        assert s.scalars(select(Ambassador)).all() == []


async def test_reminders_at_local_time_across_dst_exactly_once_across_restarts(
    database: Database, settings: Settings, bot: tuple[FakeBotApi, Bot]
) -> None:
    api, tg = bot
    clock = FakeClock(_utc(2025, 10, 1, 12, 0))
    world = World(database, settings, clock, tg)
    world.enrol(SAM, "Sam")
    team_id = world.service.staff_views.teams()[0].team.id
    task = world.service.tasks.add_task(team_id, "Posters ophangen", date(2025, 10, 27))
    assert await world.tick() >= 1  # the "new task" notice
    api.clear()

    # Three days before, at 08:00 Amsterdam summer time = 06:00 UTC.
    clock.set(_utc(2025, 10, 24, 5, 59))
    assert await world.tick() == 0
    world.restart()  # the bot restarts between scheduling and due time
    clock.set(_utc(2025, 10, 24, 6, 0))
    world.service.materialise_due()
    world.restart()  # ...and crashes again after enqueueing, before sending
    assert await world.tick() == 1
    for _ in range(3):
        world.restart()
        clock.advance(timedelta(minutes=5))
        assert await world.tick() == 0
    assert len(_texts(api, SAM)) == 1 and "Posters ophangen" in _texts(api, SAM)[0]

    # On the day, after the clocks went back: 08:00 winter time = 07:00 UTC.
    clock.set(_utc(2025, 10, 27, 6, 59))
    assert await world.tick() == 0
    clock.set(_utc(2025, 10, 27, 7, 0))
    assert await world.tick() == 1
    assert await world.tick() == 0
    assert "Vandaag" in _texts(api, SAM)[-1]

    # The bot is down for the whole overdue day: a reminder missed within the grace window comes
    # once after the restart; one missed by more than the grace window is skipped.
    # (The year plan's "presentatie" task, due 31 October, has its 3-day reminder then too.)
    clock.set(_utc(2025, 10, 28, 21, 30))  # planned 08:00, now 22:30 local: quiet hours
    world.restart()
    world.service.materialise_due()
    assert await world.delivery.deliver_due() == 0  # waits for 08:00
    clock.set(_utc(2025, 10, 29, 7, 0))
    assert await world.tick() == 2
    assert await world.tick() == 0
    posters = [t for t in _texts(api, SAM) if "Posters" in t]
    assert len(posters) == 3 and "Geen stress" in posters[-1]
    with database.session() as s:
        keys = sorted(
            s.scalars(
                select(OutboxMessage.dedupe_key).where(
                    OutboxMessage.dedupe_key.startswith(f"reminder:{task.id}:")
                )
            )
        )
    assert keys == [f"reminder:{task.id}:1:{kind}:2025-10-27" for kind in ("d0", "d3", "overdue")]


async def test_missed_beyond_grace_window_is_not_sent(
    database: Database, settings: Settings, bot: tuple[FakeBotApi, Bot]
) -> None:
    api, tg = bot
    clock = FakeClock(_utc(2025, 11, 3, 12, 0))
    world = World(database, settings, clock, tg)
    world.enrol(SAM, "Sam")
    world.service.tasks.add_task(
        world.service.staff_views.teams()[0].team.id, "Stukje leerlingenkrant", date(2025, 11, 14)
    )
    await world.tick()
    api.clear()
    clock.set(_utc(2025, 11, 13, 12, 0))  # down from before the d3 reminder (11 Nov) until now
    world.restart()
    assert await world.tick() == 0  # d3 was 2 days ago: stale, skipped
    clock.set(_utc(2025, 11, 14, 7, 0))
    assert await world.tick() == 1
    assert len(_texts(api, SAM)) == 1


async def test_quiet_school_hours_delay_delivery(
    database: Database, tmp_path: Path, database_url: str, bot: tuple[FakeBotApi, Bot]
) -> None:
    api, tg = bot
    settings = load_settings(
        {
            "JOINUS_DATA_DIR": str(tmp_path),
            "DATABASE_URL": database_url,
            "AMBASSADOR_REMINDER_TIME": "10:00",
            "AMBASSADOR_REMINDER_DAYS": "0",
        }
    )
    clock = FakeClock(_utc(2025, 11, 3, 12, 0))
    world = World(database, settings, clock, tg)
    world.enrol(SAM, "Sam")
    world.service.tasks.add_task(
        world.service.staff_views.teams()[0].team.id, "Leerlingenraad mailen", date(2025, 11, 5)
    )
    await world.tick()
    api.clear()
    clock.set(_utc(2025, 11, 5, 9, 0))  # 10:00 local on a Wednesday: school
    assert await world.tick() == 0
    clock.set(_utc(2025, 11, 5, 14, 29))  # 15:29 local
    assert await world.tick() == 0
    clock.set(_utc(2025, 11, 5, 14, 30))  # 15:30 local: school is out
    assert await world.tick() == 1


async def test_done_and_snooze_cancel_and_reschedule(
    database: Database, settings: Settings, bot: tuple[FakeBotApi, Bot]
) -> None:
    api, tg = bot
    clock = FakeClock(_utc(2025, 11, 3, 12, 0))
    world = World(database, settings, clock, tg)
    world.enrol(SAM, "Sam")
    team_id = world.service.staff_views.teams()[0].team.id
    first = world.service.tasks.add_task(team_id, "Flyers uitdelen", date(2025, 11, 10))
    second = world.service.tasks.add_task(team_id, "Beeldkrant regelen", date(2025, 11, 10))
    await world.tick()
    api.clear()

    # Both reminders are materialised on Friday at 23:00 -> held until Saturday 08:00 (quiet).
    clock.set(_utc(2025, 11, 7, 22, 0))
    world.service.materialise_due()
    assert await world.delivery.deliver_due() == 0
    world.service.tasks.mark_done(SAM, first.id)  # done before delivery: its reminder is cancelled
    new_due = date(2025, 11, 21)
    snoozed = world.service.tasks.snooze(SAM, second.id, new_due)
    assert snoozed.due_date == new_due
    clock.set(_utc(2025, 11, 8, 7, 0))
    assert await world.tick() == 2  # the two notices to the coach, nothing to Sam
    assert _texts(api, SAM) == []
    coach = _texts(api, COACH)
    assert any("afgerond" in t and "Flyers" in t for t in coach)
    assert any("meer tijd" in t and "Beeldkrant" in t for t in coach)
    assert [t.id for t in world.service.tasks.my_tasks(SAM) if t.id in {first.id, second.id}] == [
        second.id
    ]
    # The snoozed task is reminded for its new date: 18 Nov 08:00 = 07:00 UTC.
    clock.set(_utc(2025, 11, 18, 7, 0))
    await world.tick()
    assert len(_texts(api, SAM)) == 1 and "vrijdag 21 november" in _texts(api, SAM)[-1]
    with pytest.raises(AmbassadorError):
        world.service.tasks.snooze(SAM, second.id, date(2026, 7, 15))  # after the school year


async def test_blocked_ambassador_coach_told_no_endless_retries(
    database: Database, settings: Settings, bot: tuple[FakeBotApi, Bot]
) -> None:
    api, tg = bot
    clock = FakeClock(_utc(2025, 11, 3, 12, 0))
    world = World(database, settings, clock, tg)
    world.enrol(SAM, "Sam")
    team_id = world.service.staff_views.teams()[0].team.id
    world.service.tasks.add_task(team_id, "Flyers uitdelen", date(2025, 11, 10))
    world.service.tasks.add_task(team_id, "Huisarts bezoeken", date(2025, 11, 12))
    await world.tick()
    api.block_chat(SAM)
    clock.set(_utc(2025, 11, 7, 7, 0))
    await world.tick()
    await world.tick()
    for day in range(1, 10):
        clock.set(_utc(2025, 11, 7 + day, 14, 45))
        await world.tick()
    calls_to_sam = [c for c in api.calls_to("sendMessage") if c.get("chat_id") == SAM]
    assert len(calls_to_sam) == 3  # two "new task" notices before blocking, one attempt after
    assert sum("heeft de bot geblokkeerd" in t for t in _texts(api, COACH)) == 1
    assert world.service.staff_views.teams()[0].ambassadors[0].status == "blocked"
    # Talking to the bot again ends the block.
    api.unblock_chat(SAM)
    assert world.service.tasks.my_tasks(SAM)
    assert world.service.staff_views.teams()[0].ambassadors[0].status == "active"


async def test_hours_to_30_and_the_certificate(
    database: Database, settings: Settings, bot: tuple[FakeBotApi, Bot]
) -> None:
    api, tg = bot
    clock = FakeClock(_utc(2026, 5, 4, 16, 0))
    world = World(database, settings, clock, tg)
    sam = world.enrol(SAM, "Sam")
    progress = world.service.hours.log_hours(SAM, 20 * 60, "promotie op school")
    assert progress.pending_minutes == 1200 and progress.confirmed_minutes == 0
    world.service.hours.log_hours(SAM, 9 * 60, "presentaties")
    world.service.hours.log_hours(SAM, 60, "avondgroep")
    world.service.hours.log_hours(SAM, 120, "nog iets")
    pending = world.service.hours.pending_hours()
    assert [p.minutes for p in pending] == [1200, 540, 60, 120]
    with pytest.raises(AmbassadorError, match="Nog niet genoeg"):
        world.service.hours.issue_certificate(sam)
    for entry in pending[:3]:
        world.service.hours.decide_hours(entry.id, confirm=True)
    _view, progress = world.service.hours.decide_hours(pending[3].id, confirm=False)
    assert progress.confirmed_minutes == 1800 and progress.reached
    assert world.service.hours.my_certificate(SAM) is None
    cert = world.service.hours.issue_certificate(sam)
    assert (cert.first_name, cert.school, cert.confirmed_minutes) == ("Sam", "Het Lyceum", 1800)
    assert world.service.hours.issue_certificate(sam) == cert  # idempotent
    assert world.service.hours.my_certificate(SAM) == cert
    await world.tick()
    texts = _texts(api, SAM)
    assert sum("30 uur gehaald" in t for t in texts) == 1
    assert sum("Gefeliciteerd" in t for t in texts) == 1
    assert any("niet goedgekeurd" in t for t in texts)
    assert sum("schreef" in t for t in _texts(api, COACH)) == 4


async def test_weekly_coach_summary_once_a_week(
    database: Database, settings: Settings, bot: tuple[FakeBotApi, Bot]
) -> None:
    api, tg = bot
    clock = FakeClock(_utc(2025, 11, 3, 7, 0))  # Monday 08:00 local
    world = World(database, settings, clock, tg)
    world.enrol(SAM, "Sam")
    team_id = world.service.staff_views.teams()[0].team.id
    world.service.tasks.add_task(team_id, "Te laat ding", date(2025, 11, 5))
    world.service.hours.log_hours(SAM, 90, "voorbereiding")
    await world.tick()
    api.clear()
    clock.set(_utc(2025, 11, 3, 8, 0))  # 09:00 local
    await world.tick()
    world.restart()
    clock.advance(timedelta(hours=2))
    await world.tick()
    summaries = [t for t in _texts(api, COACH) if "Weekoverzicht" in t]
    assert len(summaries) == 1
    assert "Sam: 0 / 1,5" in summaries[0] and "Te laat: 3" in summaries[0]  # the October tasks
    clock.set(_utc(2025, 11, 10, 8, 0))
    await world.tick()
    assert len([t for t in _texts(api, COACH) if "Weekoverzicht" in t]) == 2


async def test_coach_summary_on_easter_monday_moves_to_tuesday(
    database: Database, settings: Settings, bot: tuple[FakeBotApi, Bot]
) -> None:
    api, tg = bot
    clock = FakeClock(_utc(2026, 4, 6, 6, 0))  # Easter Monday 6 April 2026, 08:00 local
    world = World(database, settings, clock, tg)
    world.enrol(SAM, "Sam")
    await world.tick()
    api.clear()
    clock.set(_utc(2026, 4, 6, 7, 30))  # 09:30 on Easter Monday: nothing yet
    await world.tick()
    assert not [t for t in _texts(api, COACH) if "Weekoverzicht" in t]
    clock.set(_utc(2026, 4, 7, 7, 0))  # Tuesday 09:00: the week's summary, once
    await world.tick()
    world.restart()
    clock.advance(timedelta(hours=1))
    await world.tick()
    assert len([t for t in _texts(api, COACH) if "Weekoverzicht" in t]) == 1


def test_staff_edits_tasks_for_one_or_the_whole_team(
    database: Database, settings: Settings
) -> None:
    clock = FakeClock(_utc(2025, 11, 3, 12, 0))
    service = AmbassadorProgramme(database, CIPHER, PSEUDO, settings, clock=clock)
    sam = service.enrolment.enrol(
        service.enrolment.create_invite("Het Lyceum", coach_chat_id=COACH).token,
        user_id=SAM,
        chat_id=SAM,
        first_name="Sam",
        under_16=False,
    ).ambassador_id
    service.enrolment.enrol(
        service.enrolment.create_invite("Het Lyceum", coach_chat_id=COACH).token,
        user_id=NOOR,
        chat_id=NOOR,
        first_name="Noor",
        under_16=False,
    )
    team_id = service.staff_views.teams()[0].team.id
    solo = service.tasks.add_task(team_id, "Alleen voor Sam", date(2025, 11, 20), assignee_id=sam)
    assert solo.id in {t.id for t in service.tasks.my_tasks(SAM)}
    assert solo.id not in {t.id for t in service.tasks.my_tasks(NOOR)}
    service.tasks.reassign_task(solo.id, None)
    assert solo.id in {t.id for t in service.tasks.my_tasks(NOOR)}
    service.tasks.change_task(solo.id, title="Voor iedereen", due=date(2025, 11, 25))
    service.tasks.cancel_task(solo.id)
    assert solo.id not in {t.id for t in service.tasks.my_tasks(SAM)}
    with database.session() as s:
        assert s.get(AmbassadorTask, solo.id).status == "cancelled"  # type: ignore[union-attr]
    with pytest.raises(AmbassadorError):
        service.tasks.mark_done(SAM, solo.id)
