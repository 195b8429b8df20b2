"""The bot process's operations side: health/metrics server and the database watch."""

from __future__ import annotations

import logging

from bot.ops import metrics
from bot.ops.admin_alerts import AdminAlerts, DatabaseWatch
from bot.ops.health import (
    HealthServer,
    action_server_check,
    database_check,
    outbox_check,
    rasa_check,
)
from bot.ops.runtime import Runtime

log = logging.getLogger(__name__)

DATABASE_WATCH_SECONDS = 60


def health_server(runtime: Runtime) -> HealthServer:
    settings = runtime.settings
    return HealthServer(
        settings.ops.metrics_listen,
        settings.ops.metrics_port,
        {
            "rasa": rasa_check(settings.rasa_url, settings.security.rasa_auth_token),
            "action_server": action_server_check(settings.action_server_url),
            "database": database_check(runtime.database),
            "outbox": outbox_check(runtime.database, settings.ops.ready_outbox_max_age),
        },
    )


async def start_ops(runtime: Runtime) -> HealthServer | None:
    """Call from post_init before the jobs start; returns the server to stop at shutdown."""
    metrics.watch_outbox(runtime.database)
    watch = DatabaseWatch(runtime.database, AdminAlerts(runtime.settings))
    runtime.scheduler.every("database-watch", DATABASE_WATCH_SECONDS, watch.run_once)
    if runtime.settings.ops.metrics_port == 0:
        return None
    server = health_server(runtime)
    try:
        await server.start()
    except OSError as exc:  # a taken port must not stop the bot from answering young people
        log.error("health/metrics server not started on port %d: %s", server.port, exc)
        return None
    return server


async def stop_ops(server: HealthServer | None) -> None:
    metrics.watch_outbox(None)
    if server is not None:
        await server.stop()
