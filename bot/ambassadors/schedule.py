"""When reminders go out: pure planning in local time (zoneinfo, so daylight saving is right).

A reminder is planned at a local wall-clock time on a local date (e.g. 08:00 three days before
the due date); converting that wall time with zoneinfo gives the right instant on both sides of
the last Sunday of March and October. Quiet hours (night, and school hours on working days) push
a reminder to the next allowed moment; they are never skipped. On weekends and public holidays
there is no school, so only the night is quiet (the calendar is bot/core/workdays.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.core.settings import AmbassadorSettings
from bot.core.workdays import is_working_day, on_next_working_day

Window = tuple[time, time]


@dataclass(frozen=True)
class ReminderPolicy:
    tz: ZoneInfo
    days_before: tuple[int, ...] = (3, 0)
    at: time = time(8, 0)
    overdue_days: int = 1
    quiet: Window | None = (time(22, 0), time(8, 0))
    school: Window | None = (time(8, 30), time(15, 30))

    @classmethod
    def from_settings(cls, tz: str, settings: AmbassadorSettings) -> ReminderPolicy:
        return cls(
            tz=ZoneInfo(tz),
            days_before=settings.reminder_days,
            at=settings.reminder_time,
            overdue_days=settings.overdue_days,
            quiet=settings.quiet_hours,
            school=settings.school_hours,
        )


@dataclass(frozen=True)
class PlannedReminder:
    kind: str  # "d3" = three days before, "d0" = on the day, "overdue"
    at: datetime  # timezone-aware; already moved out of quiet hours


def local_moment(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The instant of a local wall-clock time (a time skipped by DST lands an hour later)."""
    return datetime.combine(day, at, tzinfo=tz)


def _inside(t: time, window: Window) -> bool:
    start, end = window
    if start <= end:
        return start <= t < end
    return t >= start or t < end  # the window crosses midnight


def _window_end(local: datetime, window: Window) -> datetime:
    start, end = window
    day = local.date()
    if start > end and local.time() >= start:
        day += timedelta(days=1)
    return datetime.combine(day, end, tzinfo=local.tzinfo)


def next_allowed(moment: datetime, policy: ReminderPolicy) -> datetime:
    """``moment`` itself if reminders may go out then, else the first moment after quiet hours."""
    local = moment.astimezone(policy.tz)
    for _ in range(8):  # windows may touch (quiet ends 08:00, school starts 08:30); few hops
        if policy.quiet is not None and _inside(local.time(), policy.quiet):
            local = _window_end(local, policy.quiet)
        elif (
            policy.school is not None
            and is_working_day(local.date())
            and _inside(local.time(), policy.school)
        ):
            local = _window_end(local, policy.school)
        else:
            return local
    return local


def is_quiet(moment: datetime, policy: ReminderPolicy) -> bool:
    return next_allowed(moment, policy) != moment


def plan_reminders(due: date, policy: ReminderPolicy) -> list[PlannedReminder]:
    """Every reminder of a task due on ``due``, in time order."""
    planned = [
        PlannedReminder(
            f"d{days}",
            next_allowed(local_moment(due - timedelta(days=days), policy.at, policy.tz), policy),
        )
        for days in sorted(policy.days_before, reverse=True)
    ]
    if policy.overdue_days > 0:
        overdue = local_moment(due + timedelta(days=policy.overdue_days), policy.at, policy.tz)
        planned.append(PlannedReminder("overdue", next_allowed(overdue, policy)))
    return planned


def weekly_moment(week_of: date, weekday: int, at: time, tz: ZoneInfo) -> datetime:
    """The instant of ``weekday`` (ISO, 1 = Monday) at ``at`` in the ISO week of ``week_of``."""
    monday = week_of - timedelta(days=week_of.weekday())
    return local_moment(monday + timedelta(days=weekday - 1), at, tz)


def due_weekly_slots(
    now: datetime, grace: timedelta, weekday: int, at: time, tz: ZoneInfo
) -> list[tuple[datetime, str]]:
    """Weekly moments that came due in the window ``[now - grace, now]``, with their ISO week.

    A moment on a day off (Easter Monday, Koningsdag on a Monday, Christmas) moves to the same
    time on the next working day — coaches are teachers, who read it when school is open. The
    week label stays the nominal week's, so the moved moment is still that week's one message;
    last week's slot is looked at too, because a Friday moment can move into the next week.
    """
    today = now.astimezone(tz).date()
    slots = []
    for week_of in (today - timedelta(weeks=1), today):
        nominal = weekly_moment(week_of, weekday, at, tz)
        moment = on_next_working_day(nominal)
        if now - grace <= moment <= now:
            iso = nominal.isocalendar()
            slots.append((moment, f"{iso.year}-W{iso.week:02d}"))
    return slots
