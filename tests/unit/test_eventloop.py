"""The bot process runs on uvloop when it is installed and on asyncio's own loop when not."""

from __future__ import annotations

import asyncio
import importlib
import threading
from collections.abc import Iterator
from types import ModuleType

import pytest
from telegram.ext import Application, ApplicationBuilder

from bot.core.eventloop import use_fast_event_loop
from tests.fakes.bot_api import FakeBotApi


@pytest.fixture
def restored_policy() -> Iterator[None]:
    policy = asyncio.get_event_loop_policy()
    yield
    asyncio.set_event_loop_policy(policy)


def test_uvloop_when_installed(restored_policy: None) -> None:
    uvloop = importlib.import_module("uvloop")
    assert use_fast_event_loop() == "uvloop"
    loop = asyncio.new_event_loop()
    try:
        assert isinstance(loop, uvloop.Loop)
    finally:
        loop.close()


def test_asyncio_loop_when_uvloop_is_missing(
    restored_policy: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = importlib.import_module

    def without_uvloop(name: str, package: str | None = None) -> ModuleType:
        if name == "uvloop":
            raise ModuleNotFoundError("No module named 'uvloop'")
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", without_uvloop)
    before = asyncio.get_event_loop_policy()
    assert use_fast_event_loop() == "asyncio"
    assert asyncio.get_event_loop_policy() is before
    loop = asyncio.new_event_loop()
    try:
        assert type(loop).__module__.startswith("asyncio")
    finally:
        loop.close()


def test_python_telegram_bot_polls_on_the_loop_of_the_policy(restored_policy: None) -> None:
    """run_polling (as bot.telegram.app.run calls it) creates its loop from the policy. It runs
    in a thread of its own, which has no event loop yet, as the bot process's main thread."""
    seen: list[str] = []
    errors: list[BaseException] = []

    async def post_init(app: Application) -> None:  # type: ignore[type-arg]
        seen.append(type(asyncio.get_running_loop()).__module__)
        asyncio.get_running_loop().call_later(0.2, app.stop_running)

    def poll(base_url: str) -> None:
        try:
            builder = ApplicationBuilder().token("123:ABC").base_url(base_url)
            app = builder.post_init(post_init).build()
            app.run_polling(stop_signals=None, close_loop=True, poll_interval=0.05)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    use_fast_event_loop()
    with FakeBotApi() as api:
        thread = threading.Thread(target=poll, args=(api.base_url,))
        thread.start()
        thread.join(timeout=20)
    assert not errors
    assert seen and seen[0].startswith("uvloop")
