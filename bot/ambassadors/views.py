"""What the programme hands out (frozen records) and the statuses and limits they carry."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.ambassadors.year_plan import school_year_label

# The handbook: "minimaal dertig uur maatschappelijke stage", signed off by the coach.
HOURS_TARGET_MINUTES = 30 * 60

# An ambassador's status.
ACTIVE = "active"
AWAITING_PARENT = "awaiting_parent"
BLOCKED = "blocked"
LEFT = "left"
FINISHED = "finished"
CURRENT = (ACTIVE, AWAITING_PARENT, BLOCKED)  # enrolled this school year, not stopped


@dataclass(frozen=True)
class InviteView:
    token: str
    team_id: int
    school: str
    school_year: int
    expires_at: datetime


@dataclass(frozen=True)
class TeamInfo:
    id: int
    school: str
    school_year: int

    @property
    def label(self) -> str:
        return f"{self.school} ({school_year_label(self.school_year)})"


@dataclass(frozen=True)
class Enrolment:
    ambassador_id: int
    status: str
    team: TeamInfo
    parent_code: str | None = None
    already: bool = False


@dataclass(frozen=True)
class AmbassadorView:
    id: int
    team: TeamInfo
    first_name: str | None
    status: str
    age_band: str
    confirmed_minutes: int
    pending_minutes: int
    certificate_issued: bool

    @property
    def display_name(self) -> str:
        return self.first_name or f"ambassadeur {self.id} (wacht op ouder)"


@dataclass(frozen=True)
class TaskView:
    id: int
    team_id: int
    title: str
    description: str
    starts_on: date | None
    due_date: date
    status: str
    assignee_id: int | None
    assignee_name: str | None
    overdue: bool


@dataclass(frozen=True)
class TeamOverview:
    team: TeamInfo
    ambassadors: list[AmbassadorView]
    open_tasks: int
    overdue_tasks: int


@dataclass(frozen=True)
class HoursView:
    id: int
    ambassador_id: int
    ambassador_name: str
    school: str
    minutes: int
    activity: str
    status: str


@dataclass(frozen=True)
class Progress:
    confirmed_minutes: int
    pending_minutes: int
    target_minutes: int = HOURS_TARGET_MINUTES

    @property
    def reached(self) -> bool:
        return self.confirmed_minutes >= self.target_minutes


@dataclass(frozen=True)
class CertificateData:
    first_name: str
    school: str
    school_year: int
    confirmed_minutes: int
    issued_on: date
