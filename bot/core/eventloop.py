"""The bot process's event loop: uvloop where it is installed, asyncio's own otherwise.

uvloop (libuv) runs the same asyncio code with less CPU per socket event and callback; the
bot process is mostly that (long polling, Bot API calls, Rasa calls): an httpx POST to a local
server cost the client 10-20% less CPU on uvloop (0.64-0.72 against 0.77-0.80 ms per request,
10 and 50 at once, 30 Nov, issue 12). It is a dependency (pyproject.toml), yet a machine without
it (Windows, a platform without a wheel) still runs, on asyncio's loop.
"""

from __future__ import annotations

import asyncio
import importlib
import logging

log = logging.getLogger(__name__)


def use_fast_event_loop() -> str:
    """Make new event loops uvloop's (the policy), if it can be imported; returns which one."""
    try:
        uvloop = importlib.import_module("uvloop")
    except ImportError:
        log.info("uvloop is not installed: asyncio's own event loop")
        return "asyncio"
    asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    return "uvloop"
