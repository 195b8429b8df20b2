"""Who is an ambassador now, and where they stand: the look-ups every part needs."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.ambassadors import texts
from bot.ambassadors.context import ProgrammeContext
from bot.ambassadors.views import (
    ACTIVE,
    AWAITING_PARENT,
    BLOCKED,
    CURRENT,
    AmbassadorView,
    Progress,
    TeamInfo,
)
from bot.core.errors import AmbassadorError, NotFound
from bot.storage.models_ambassadors import Ambassador, AmbassadorHours, AmbassadorTeam


def team_info(team: AmbassadorTeam) -> TeamInfo:
    return TeamInfo(team.id, team.school, team.school_year)


def progress(session: Session, ambassador_id: int) -> Progress:
    rows = session.execute(
        select(AmbassadorHours.status, func.sum(AmbassadorHours.minutes))
        .where(AmbassadorHours.ambassador_id == ambassador_id)
        .group_by(AmbassadorHours.status)
    ).all()
    totals = {status: int(total or 0) for status, total in rows}
    return Progress(totals.get("confirmed", 0), totals.get("pending", 0))


def shown_name(ctx: ProgrammeContext, amb: Ambassador) -> str | None:
    # Staff see no name until a parent has confirmed (under 16).
    return ctx.name(amb) if amb.status != AWAITING_PARENT else None


def member_view(
    ctx: ProgrammeContext, session: Session, amb: Ambassador, team: AmbassadorTeam
) -> AmbassadorView:
    done = progress(session, amb.id)
    return AmbassadorView(
        id=amb.id,
        team=team_info(team),
        first_name=shown_name(ctx, amb),
        status=amb.status,
        age_band=amb.age_band,
        confirmed_minutes=done.confirmed_minutes,
        pending_minutes=done.pending_minutes,
        certificate_issued=amb.certificate_issued_at is not None,
    )


def current(
    ctx: ProgrammeContext, session: Session, user_id: int
) -> tuple[Ambassador, AmbassadorTeam] | None:
    """This Telegram user's enrolment of the latest school year (not stopped), if any."""
    row = session.execute(
        select(Ambassador, AmbassadorTeam)
        .join(AmbassadorTeam, AmbassadorTeam.id == Ambassador.team_id)
        .where(Ambassador.user_key == ctx.user_key(user_id))
        .where(Ambassador.status.in_(CURRENT))
        .order_by(AmbassadorTeam.school_year.desc(), Ambassador.id.desc())
        .limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def active(
    ctx: ProgrammeContext, session: Session, user_id: int
) -> tuple[Ambassador, AmbassadorTeam]:
    """The enrolment an ambassador acts on; a kind Dutch refusal when there is none yet."""
    found = current(ctx, session, user_id)
    if found is None:
        raise NotFound(texts.NOT_AN_AMBASSADOR)
    amb, team = found
    if amb.status == AWAITING_PARENT:
        raise AmbassadorError(texts.WAITING_FOR_PARENT)
    if amb.status == BLOCKED:  # they are talking to us again, so no longer blocked
        amb.status, amb.blocked_at = ACTIVE, None
    return amb, team
