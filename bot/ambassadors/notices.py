"""Messages the programme sends on its own initiative, through the outbox.

Every notice is enqueued in the same transaction as the change that causes it, so a crash
never sends a notice for a change that did not happen (or loses one for a change that did).
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from sqlalchemy.orm import Session

from bot.ambassadors.context import ProgrammeContext
from bot.ambassadors.views import ACTIVE, AWAITING_PARENT
from bot.pipeline.outbox import OutButton, enqueue
from bot.storage.models_ambassadors import Ambassador, AmbassadorTeam

log = logging.getLogger(__name__)

# Outbox kinds: the first two go to an ambassador (a blocked chat marks them), the last to staff.
KIND_REMINDER = "amb_reminder"
KIND_NOTICE = "amb_notice"
KIND_STAFF = "amb_staff"


def ambassador_subject(ambassador_id: int) -> str:
    return f"ambassador:{ambassador_id}"


def team_subject(team_id: int) -> str:
    return f"amb-team:{team_id}"


def event_key(ctx: ProgrammeContext, what: str) -> str:
    # Notices caused by a user action are unique per action, not per content.
    return f"{what}:{ctx.now().isoformat()}:{secrets.token_hex(4)}"


def tell_ambassador(
    ctx: ProgrammeContext,
    session: Session,
    amb: Ambassador,
    text: str,
    dedupe_key: str,
    *,
    kind: str = KIND_NOTICE,
    buttons: list[list[OutButton]] | None = None,
    not_before: datetime | None = None,
) -> None:
    chat = ctx.chat(amb)
    if chat is None or amb.status not in {ACTIVE, AWAITING_PARENT}:
        return
    _send(
        ctx, session, chat, text, dedupe_key, kind, ambassador_subject(amb.id), buttons, not_before
    )


def tell_coach(
    ctx: ProgrammeContext,
    session: Session,
    team: AmbassadorTeam,
    text: str,
    dedupe_key: str,
    buttons: list[list[OutButton]] | None = None,
) -> None:
    chat = ctx.coach_chat(team)
    if chat is None:
        log.warning("no coach chat or STAFF_CHAT_ID for team %s; notice dropped", team.id)
        return
    _send(ctx, session, chat, text, dedupe_key, KIND_STAFF, team_subject(team.id), buttons)


def _send(
    ctx: ProgrammeContext,
    session: Session,
    chat: int,
    text: str,
    dedupe_key: str,
    kind: str,
    subject: str,
    buttons: list[list[OutButton]] | None,
    not_before: datetime | None = None,
) -> None:
    enqueue(
        session,
        ctx.cipher,
        chat_id=chat,
        text=text,
        kind=kind,
        dedupe_key=dedupe_key,
        subject=subject,
        buttons=buttons,
        # Our clock, not the database default: tests run on a FakeClock.
        not_before=not_before or ctx.now(),
    )
