"""build_app(): the console's routes, sign-in endpoints, static files and security headers."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from bot.console import pages_admin, pages_ambassadors, pages_work  # noqa: F401  (registers pages)
from bot.console.auth import LOGIN_PATH, AuthFailed, validate_init_data
from bot.console.web import (
    COOKIE,
    HERE,
    ROUTES,
    Console,
    SecurityHeaders,
    endpoint_of,
    refusal,
    render,
    same_origin,
)
from bot.core.settings import Settings

NOT_MEMBER = (
    "Je bent (nog) geen medewerker of coach van Join us. Vraag een beheerder om een uitnodiging."
)


def _signed_in(console: Console, response: Response, session_id: str) -> Response:
    config = console.settings.console
    response.set_cookie(
        COOKIE,
        session_id,
        max_age=config.session_hours * 3600,
        httponly=True,
        secure=config.secure,
        samesite="strict",
        path="/",
    )
    return response


def build_app(settings: Settings, console: Console | None = None) -> Starlette:
    console = console or Console.open(settings)

    async def welcome(request: Request) -> Response:
        return render(request, "welcome.html", bot=console.settings.bot_username)

    async def miniapp_login(request: Request) -> Response:
        """POST from console.js inside Telegram: the raw initData, checked with the bot token."""
        token = console.settings.telegram_token
        if not same_origin(request, console.settings.console.base_url):
            return JSONResponse({"error": "Niet van de console."}, 403)
        async with request.form(max_files=0, max_fields=5) as form:
            init_data = str(form.get("init_data", ""))[:4096]
        if not token:
            return JSONResponse({"error": "Inloggen via Telegram is hier niet ingesteld."}, 400)
        try:
            user = validate_init_data(
                init_data, token, max_age=console.settings.console.initdata_max_age
            )
        except AuthFailed as exc:
            return JSONResponse({"error": str(exc)}, 403)
        if await run_in_threadpool(console.staff.role, user.id) is None:
            return JSONResponse({"error": NOT_MEMBER}, 403)
        session_id = await run_in_threadpool(
            console.auth.open_session, user.id, user.first_name, "miniapp"
        )
        return _signed_in(console, JSONResponse({"ok": True}), session_id)

    async def login_link(request: Request) -> Response:
        """GET shows a button; only the POST uses the link (a link preview must not spend it)."""
        token = str(request.path_params["token"])
        if request.method == "GET":
            return render(request, "login.html", action=f"{LOGIN_PATH}{token}")
        if not same_origin(request, console.settings.console.base_url):
            return refusal(request, 403, "Geen toegang", "Dit formulier komt niet van de console.")
        try:
            telegram_id = await run_in_threadpool(console.auth.redeem_login_link, token)
        except AuthFailed as exc:
            return refusal(request, 403, "Inloglink werkt niet", str(exc))
        if await run_in_threadpool(console.staff.role, telegram_id) is None:
            return refusal(request, 403, "Geen toegang", NOT_MEMBER)
        name = ""
        members = dict(await run_in_threadpool(console.staff.members))
        name = members.get(telegram_id, "")
        session_id = await run_in_threadpool(console.auth.open_session, telegram_id, name, "link")
        return _signed_in(console, RedirectResponse("/", status_code=303), session_id)

    async def health(_request: Request) -> Response:
        return PlainTextResponse("ok")

    routes: list[Route | Mount] = [
        Route("/welkom", welcome),
        Route("/auth/telegram", miniapp_login, methods=["POST"]),
        Route(LOGIN_PATH + "{token}", login_link, methods=["GET", "POST"]),
        Route("/healthz", health),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    # One Starlette route per (path, method): GET and POST of one path may have different pages.
    for route in ROUTES:
        routes.append(Route(route.path, endpoint_of(route, console), methods=list(route.methods)))
    app = Starlette(routes=routes)
    app.state.console = console
    return SecurityHeaders(app, secure=settings.console.secure)  # type: ignore[return-value]
