"""Start and stop the real Telegram Application by hand, as run_polling would, for tests."""

from __future__ import annotations

from typing import Any

from bot.core.settings import Settings
from bot.telegram.app import build_application


async def initialise(settings: Settings) -> Any:
    """Build the application and run its post_init (which run_polling would call)."""
    app = build_application(settings)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    return app


async def start_polling(settings: Settings) -> Any:
    app = await initialise(settings)
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    await app.start()
    return app


async def stop(app: Any) -> None:
    """Stop updater and application and run the post_stop/post_shutdown hooks."""
    await app.updater.stop()
    await app.stop()
    await app.post_stop(app)
    await app.shutdown()
    await app.post_shutdown(app)
