"""Liveness, readiness and metrics over HTTP for the bot process (and checks the action server reuses).

GET /healthz  200 while the process's event loop runs (liveness: restart me if this fails)
GET /readyz   200 when Rasa, the action server, the database and the outbox are fine, else 503
              with which check failed (readiness: alert on this, do not restart)
GET /metrics  Prometheus exposition text

A deliberately tiny HTTP/1.1 server on asyncio: it binds METRICS_LISTEN (127.0.0.1 by default)
and is never exposed publicly; the answers name checks and error types only, no data.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

import httpx
from sqlalchemy import text

from bot.ops import metrics
from bot.storage.db import Database

log = logging.getLogger(__name__)

CHECK_TIMEOUT = 3.0


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: str = ""


Check = Callable[[], Awaitable[CheckResult]]


def http_check(url: str, *, must_contain: bytes = b"") -> Check:
    async def check() -> CheckResult:
        try:
            async with httpx.AsyncClient(timeout=CHECK_TIMEOUT) as client:
                response = await client.get(url)
        except httpx.HTTPError as exc:
            return CheckResult(False, type(exc).__name__)
        if response.status_code != 200:
            return CheckResult(False, f"HTTP {response.status_code}")
        if must_contain and must_contain not in response.content:
            return CheckResult(False, "unexpected answer")
        return CheckResult(True)

    return check


def rasa_check(rasa_url: str, token: str | None = None) -> Check:
    """Rasa is ready only with a model loaded (/status names its file; the API may need a token)."""
    query = f"?token={token}" if token else ""
    return http_check(f"{rasa_url}/status{query}", must_contain=b'"model_file"')


def action_server_check(action_server_url: str) -> Check:
    base = action_server_url.rsplit("/webhook", 1)[0]
    return http_check(f"{base}/health")


def database_check(database: Database) -> Check:
    def probe() -> None:
        with database.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    async def check() -> CheckResult:
        try:
            await asyncio.to_thread(probe)
        except Exception as exc:
            return CheckResult(False, type(exc).__name__)
        return CheckResult(True)

    return check


def outbox_check(database: Database, max_age_seconds: float) -> Check:
    """Not ready when a due message has waited longer than ``max_age_seconds`` (delivery stuck)."""
    from bot.pipeline.outbox_stats import outbox_stats

    async def check() -> CheckResult:
        try:
            stats = await asyncio.to_thread(outbox_stats, database)
        except Exception as exc:
            return CheckResult(False, type(exc).__name__)
        age = stats.oldest_due_seconds
        pending = stats.by_status.get("pending", 0)
        detail = f"{pending} pending, oldest due {age:.0f} s"
        return CheckResult(age <= max_age_seconds, detail)

    return check


async def run_checks(checks: Mapping[str, Check]) -> tuple[bool, dict[str, dict[str, object]]]:
    """Run every check concurrently, each bounded by CHECK_TIMEOUT."""

    async def bounded(check: Check) -> CheckResult:
        try:
            return await asyncio.wait_for(check(), CHECK_TIMEOUT + 1)
        except TimeoutError:
            return CheckResult(False, "timeout")
        except Exception as exc:
            return CheckResult(False, type(exc).__name__)

    names = list(checks)
    results = await asyncio.gather(*(bounded(checks[n]) for n in names))
    report: dict[str, dict[str, object]] = {
        name: {"ok": r.ok, **({"detail": r.detail} if r.detail else {})}
        for name, r in zip(names, results, strict=True)
    }
    return all(r.ok for r in results), report


class HealthServer:
    """Serves /healthz, /readyz and /metrics on ``listen:port`` (port 0 picks a free one)."""

    def __init__(self, listen: str, port: int, checks: Mapping[str, Check]) -> None:
        self.listen = listen
        self.port = port
        self.checks = dict(checks)
        self.started = time.monotonic()
        self._server: asyncio.Server | None = None

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._handle, self.listen, self.port)
        self.port = int(self._server.sockets[0].getsockname()[1])
        log.info("health and metrics on http://%s:%d/", self.listen, self.port)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        method = "GET"
        try:
            request = await asyncio.wait_for(reader.readline(), 5)
            while (await asyncio.wait_for(reader.readline(), 5)) not in (b"\r\n", b"\n", b""):
                pass  # headers: nothing here needs them
            method, path = _parse_request_line(request)
            status, content_type, body = await self._route(method, path)
        except (TimeoutError, ConnectionError, ValueError):
            status, content_type, body = 400, "text/plain", b"bad request\n"
        try:
            head = (
                f"HTTP/1.1 {status} {_REASONS.get(status, 'OK')}\r\n"
                f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
                "Cache-Control: no-store\r\nConnection: close\r\n\r\n"
            )
            writer.write(head.encode() + (body if method != "HEAD" else b""))
            await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def _route(self, method: str, path: str) -> tuple[int, str, bytes]:
        if method not in {"GET", "HEAD"}:
            return 405, "text/plain", b"method not allowed\n"
        path = path.split("?", 1)[0]
        if path == "/healthz":
            return 200, "application/json", _json({"status": "ok", "uptime_s": self._uptime()})
        if path == "/readyz":
            ok, report = await run_checks(self.checks)
            return (
                (200 if ok else 503),
                "application/json",
                _json({"status": "ready" if ok else "not ready", "checks": report}),
            )
        if path == "/metrics":
            body, content_type = metrics.render()
            return 200, content_type, body
        return 404, "text/plain", b"not found\n"

    def _uptime(self) -> int:
        return int(time.monotonic() - self.started)


_REASONS = {
    200: "OK",
    400: "Bad Request",
    404: "Not Found",
    405: "Method Not Allowed",
    503: "Service Unavailable",
}


def _parse_request_line(line: bytes) -> tuple[str, str]:
    parts = line.decode("latin-1").split()
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        raise ValueError("not an HTTP request line")
    return parts[0].upper(), parts[1]


def _json(payload: object) -> bytes:
    return json.dumps(payload, sort_keys=True).encode() + b"\n"
