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
        "sep-oproep", "Begin september", "begin", 9, 9, "coach",
        "Oproep plaatsen voor ‘Ambassadeurs van Join us’",
        "Maak het project bij iedereen binnen de school bekend, bijvoorbeeld in de schoolkrant, "
        "op de beeldkrant of via de leerlingenraad.",
    ),
    PlanItem(
        "sep-gesprekken", "Eind september", "eind", 9, 9, "coach",
        "Aangemelde leerlingen uitnodigen voor een gesprek en een drietal kiezen",
        "Plan hiervoor bijvoorbeeld een dagdeel, zodat de gesprekken op één dag plaatsvinden.",
    ),
    PlanItem(
        "okt-meelopen", "Begin oktober", "begin", 10, 10, "ambassadors",
        "Loop minstens één keer mee bij een avondgroep van Join us",
        "Zo leer je Join us en de werkwijze kennen en kom je in contact met de deelnemers.",
    ),
    PlanItem(
        "okt-voorbereiden", "Begin oktober", "begin", 10, 10, "ambassadors",
        "Bereid samen de presentatie voor",
        "De presentatie is voor de teamleiders, zorgcoördinatoren en directie van je school.",
    ),
    PlanItem(
        "okt-presentatie", "Eind oktober", "eind", 10, 10, "ambassadors",
        "Geef de presentatie aan teamleiders, zorgcoördinatoren en directie",
        "Maak duidelijk wat Join us is en welke doelen het nastreeft. "
        "Gebruik de FACT-sheet van Join us als toelichting.",
    ),
    PlanItem(
        "nov-promotie", "November t/m december", "range", 11, 12, "ambassadors",
        "Maak Join us bekend op school",
        "Gebruik wat je school heeft: iets in de leerlingenkrant, de leerlingenraad erbij "
        "betrekken, de beeldkrant of voorlichting aan leerlingen.",
    ),
    PlanItem(
        "nov-gemeente", "November t/m december", "range", 11, 12, "ambassadors",
        "(Mogelijk) Join us bekend maken in de gemeente",
        "Stel Join us kort voor aan huisartsen en ambtenaren en geef ze promotiemateriaal.",
    ),
    PlanItem(
        "jan-presentatie-leerlingen", "Januari t/m maart", "range", 1, 3, "ambassadors",
        "Regel met mentoren of het zorgteam een presentatie aan leerlingen",
        "Kies als groep zelf de vorm die het best past. Bedenk hoe je deelnemers van Join us "
        "kunt inzetten, om eenzame jongeren te signaleren en te activeren om naar Join us te gaan.",
    ),
    PlanItem(
        "jan-signalering", "Januari t/m juni", "range", 1, 6, "ambassadors",
        "Blijf in contact met teamleiders, zorgcoördinatoren en mentoren",
        "Koppel regelmatig terug hoe het met leerlingen gaat bij Join us (alleen met hun "
        "toestemming). Betrek ook conciërges of schoolwachten: die zien vaak veel.",
    ),
    PlanItem(
        "apr-evaluatie", "April t/m juni", "range", 4, 6, "ambassadors",
        "Evalueer wat je hebt geleerd en schrijf aanbevelingen voor volgend jaar",
        "Samen met je begeleider; de aanbevelingen zijn voor de drie leerlingen die het project "
        "volgend schooljaar voortzetten.",
    ),
    PlanItem(
        "apr-eindbeoordeling", "April t/m juni", "range", 4, 6, "coach",
        "Eindbeoordeling geven en het certificaat ‘Ambassadeur Join us’ uitreiken",
        "Een aantekening in het dossier of portfolio van de leerling, bijvoorbeeld met het "
        "certificaat ‘Ambassadeur Join us’.",
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
