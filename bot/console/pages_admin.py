"""Feiten, Campagnes, Cijfers and Team (admins)."""

from __future__ import annotations

from datetime import timedelta

from starlette.responses import Response

from bot.ambassadors.year_plan import school_year_label, school_year_of
from bot.answers.fact_store import BY_KEY, FIELDS, display
from bot.console import charts, overview
from bot.console.qr import poster_pdf, qr_png, qr_svg
from bot.console.web import ADMIN_ONLY, EVERYONE, STAFF_ONLY, Ctx, page
from bot.core.errors import LeadError
from bot.leads.counts import week_start
from bot.staff.campaigns import KINDS
from bot.staff.members import COACH, INVITE_PREFIX, MEMBER_ROLES

METRIC_NAMES = {
    "interest": "interesse",
    "consented": "toestemming",
    "contacted": "contact gehad",
    "signed_up": "aangemeld",
}
REQUEST_NAMES = {"referral": "verwijzing", "presentation": "presentatie", "material": "materiaal"}
ROLE_NAMES = {"staff": "medewerker", "coach": "coach", "admin": "beheerder"}


# ------------------------------------------------------------------------------ facts


def _facts_page(ctx: Ctx, *, preview: tuple[str, str, str] | None = None) -> Response:
    current = ctx.console.fact_store.current()
    return ctx.render(
        "facts.html",
        fields=[f for f in FIELDS if ctx.user.role == "admin" or not f.admin_only],
        values={k: display(v) for k, v in current.items()},
        history=ctx.console.fact_store.history(),
        preview=preview,
    )


@page("/feiten", roles=STAFF_ONLY)
def facts(ctx: Ctx) -> Response:
    return _facts_page(ctx)


@page("/feiten", roles=STAFF_ONLY, methods=("POST",))
def save_fact(ctx: Ctx) -> Response:
    key, value = ctx.field("sleutel"), ctx.field("waarde")
    store = ctx.console.fact_store
    if ctx.field("actie") == "voorbeeld":
        answer = store.preview(key, value)
        label = BY_KEY[key].label if key in BY_KEY else key
        return _facts_page(ctx, preview=(label, value, answer))
    changed = store.set(
        key,
        value,
        actor_id=ctx.user.telegram_id,
        actor_name=ctx.user.name,
        is_admin=ctx.user.role == "admin",
    )
    return ctx.redirect(
        f"/feiten#{key}",
        "Opgeslagen: de assistent gebruikt dit meteen." if changed else "Niets veranderd.",
    )


# -------------------------------------------------------------------------- campaigns


def _link(ctx: Ctx, code: str) -> str:
    return ctx.console.links.link(code)


@page("/campagnes", roles=STAFF_ONLY)
def campaigns(ctx: Ctx) -> Response:
    return ctx.render(
        "campaigns.html", campaigns=ctx.console.campaigns.all(), kinds=KINDS, metrics=METRIC_NAMES
    )


@page("/campagnes", roles=STAFF_ONLY, methods=("POST",))
def create_campaign(ctx: Ctx) -> Response:
    made = ctx.console.campaigns.create(
        ctx.field("titel"),
        ctx.field("soort"),
        code=ctx.field("code"),
        actor_id=ctx.user.telegram_id,
    )
    return ctx.redirect(f"/campagnes/{made.id}", f"Campagne ‘{made.title}’ gemaakt.")


def _campaign_id(ctx: Ctx) -> int:
    try:
        return int(ctx.param("campaign"))
    except ValueError:
        raise LeadError("Deze campagne bestaat niet.") from None


@page("/campagnes/{campaign}", roles=STAFF_ONLY)
def campaign(ctx: Ctx) -> Response:
    made = ctx.console.campaigns.get(_campaign_id(ctx))
    link = _link(ctx, made.code)
    return ctx.render(
        "campaign.html", campaign=made, link=link, qr=qr_svg(link, scale=8), metrics=METRIC_NAMES
    )


@page("/campagnes/{campaign}/qr.png", roles=STAFF_ONLY)
def campaign_qr(ctx: Ctx) -> Response:
    made = ctx.console.campaigns.get(_campaign_id(ctx))
    return Response(qr_png(_link(ctx, made.code)), media_type="image/png")


