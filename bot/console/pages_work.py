"""Vandaag, Aanmeldingen and Scholen: the same services as /leads, /lead, /notitie, /verzoeken."""

from __future__ import annotations

from starlette.responses import Response

from bot.console.overview import today_counts
from bot.console.web import EVERYONE, STAFF_ONLY, Ctx, page
from bot.leads import status as st
from bot.leads.cards import card_lines, detail_lines
from bot.school.cards import BROAD_UPDATES, KIND_TITLES
from bot.school.cards import card_lines as school_card_lines
from bot.staff.members import COACH

PER_PAGE = 25
VIEWS = {"open": "Nog niet opgepakt", "mine": "Door mij opgepakt", "all": "Alle"}
LEAD_STEPS = (
    ("claim", "Oppakken"),
    ("contacted", "Contact gehad"),
    ("signed", "Aangemeld"),
    ("close", "Past niet / sluiten"),
)
SCHOOL_STEPS = (("claim", "Oppakken"), ("contacted", "Contact gehad"), ("done", "Afgerond"))


def _offset(ctx: Ctx) -> int:
    try:
        return max(0, int(ctx.query("van", "0")))
    except ValueError:
        return 0


def _view(ctx: Ctx) -> str:
    view = ctx.query("toon", "open")
    return view if view in VIEWS else "open"


@page("/", roles=EVERYONE)
def today(ctx: Ctx) -> Response:
    console = ctx.console
    counts = today_counts(
        console.database,
        telegram_id=ctx.user.telegram_id,
        staff=ctx.user.role != COACH,
        today=console.ambassadors.today(),
        now=console.ambassadors._now(),
        recipients=len(console.settings.staff_recipients),
    )
    return ctx.render("today.html", counts=counts)


@page("/aanmeldingen", roles=STAFF_ONLY)
def leads(ctx: Ctx) -> Response:
    view, offset = _view(ctx), _offset(ctx)
    rows, total = ctx.console.leads.page(ctx.user.actor, view=view, offset=offset, limit=PER_PAGE)
    return ctx.render(
        "leads.html", rows=rows, total=total, view=view, views=VIEWS, offset=offset,
        per_page=PER_PAGE, labels=st.LABELS,
    )


@page("/aanmeldingen/{lead}", roles=STAFF_ONLY)
def lead(ctx: Ctx) -> Response:
    public_id = ctx.param("lead").upper()
    card, claimed_by = ctx.console.leads.card_facts(public_id)
    details = None
    mine = claimed_by == ctx.user.telegram_id
    if mine:
        # Audited exactly like /lead in the chat (LeadService.detail_facts).
        details = ctx.console.leads.detail_facts(ctx.user.actor, public_id)
    steps = [(a, label) for a, label in LEAD_STEPS if st.can_move(card.status, st.STAFF_ACTIONS[a])]
    # A referred student who let the school hear: a few broad updates (as the chat's buttons).
    updates = ctx.console.referrals.updates_left(public_id) if mine else 0
    return ctx.render(
        "lead.html", card=card, card_lines=card_lines(card), updates=updates, broad=BROAD_UPDATES,
        detail_lines=detail_lines(details) if details else None, note=details.note if details else None,
        mine=mine, claimed=claimed_by is not None, steps=steps, label=st.LABELS.get(card.status, card.status),
    )


@page("/aanmeldingen/{lead}/stap", roles=STAFF_ONLY, methods=("POST",))
def lead_step(ctx: Ctx) -> Response:
    public_id = ctx.param("lead").upper()
    result = ctx.console.leads.staff_step(ctx.user.actor, public_id, ctx.field("actie"))
    return ctx.redirect(f"/aanmeldingen/{public_id}", result)


@page("/aanmeldingen/{lead}/notitie", roles=STAFF_ONLY, methods=("POST",))
def lead_note(ctx: Ctx) -> Response:
    public_id = ctx.param("lead").upper()
    result = ctx.console.leads.add_note(ctx.user.actor, public_id, ctx.field("notitie"))
    return ctx.redirect(f"/aanmeldingen/{public_id}", result)


@page("/aanmeldingen/{lead}/bericht", roles=STAFF_ONLY, methods=("POST",))
def lead_message(ctx: Ctx) -> Response:
    public_id = ctx.param("lead").upper()
    text = ctx.field("bericht").strip()
    if not text:
        return ctx.redirect(f"/aanmeldingen/{public_id}", "Let op: Het bericht is leeg.")
    result = ctx.console.leads.relay(ctx.user.actor, public_id, text)
    return ctx.redirect(f"/aanmeldingen/{public_id}", result)


@page("/aanmeldingen/{lead}/school", roles=STAFF_ONLY, methods=("POST",))
def lead_school_update(ctx: Ctx) -> Response:
    public_id = ctx.param("lead").upper()
    result = ctx.console.referrals.send_update(ctx.user.actor, public_id, ctx.field("update"))
    return ctx.redirect(f"/aanmeldingen/{public_id}", result)


@page("/scholen", roles=STAFF_ONLY)
def schools(ctx: Ctx) -> Response:
    view, offset = _view(ctx), _offset(ctx)
    rows, total = ctx.console.referrals.page(ctx.user.actor, view=view, offset=offset, limit=PER_PAGE)
    return ctx.render(
        "schools.html", rows=rows, total=total, view=view, views=VIEWS, offset=offset,
        per_page=PER_PAGE, labels=st.LABELS, kinds=KIND_TITLES,
    )


@page("/scholen/{request}", roles=STAFF_ONLY)
def school(ctx: Ctx) -> Response:
    facts, mine = ctx.console.referrals.view(ctx.user.actor, ctx.param("request").upper())
    steps = [(a, label) for a, label in SCHOOL_STEPS if st.can_move(facts.status, {"claim": st.CLAIMED, "contacted": st.CONTACTED, "done": st.CLOSED}[a])]
    return ctx.render(
        "school.html", facts=facts, lines=school_card_lines(facts), mine=mine, steps=steps,
        kind=KIND_TITLES.get(facts.kind, facts.kind), label=st.LABELS.get(facts.status, facts.status),
    )


@page("/scholen/{request}/stap", roles=STAFF_ONLY, methods=("POST",))
def school_step(ctx: Ctx) -> Response:
    public_id = ctx.param("request").upper()
    result = ctx.console.referrals.staff_step(ctx.user.actor, public_id, ctx.field("actie"))
    return ctx.redirect(f"/scholen/{public_id}", result)


@page("/scholen/{request}/antwoord", roles=STAFF_ONLY, methods=("POST",))
def school_answer(ctx: Ctx) -> Response:
    public_id = ctx.param("request").upper()
    text = ctx.field("antwoord").strip()
    if not text:
        return ctx.redirect(f"/scholen/{public_id}", "Let op: Het antwoord is leeg.")
    result = ctx.console.referrals.answer(ctx.user.actor, public_id, text)
    return ctx.redirect(f"/scholen/{public_id}", result)
