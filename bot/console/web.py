"""The console's small framework: services of the process, the page decorator that checks
session, role and CSRF on the server for every request, templates and security headers."""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.ambassadors.programme import AmbassadorProgramme
from bot.answers.fact_store import FactStore
from bot.answers.facts import Facts
from bot.console.auth import ConsoleAuth, SessionInfo
from bot.core.crypto import Cipher
from bot.core.errors import JoinUsError
from bot.core.keys import load_or_create_secret
from bot.core.pseudonym import Pseudonymiser
from bot.core.settings import Settings
from bot.leads.directives import DeepLinks
from bot.leads.service import LeadService
from bot.school.requests import SchoolRequestService
from bot.staff.campaigns import CampaignService
from bot.staff.insights import InsightsService
from bot.staff.members import ADMIN, COACH, STAFF, Actor, StaffDirectory
from bot.storage.db import Database

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
COOKIE = "joinus_console"
FLASH_COOKIE = "joinus_flash"
EVERYONE = frozenset({ADMIN, STAFF, COACH})
STAFF_ONLY = frozenset({ADMIN, STAFF})
ADMIN_ONLY = frozenset({ADMIN})

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; "
    # Telegram's own clients open the Mini App in a web view; Telegram Web frames it.
    "frame-ancestors 'self' https://web.telegram.org"
)


@dataclass
class Console:
    """Everything one console process uses; the same services as the bot's Runtime."""

    settings: Settings
    database: Database
    staff: StaffDirectory
    leads: LeadService
    referrals: SchoolRequestService
    ambassadors: AmbassadorProgramme
    insights: InsightsService
    facts: Facts
    fact_store: FactStore
    campaigns: CampaignService
    auth: ConsoleAuth
    links: DeepLinks

    @classmethod
    def open(cls, settings: Settings) -> Console:
        database = Database(settings.database_url)
        cipher = Cipher.from_settings(settings)
        pseudonymiser = Pseudonymiser(
            load_or_create_secret(settings.secrets_dir / "pseudonym.key", settings.pseudonym_secret)
        )
        leads = LeadService(database, cipher, settings)
        referrals = SchoolRequestService(database, cipher, settings)
        # As in the bot: a status change tells a referring school (with the student's consent).
        leads.status_listeners.append(referrals.on_lead_status)
        facts = Facts(settings.facts_file, database)
        return cls(
            settings=settings,
            database=database,
            staff=StaffDirectory(
                database, settings.admin_ids, invite_hours=settings.staff_invite_hours
            ),
            leads=leads,
            referrals=referrals,
            ambassadors=AmbassadorProgramme(database, cipher, pseudonymiser, settings),
            insights=InsightsService(database),
            facts=facts,
            fact_store=FactStore(database, facts),
            campaigns=CampaignService(database),
            auth=ConsoleAuth(database, settings.console),
            links=DeepLinks(settings.bot_username),
        )


@dataclass(frozen=True)
class User:
    telegram_id: int
    name: str
    role: str
    csrf: str

    @property
    def actor(self) -> Actor:
        return Actor(self.telegram_id, self.role == ADMIN, self.role)


@dataclass
class Ctx:
    """One request as a page sees it: who, what was posted, and how to answer."""

    request: Request
    console: Console
    user: User
    form: Mapping[str, str] = field(default_factory=dict)
    flash: str | None = None

    def param(self, name: str) -> str:
        return str(self.request.path_params[name])

    def query(self, name: str, default: str = "") -> str:
        return self.request.query_params.get(name, default)

    def field(self, name: str, default: str = "") -> str:
        return str(self.form.get(name, default))

    def render(self, template: str, status: int = 200, **values: Any) -> Response:
        return render(
            self.request, template, status=status, user=self.user, flash=self.flash, **values
        )

    def redirect(self, url: str, message: str | None = None) -> Response:
        return redirect(url, message)


@dataclass(frozen=True)
class PageRoute:
    path: str
    endpoint: Callable[[Ctx], Response]
    methods: tuple[str, ...]
    roles: frozenset[str]


ROUTES: list[PageRoute] = []


def page(
    path: str, *, roles: frozenset[str], methods: tuple[str, ...] = ("GET",)
) -> Callable[[Callable[[Ctx], Response]], Callable[[Ctx], Response]]:
    """Register a page; its body runs in a worker thread (the services are synchronous)."""

    def register(endpoint: Callable[[Ctx], Response]) -> Callable[[Ctx], Response]:
        ROUTES.append(PageRoute(path, endpoint, methods, roles))
        return endpoint

    return register


_env = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)

NAV = (
    ("/", "Vandaag", EVERYONE),
    ("/aanmeldingen", "Aanmeldingen", STAFF_ONLY),
    ("/scholen", "Scholen", STAFF_ONLY),
    ("/ambassadeurs", "Ambassadeurs", EVERYONE),
    ("/campagnes", "Campagnes", STAFF_ONLY),
    ("/cijfers", "Cijfers", STAFF_ONLY),
    ("/feiten", "Feiten", STAFF_ONLY),
    ("/team", "Team", ADMIN_ONLY),
)