@page("/campagnes/{campaign}/poster.pdf", roles=STAFF_ONLY)
def campaign_poster(ctx: Ctx) -> Response:
    made = ctx.console.campaigns.get(_campaign_id(ctx))
    pdf = poster_pdf(
        "Meer contact met jongeren van je leeftijd?",
        _link(ctx, made.code),
        lines=(
            "Om de twee weken een gezellige avond met jongeren van 12 tot 25 jaar.",
            "Vraag de chatbot van Join us alles, anoniem.",
        ),
        footer=f"Campagne: {made.title} ({made.code})",
    )
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"content-disposition": f'attachment; filename="poster-{made.code}.pdf"'},
    )


# ---------------------------------------------------------------------------- figures


@page("/cijfers", roles=STAFF_ONLY)
def figures(ctx: Ctx) -> Response:
    db = ctx.console.database
    now = ctx.console.ambassadors.now()
    since = week_start(now) - timedelta(weeks=26)
    year = school_year_of(ctx.console.ambassadors.today())
    funnel = overview.lead_funnel_by_week(db, since=since)
    sources = overview.lead_funnel_by_source(db, since=since - timedelta(weeks=26))
    unanswered = overview.unanswered_by_week(db, since=since)
    hours = overview.hours_per_team(db, school_year=year)
    requests = overview.requests_per_month(db, since=now - timedelta(days=365))
    sections = [
        (
            "Aanmeldingen per week (laatste 26 weken)",
            charts.lines(funnel, "Aanmeldingen per week", METRIC_NAMES),
            funnel,
            METRIC_NAMES,
        ),
        (
            "Aanmeldingen per campagne of school (laatste jaar)",
            charts.bars(sources, "Per bron", METRIC_NAMES),
            sources,
            METRIC_NAMES,
        ),
        (
            "Vragen zonder antwoord per onderwerp",
            charts.lines(unanswered, "Vragen zonder antwoord"),
            unanswered,
            {},
        ),
        (
            f"Uren ambassadeurs per team ({school_year_label(year)})",
            charts.bars(hours, "Uren per team"),
            hours,
            {},
        ),
        (
            "Verzoeken van scholen per maand",
            charts.bars(requests, "Verzoeken per maand", REQUEST_NAMES),
            requests,
            REQUEST_NAMES,
        ),
    ]
    return ctx.render("figures.html", sections=sections)


# ------------------------------------------------------------------------------- team


@page("/team", roles=ADMIN_ONLY)
def team(ctx: Ctx) -> Response:
    return ctx.render(
        "team.html",
        members=ctx.console.staff.roster(),
        admins=sorted(ctx.console.settings.admin_ids),
        roles=ROLE_NAMES,
        invite=None,
    )


@page("/team/uitnodiging", roles=ADMIN_ONLY, methods=("POST",))
def team_invite(ctx: Ctx) -> Response:
    role = ctx.field("rol")
    if role not in MEMBER_ROLES:
        role = COACH if role == "coach" else "staff"
    token = ctx.console.staff.create_invite(ctx.user.actor, role)
    link = ctx.console.links.link(INVITE_PREFIX + token)
    return ctx.render(
        "team.html",
        members=ctx.console.staff.roster(),
        admins=sorted(ctx.console.settings.admin_ids),
        roles=ROLE_NAMES,
        invite=(ROLE_NAMES[role], link, qr_svg(link, scale=7)),
        hours=ctx.console.settings.staff_invite_hours,
    )


@page("/team/{member}/verwijder", roles=ADMIN_ONLY, methods=("POST",))
def team_remove(ctx: Ctx) -> Response:
    try:
        member = int(ctx.param("member"))
    except ValueError:
        raise LeadError("Die medewerker ken ik niet.") from None
    removed = ctx.console.staff.remove(ctx.user.actor, member)
    if removed:
        ctx.console.auth.close_sessions_of(member)
    return ctx.redirect(
        "/team",
        "Verwijderd; open aanmeldingen en verzoeken zijn teruggezet."
        if removed
        else "Die medewerker ken ik niet.",
    )


@page("/uitloggen", roles=EVERYONE, methods=("POST",))
def logout(ctx: Ctx) -> Response:
    from bot.console.web import COOKIE

    ctx.console.auth.close_session(ctx.request.cookies.get(COOKIE))
    response = ctx.redirect("/welkom", "Je bent uitgelogd.")
    response.delete_cookie(COOKIE, path="/")
    return response
