"""Vandaag, Aanmeldingen and Scholen: the same services as /leads, /lead, /notitie, /verzoeken."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.responses import Response

from bot.console.overview import today_counts
from bot.console.web import EVERYONE, STAFF_ONLY, Ctx, page
from bot.leads import status as st
from bot.leads.cards import card_lines, detail_lines
from bot.school import texts as school_texts
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
        now=console.ambassadors.now(),
        recipients=len(console.settings.staff_recipients),
    )
    return ctx.render("today.html", counts=counts)


def _work_list(
    ctx: Ctx, fetch: Callable[..., tuple[list[Any], int]], template: str, **extra: Any
) -> Response:
    """A paged list of leads or school requests in the chosen view (open / mine / all …)."""
    view, offset = _view(ctx), _offset(ctx)
    rows, total = fetch(ctx.user.actor, view=view, offset=offset, limit=PER_PAGE)
    return ctx.render(
        template,
        rows=rows,
        total=total,
        view=view,
        views=VIEWS,
        offset=offset,
        per_page=PER_PAGE,
        labels=st.LABELS,
        **extra,
    )


def _act(ctx: Ctx, param: str, base: str, act: Callable[[str], str]) -> Response:
    """A staff step on one lead or request, then back to it with the service's reply."""
    public_id = ctx.param(param).upper()
    return ctx.redirect(f"{base}/{public_id}", act(public_id))


def _send(
    ctx: Ctx, param: str, base: str, field: str, empty: str, send: Callable[[str, str], str]
) -> Response:
    """A typed message to a young person or a school; an empty one is refused kindly."""
    public_id = ctx.param(param).upper()
    text = ctx.field(field).strip()
    if not text:
        return ctx.redirect(f"{base}/{public_id}", empty)
    return ctx.redirect(f"{base}/{public_id}", send(public_id, text))


@page("/aanmeldingen", roles=STAFF_ONLY)
def leads(ctx: Ctx) -> Response:
    return _work_list(ctx, ctx.console.leads.page, "leads.html")


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
        "lead.html",
        card=card,
        card_lines=card_lines(card),
        updates=updates,
        broad=school_texts.BROAD_UPDATES,
        detail_lines=detail_lines(details) if details else None,
        note=details.note if details else None,
        mine=mine,
        claimed=claimed_by is not None,
        steps=steps,
        label=st.LABELS.get(card.status, card.status),
    )


@page("/aanmeldingen/{lead}/stap", roles=STAFF_ONLY, methods=("POST",))
def lead_step(ctx: Ctx) -> Response:
    step = ctx.field("actie")
    return _act(
        ctx,
        "lead",
        "/aanmeldingen",
        lambda i: ctx.console.leads.staff_step(ctx.user.actor, i, step),
    )


@page("/aanmeldingen/{lead}/notitie", roles=STAFF_ONLY, methods=("POST",))
def lead_note(ctx: Ctx) -> Response:
    note = ctx.field("notitie")
    return _act(
        ctx, "lead", "/aanmeldingen", lambda i: ctx.console.leads.add_note(ctx.user.actor, i, note)
    )


@page("/aanmeldingen/{lead}/bericht", roles=STAFF_ONLY, methods=("POST",))
def lead_message(ctx: Ctx) -> Response:
    relay = ctx.console.leads.relay
    empty = "Let op: Het bericht is leeg."
    return _send(
        ctx, "lead", "/aanmeldingen", "bericht", empty, lambda i, t: relay(ctx.user.actor, i, t)
    )


@page("/aanmeldingen/{lead}/school", roles=STAFF_ONLY, methods=("POST",))
def lead_school_update(ctx: Ctx) -> Response:
    update, send = ctx.field("update"), ctx.console.referrals.send_update
    return _act(ctx, "lead", "/aanmeldingen", lambda i: send(ctx.user.actor, i, update))


@page("/scholen", roles=STAFF_ONLY)
def schools(ctx: Ctx) -> Response:
    return _work_list(
        ctx, ctx.console.referrals.page, "schools.html", kinds=school_texts.KIND_TITLES
    )


@page("/scholen/{request}", roles=STAFF_ONLY)
def school(ctx: Ctx) -> Response:
    facts, mine = ctx.console.referrals.view(ctx.user.actor, ctx.param("request").upper())
    steps = [
        (a, label)
        for a, label in SCHOOL_STEPS
        if st.can_move(
            facts.status, {"claim": st.CLAIMED, "contacted": st.CONTACTED, "done": st.CLOSED}[a]
        )
    ]
    return ctx.render(
        "school.html",
        facts=facts,
        lines=school_card_lines(facts),
        mine=mine,
        steps=steps,
        kind=school_texts.KIND_TITLES.get(facts.kind, facts.kind),
        label=st.LABELS.get(facts.status, facts.status),
    )


@page("/scholen/{request}/stap", roles=STAFF_ONLY, methods=("POST",))
def school_step(ctx: Ctx) -> Response:
    step, do = ctx.field("actie"), ctx.console.referrals.staff_step
    return _act(ctx, "request", "/scholen", lambda i: do(ctx.user.actor, i, step))


@page("/scholen/{request}/antwoord", roles=STAFF_ONLY, methods=("POST",))
def school_answer(ctx: Ctx) -> Response:
    answer = ctx.console.referrals.answer
    empty = "Let op: Het antwoord is leeg."
    return _send(
        ctx, "request", "/scholen", "antwoord", empty, lambda i, t: answer(ctx.user.actor, i, t)
    )