def render(
    request: Request, template: str, *, status: int = 200, user: User | None = None, **values: Any
) -> HTMLResponse:
    nav = [(href, label) for href, label, roles in NAV if user is not None and user.role in roles]
    body = _env.get_template(template).render(
        user=user, nav=nav, path=request.url.path, csrf=user.csrf if user else "", **values
    )
    response = HTMLResponse(body, status_code=status)
    if request.cookies.get(FLASH_COOKIE):
        response.delete_cookie(FLASH_COOKIE, path="/")
    return response


def redirect(url: str, message: str | None = None) -> Response:
    response = RedirectResponse(url, status_code=303)
    if message:
        response.set_cookie(
            FLASH_COOKIE,
            quote(message[:300]),
            max_age=60,
            httponly=True,
            samesite="strict",
            path="/",
        )
    return response


def _flash(request: Request) -> str | None:
    from urllib.parse import unquote

    raw = request.cookies.get(FLASH_COOKIE)
    return unquote(raw)[:300] if raw else None


def refusal(
    request: Request, status: int, title: str, text: str, user: User | None = None
) -> Response:
    return render(request, "message.html", status=status, user=user, title=title, text=text)


# Errors whose (Dutch) message is meant for the user: shown, not logged as a failure.
UserErrors: tuple[type[Exception], ...] = (JoinUsError,)


def endpoint_of(route: PageRoute, console: Console) -> Callable[[Request], Awaitable[Response]]:
    async def handle(request: Request) -> Response:
        info: SessionInfo | None = await run_in_threadpool(
            console.auth.session, request.cookies.get(COOKIE)
        )
        if info is None:
            if request.method == "GET":
                return RedirectResponse("/welkom", status_code=303)
            return refusal(request, 401, "Niet ingelogd", "Log eerst in via Telegram.")
        role = await run_in_threadpool(console.staff.role, info.telegram_id)
        if role is None:
            return refusal(
                request, 403, "Geen toegang", "Je bent (niet meer) medewerker of coach van Join us."
            )
        user = User(info.telegram_id, info.name, role, info.csrf_token)
        if role not in route.roles:
            return refusal(request, 403, "Geen toegang", "Deze pagina is niet voor jouw rol.", user)
        form: dict[str, str] = {}
        if request.method == "POST" and not same_origin(request, console.settings.console.base_url):
            return refusal(
                request, 403, "Geen toegang", "Dit formulier komt niet van de console.", user
            )
        if request.method == "POST":
            async with request.form(max_files=0, max_fields=50) as data:
                form = {k: v for k, v in data.items() if isinstance(v, str)}
            if not hmac.compare_digest(form.get("csrf", ""), info.csrf_token):
                return refusal(
                    request,
                    403,
                    "Formulier verlopen",
                    "Dit formulier is verlopen of niet van de console. Laad de pagina opnieuw.",
                    user,
                )
        ctx = Ctx(request, console, user, form, _flash(request))
        try:
            response: Response = await run_in_threadpool(_timed, route.endpoint, ctx)
            return response
        except UserErrors as exc:
            if request.method == "POST":
                return redirect(safe_back(form.get("back", "")), f"Let op: {exc}")
            return refusal(request, 404, "Niet gevonden", str(exc), user)

    handle.__name__ = route.endpoint.__name__
    return handle


def same_origin(request: Request, config_url: str) -> bool:
    """A POST from another site is refused before anything else (defence in depth beside the
    CSRF token and SameSite=Strict). Browsers send Origin on POST; tools may send none."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    own = {f"{request.url.scheme}://{request.url.netloc}", config_url.rstrip("/")}
    return origin in own


def _timed(endpoint: Callable[[Ctx], Response], ctx: Ctx) -> Response:
    """Run a page and add its CPU time (this thread only; unaffected by other processes'
    load) to Server-Timing, next to the wall time the middleware adds."""
    started = time.thread_time()
    response = endpoint(ctx)
    response.headers.append("server-timing", f"cpu;dur={(time.thread_time() - started) * 1000:.1f}")
    return response


def safe_back(path: str, default: str = "/") -> str:
    """A local path to return to after a form (never another site: no "//" or scheme)."""
    if path.startswith("/") and not path.startswith("//") and "\\" not in path and len(path) < 300:
        return path
    return default


class SecurityHeaders:
    """Strict headers on every response (pages, files, errors)."""

    def __init__(self, app: ASGIApp, *, secure: bool) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", CSP.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), payment=()"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin"),
        ]
        if secure:
            self.headers.append((b"strict-transport-security", b"max-age=31536000"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                # How long the server took until the answer was ready (the benchmark reads it).
                elapsed = (time.perf_counter() - started) * 1000
                headers.append((b"server-timing", f"app;dur={elapsed:.1f}".encode()))
                names = {name.lower() for name, _ in headers}
                headers += [h for h in self.headers if h[0] not in names]
                if b"cache-control" not in names:
                    headers.append((b"cache-control", b"no-store"))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
