"""The year plan of the handbook ("Bijlage 5 Handleiding Ambassadeurs van Join us", §5) as dated tasks.

Pure: no database, no clock. The handbook names periods, not days, so we fix one convention:
"begin <maand>" is the 1st-15th, "eind <maand>" the 16th to the last day, "<maand> t/m <maand>"
the whole months. A task is due on the last day of its period, moved back to the working day
before when that is a weekend day or public holiday (ambassadors work on it at school; the
calendar is bot/core/workdays.py).

The first two items (the call and the interviews, September) are the coach's: the ambassadors
are chosen at the end of September, so a team's task list starts in October. The final
assessment and certificate (April-June) is the coach's too.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from bot.ambassadors import texts
from bot.core.workdays import previous_working_day

Owner = Literal["coach", "ambassadors"]
PeriodKind = Literal["begin", "eind", "range"]

# The school year runs September-June; from July on, staff prepare the coming one.
NEW_SCHOOL_YEAR_MONTH = 7


@dataclass(frozen=True)
class PlanItem:
    key: str
    period: str  # the handbook's own wording of when
    kind: PeriodKind
    first_month: int
    last_month: int
    owner: Owner
    title: str
    description: str


@dataclass(frozen=True)
class PlannedTask:
    key: str
    period: str
    owner: Owner
    title: str
    description: str
    starts_on: date
    due_date: date


YEAR_PLAN: tuple[PlanItem, ...] = (
    PlanItem(
        "sep-oproep",
        texts.PLAN_BEGIN_SEPTEMBER,
        "begin",
        9,
        9,
        "coach",
        texts.PLAN_SEP_OPROEP_TITLE,
        texts.PLAN_SEP_OPROEP_TEXT,
    ),
    PlanItem(
        "sep-gesprekken",
        texts.PLAN_END_SEPTEMBER,
        "eind",
        9,
        9,
        "coach",
        texts.PLAN_SEP_GESPREKKEN_TITLE,
        texts.PLAN_SEP_GESPREKKEN_TEXT,
    ),
    PlanItem(
        "okt-meelopen",
        texts.PLAN_BEGIN_OCTOBER,
        "begin",
        10,
        10,
        "ambassadors",
        texts.PLAN_OKT_MEELOPEN_TITLE,
        texts.PLAN_OKT_MEELOPEN_TEXT,
    ),
    PlanItem(
        "okt-voorbereiden",
        texts.PLAN_BEGIN_OCTOBER,
        "begin",
        10,
        10,
        "ambassadors",
        texts.PLAN_OKT_VOORBEREIDEN_TITLE,
        texts.PLAN_OKT_VOORBEREIDEN_TEXT,
    ),
    PlanItem(
        "okt-presentatie",
        texts.PLAN_END_OCTOBER,
        "eind",
        10,
        10,
        "ambassadors",
        texts.PLAN_OKT_PRESENTATIE_TITLE,
        texts.PLAN_OKT_PRESENTATIE_TEXT,
    ),
    PlanItem(
        "nov-promotie",
        texts.PLAN_NOVEMBER_DECEMBER,
        "range",
        11,
        12,
        "ambassadors",
        texts.PLAN_NOV_PROMOTIE_TITLE,
        texts.PLAN_NOV_PROMOTIE_TEXT,
    ),
    PlanItem(
        "nov-gemeente",
        texts.PLAN_NOVEMBER_DECEMBER,
        "range",
        11,
        12,
        "ambassadors",
        texts.PLAN_NOV_GEMEENTE_TITLE,
        texts.PLAN_NOV_GEMEENTE_TEXT,
    ),
    PlanItem(
        "jan-presentatie-leerlingen",
        texts.PLAN_JANUARY_MARCH,
        "range",
        1,
        3,
        "ambassadors",
        texts.PLAN_JAN_PRESENTATIE_LEERLINGEN_TITLE,
        texts.PLAN_JAN_PRESENTATIE_LEERLINGEN_TEXT,
    ),
    PlanItem(
        "jan-signalering",
        texts.PLAN_JANUARY_JUNE,
        "range",
        1,
        6,
        "ambassadors",
        texts.PLAN_JAN_SIGNALERING_TITLE,
        texts.PLAN_JAN_SIGNALERING_TEXT,
    ),
    PlanItem(
        "apr-evaluatie",
        texts.PLAN_APRIL_JUNE,
        "range",
        4,
        6,
        "ambassadors",
        texts.PLAN_APR_EVALUATIE_TITLE,
        texts.PLAN_APR_EVALUATIE_TEXT,
    ),
    PlanItem(
        "apr-eindbeoordeling",
        texts.PLAN_APRIL_JUNE,
        "range",
        4,
        6,
        "coach",
        texts.PLAN_APR_EINDBEOORDELING_TITLE,
        texts.PLAN_APR_EINDBEOORDELING_TEXT,
    ),
)


def school_year_of(moment: date | datetime) -> int:
    """The year in which the school year containing ``moment`` (local date) starts."""
    day = moment.date() if isinstance(moment, datetime) else moment
    return day.year if day.month >= NEW_SCHOOL_YEAR_MONTH else day.year - 1


def school_year_label(start_year: int) -> str:
    return f"{start_year}-{start_year + 1}"


def school_year_end(start_year: int) -> date:
    return date(start_year + 1, 6, 30)


def _year_for(month: int, start_year: int) -> int:
    return start_year if month >= 8 else start_year + 1


def _period(item: PlanItem, start_year: int) -> tuple[date, date]:
    first_year = _year_for(item.first_month, start_year)
    last_year = _year_for(item.last_month, start_year)
    last_day = calendar.monthrange(last_year, item.last_month)[1]
    if item.kind == "begin":
        return date(first_year, item.first_month, 1), date(last_year, item.last_month, 15)
    if item.kind == "eind":
        return date(first_year, item.first_month, 16), date(last_year, item.last_month, last_day)
    return date(first_year, item.first_month, 1), date(last_year, item.last_month, last_day)


def plan_for(start_year: int, owner: Owner | None = None) -> list[PlannedTask]:
    """The year plan for the school year starting in September of ``start_year``."""
    tasks = []
    for item in YEAR_PLAN:
        if owner is not None and item.owner != owner:
            continue
        starts_on, ends_on = _period(item, start_year)
        tasks.append(
            PlannedTask(
                key=item.key,
                period=item.period,
                owner=item.owner,
                title=item.title,
                description=item.description,
                starts_on=starts_on,
                due_date=previous_working_day(ends_on),
            )
        )
    return tasks
