"""`python -m bot.ops.action_server`: rasa-sdk's action server plus /healthz, /readyz and /metrics.

rasa-sdk builds its Sanic app inside ``rasa_sdk.endpoint.run``; we build the same app with its
own ``create_app_for_serve`` and add our routes, so nothing of rasa-sdk is patched. Arguments
are rasa-sdk's (``--actions actions --port 5055``); the bind address is SANIC_HOST as there.
"""

from __future__ import annotations

import argparse
import logging
import os
from collections import OrderedDict
from functools import partial
from typing import Any

from rasa_sdk.endpoint import create_app_for_serve
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic.worker.loader import AppLoader

from bot.core.hardening import guard_action_server, private_files
from bot.core.logging_setup import configure_logging
from bot.core.settings import load_settings
from bot.ops import metrics
from bot.ops.health import database_check, run_checks
from bot.storage.db import Database

log = logging.getLogger(__name__)


class MeasuredExecutor(ActionExecutor):  # type: ignore[misc]  # rasa_sdk is untyped
    """Counts each user turn once per intent group, and fallbacks, then runs the action."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: OrderedDict[tuple[str, float], None] = OrderedDict()

    async def run(self, action_call: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        try:
            self._measure(action_call)
        except Exception:  # metrics must never cost a reply
            log.debug("could not measure an action call", exc_info=True)
        return await super().run(action_call, *args, **kwargs)

    def _measure(self, action_call: dict[str, Any]) -> None:
        stage = metrics.fallback_stage(str(action_call.get("next_action", "")))
        if stage is not None:
            metrics.FALLBACKS.labels(stage).inc()
        tracker = action_call.get("tracker") or {}
        user_events = [e for e in tracker.get("events") or [] if e.get("event") == "user"]
        if not user_events:
            return
        # Several actions may run for one user message: count the message once.
        key = (str(tracker.get("sender_id", "")), float(user_events[-1].get("timestamp") or 0))
        if key in self._seen:
            return
        self._seen[key] = None
        if len(self._seen) > 4096:
            self._seen.popitem(last=False)
        intent = (tracker.get("latest_message") or {}).get("intent") or {}
        metrics.TURNS.labels(metrics.intent_group(intent.get("name"))).inc()


def add_ops_routes(app: Sanic[Any, Any], database: Database | None) -> None:
    """/healthz (process alive), /readyz (our database reachable), /metrics."""

    @app.get("/healthz")
    async def healthz(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @app.get("/readyz")
    async def readyz(_: Request) -> HTTPResponse:
        checks = {"database": database_check(database)} if database is not None else {}
        ok, report = await run_checks(checks)
        return response.json(
            {"status": "ready" if ok else "not ready", "checks": report}, status=200 if ok else 503
        )

    @app.get("/metrics")
    async def metrics_route(_: Request) -> HTTPResponse:
        body, content_type = metrics.render()
        return response.raw(body, content_type=content_type)


def create_app(actions_package: str, endpoints: str = "endpoints.yml") -> Sanic[Any, Any]:
    """rasa-sdk's app for ``actions_package`` with our routes (module level: Sanic pickles it)."""
    executor = MeasuredExecutor()
    executor.register_package(actions_package)
    app: Sanic[Any, Any] = create_app_for_serve(executor, cors_origins=None, endpoints=endpoints)
    settings = load_settings()
    database = Database(settings.database_url)
    add_ops_routes(app, database)

    async def _dispose(*_: Any) -> None:
        database.dispose()

    app.register_listener(_dispose, "after_server_stop")

    return app


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Join us action server (rasa-sdk + health)")
    parser.add_argument("--actions", default="actions")
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument("--endpoints", default="endpoints.yml")
    args = parser.parse_args(argv)
    # Private files, and loopback only unless ENGINE_ALLOW_PUBLIC=1 (issue 11).
    private_files()
    guard_action_server(os.environ)
    settings = load_settings()
    configure_logging(settings.log_level)
    loader = AppLoader(factory=partial(create_app, args.actions, args.endpoints))
    app = loader.load()
    # Like rasa-sdk: SANIC_HOST (the supervisor sets 127.0.0.1; a container sets 0.0.0.0).
    host = os.environ.get("SANIC_HOST", "127.0.0.1")
    log.info("action server on http://%s:%d", host, args.port)
    app.prepare(host=host, port=args.port, workers=1, single_process=True)
    Sanic.serve_single(primary=app)


if __name__ == "__main__":
    main()
