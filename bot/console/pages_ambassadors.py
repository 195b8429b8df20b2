"""Ambassadeurs: teams, progress to 30 hours, tasks, hours, certificates and invite QR codes.

The same AmbassadorProgramme calls as /ambteams, /ambtaak, /amburen, /ambcertificaat, /ambnodig.
"""

from __future__ import annotations

from datetime import date

from starlette.responses import Response

from bot.ambassadors.certificate import certificate_pdf
from bot.ambassadors.formats import format_day, format_hours
from bot.ambassadors.views import HOURS_TARGET_MINUTES
from bot.ambassadors.year_plan import school_year_label, school_year_of
from bot.console.qr import qr_svg
from bot.console.web import EVERYONE, Ctx, page
from bot.core.errors import AmbassadorError

HOURS_SHOWN = 30  # oldest first; after deciding these, the next ones appear
INVITE_PREFIX = (
    "amb_"  # as bot/ambassadors/telegram/students.py (the console never imports Telegram code)
)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise AmbassadorError("Kies een datum.") from None


def _int(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise AmbassadorError(f"{what} ontbreekt.") from None


def _assignee(text: str) -> int | None:
    return None if text in ("", "team") else _int(text, "De ambassadeur")


def _year(ctx: Ctx) -> int:
    try:
        return (
            int(ctx.query("jaar"))
            if ctx.query("jaar")
            else school_year_of(ctx.console.ambassadors.today())
        )
    except ValueError:
        return school_year_of(ctx.console.ambassadors.today())


@page("/ambassadeurs", roles=EVERYONE)
def overview(ctx: Ctx) -> Response:
    programme = ctx.console.ambassadors
    year = _year(ctx)
    hours = programme.hours.pending_hours(limit=HOURS_SHOWN)
    more = programme.hours.pending_hours_count() - len(hours) if len(hours) == HOURS_SHOWN else 0
    return ctx.render(
        "ambassadors.html",
        teams=programme.staff_views.teams(year),
        hours=hours,
        more=more,
        year=year,
        year_label=school_year_label(year),
        target=HOURS_TARGET_MINUTES,
        fmt=format_hours,
    )


@page("/ambassadeurs/team/{team}", roles=EVERYONE)
def team(ctx: Ctx) -> Response:
    programme = ctx.console.ambassadors
    team_id = _int(ctx.param("team"), "Het team")
    overview = programme.staff_views.team(team_id)
    return ctx.render(
        "amb_team.html",
        team=overview,
        tasks=programme.tasks.team_tasks(team_id),
        target=HOURS_TARGET_MINUTES,
        fmt=format_hours,
        day=format_day,
        today=programme.today().isoformat(),
        year_label=school_year_label(overview.team.school_year),
    )


@page("/ambassadeurs/team/{team}/taak", roles=EVERYONE, methods=("POST",))
def add_task(ctx: Ctx) -> Response:
    team_id = _int(ctx.param("team"), "Het team")
    task = ctx.console.ambassadors.tasks.add_task(
        team_id,
        ctx.field("titel"),
        _day(ctx.field("datum")),
        assignee_id=_assignee(ctx.field("voor")),
        description=ctx.field("omschrijving")[:1000],
    )
    return ctx.redirect(f"/ambassadeurs/team/{team_id}", f"Taak #{task.id} toegevoegd.")


@page("/ambassadeurs/taak/{task}", roles=EVERYONE, methods=("POST",))
def change_task(ctx: Ctx) -> Response:
    programme = ctx.console.ambassadors
    task_id = _int(ctx.param("task"), "De taak")
    action = ctx.field("actie")
    if action == "datum":
        task = programme.tasks.change_task(task_id, due=_day(ctx.field("datum")))
        message = f"Taak #{task.id} verplaatst naar {format_day(task.due_date)}."
    elif action == "titel":
        task = programme.tasks.change_task(task_id, title=ctx.field("titel"))
        message = f"Taak #{task.id} heet nu ‘{task.title}’."
    elif action == "toewijzen":
        task = programme.tasks.reassign_task(task_id, _assignee(ctx.field("voor")))
        message = f"Taak #{task.id} is nu voor {task.assignee_name or 'het hele team'}."
    elif action == "schrappen":
        task = programme.tasks.cancel_task(task_id)
        message = f"Taak #{task.id} geschrapt."
    else:
        raise AmbassadorError("Onbekende actie.")
    return ctx.redirect(f"/ambassadeurs/team/{task.team_id}", message)


@page("/ambassadeurs/uren/{entry}", roles=EVERYONE, methods=("POST",))
def decide_hours(ctx: Ctx) -> Response:
    confirm = ctx.field("besluit") == "ja"
    view, progress = ctx.console.ambassadors.hours.decide_hours(
        _int(ctx.param("entry"), "De urenregel"), confirm=confirm
    )
    verdict = "bevestigd" if confirm else "afgewezen"
    return ctx.redirect(
        ctx.field("back") if ctx.field("back").startswith("/ambassadeurs") else "/ambassadeurs",
        f"{format_hours(view.minutes)} uur van {view.ambassador_name} {verdict}; "
        f"nu {format_hours(progress.confirmed_minutes)} van de 30.",
    )


@page("/ambassadeurs/certificaat/{ambassador}", roles=EVERYONE, methods=("POST",))
def certificate(ctx: Ctx) -> Response:
    cert = ctx.console.ambassadors.hours.issue_certificate(
        _int(ctx.param("ambassador"), "De ambassadeur")
    )
    pdf = certificate_pdf(cert)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"content-disposition": 'attachment; filename="certificaat-ambassadeur.pdf"'},
    )


@page("/ambassadeurs/uitnodiging", roles=EVERYONE, methods=("POST",))
def invite(ctx: Ctx) -> Response:
    year = ctx.field("jaar")
    made = ctx.console.ambassadors.enrolment.create_invite(
        ctx.field("school"),
        coach_chat_id=ctx.user.telegram_id,
        school_year=_int(year, "Het schooljaar") if year else None,
    )
    link = ctx.console.links.link(INVITE_PREFIX + made.token)
    return ctx.render(
        "invite.html",
        title=f"Uitnodiging voor {made.school} ({school_year_label(made.school_year)})",
        link=link,
        qr=qr_svg(link, scale=8),
        expires=made.expires_at,
        team_id=made.team_id,
        note="Eén ambassadeur per link: maak voor elke leerling een nieuwe. De link is "
        f"{ctx.console.settings.ambassadors.invite_days} dagen geldig en wordt niet bewaard.",
    )
