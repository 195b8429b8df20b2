"""Command menus per audience (BotCommandScope) through the real app and the fake Bot API."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from telegram.ext import CommandHandler

from bot.core.settings import load_settings
from bot.pipeline.conversation import COMMAND_INTENTS
from bot.staff.members import ADMIN as ADMIN_ROLE
from bot.staff.members import COACH, STAFF
from bot.telegram.app import build_application
from bot.telegram.menus import MENUS, YOUNG_PEOPLE
from tests import running_app
from tests.fakes.bot_api import FakeBotApi

ADMIN, NEW_COACH, NEW_STAFF, STRANGER = 4001, 4002, 4003, 4004
FACTS = str(Path(__file__).resolve().parents[2] / "content" / "facts.yml")


def _settings(tmp_path: Path, api: FakeBotApi) -> Any:
    return load_settings(
        {
            "JOINUS_DATA_DIR": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": "123:ABC",
            "TELEGRAM_BASE_URL": api.base_url,
            "RASA_URL": "http://127.0.0.1:9",  # never reached by these flows
            "ADMIN_TELEGRAM_IDS": str(ADMIN),
            "FACTS_FILE": FACTS,
        }
    )


@pytest.fixture
async def running(tmp_path: Path) -> AsyncIterator[tuple[FakeBotApi, Any]]:
    with FakeBotApi() as api:
        app = await running_app.start_polling(_settings(tmp_path, api))
        try:
            yield api, app
        finally:
            await running_app.stop(app)


def _menu(api: FakeBotApi, chat: int | None = None) -> list[str]:
    scope = {"type": "chat", "chat_id": chat} if chat is not None else None
    return [c["command"] for c in api.commands(scope)]


def _names(role: str) -> list[str]:
    return [c.command for c in MENUS[role]]


async def _invite(api: FakeBotApi, who: int, role: str, seen: int) -> None:
    api.push_command(ADMIN, "/staf", "uitnodigen coach" if role == COACH else "uitnodigen")
    invite = (await asyncio.to_thread(api.wait_for_messages, ADMIN, seen, 10))[-1]["text"]
    token = re.search(r"start=staff_([\w-]+)", invite)
    assert token, invite
    api.push_command(who, "/start", f"staff_{token.group(1)}")
    await asyncio.to_thread(api.wait_for_messages, who, 1, 10)


async def test_each_audience_gets_its_own_menu(running: tuple[FakeBotApi, Any]) -> None:
    api, app = running
    # At start: the young people's menu as the default, the admin's in the admin's chat.
    assert _menu(api) == ["start", "help", "privacy", "mijngegevens", "stop", "vergeet"]
    assert _menu(api, ADMIN) == _names(ADMIN_ROLE)
    assert "staf" in _menu(api, ADMIN) and _menu(api, STRANGER) == []

    # Redeeming an invite sets the menu at once: a coach sees the ambassador programme only.
    await _invite(api, NEW_COACH, COACH, 1)
    assert _menu(api, NEW_COACH) == _names(COACH)
    assert "leads" not in _menu(api, NEW_COACH) and "ambtaak" in _menu(api, NEW_COACH)
    await _invite(api, NEW_STAFF, STAFF, 2)
    assert _menu(api, NEW_STAFF) == _names(STAFF)
    assert {"leads", "verzoeken", "ambteams", "console"} <= set(_menu(api, NEW_STAFF))
    assert "staf" not in _menu(api, NEW_STAFF)

    # Removed with /staf: back to the default (young people's) menu.
    api.push_command(ADMIN, "/staf", f"verwijder {NEW_COACH}")
    await asyncio.to_thread(api.wait_for_messages, ADMIN, 3, 10)
    assert _menu(api, NEW_COACH) == []

    # Removed elsewhere (the console is another process): the periodic sync catches it.
    runtime = app.bot_data["runtime"]
    admin = runtime.staff.require(ADMIN, admin=True)
    assert await asyncio.to_thread(runtime.staff.remove, admin, NEW_STAFF)
    assert _menu(api, NEW_STAFF) == _names(STAFF)
    calls = len(api.calls_to("setMyCommands"))
    await app.bot_data["menus"].sync(app.bot)
    assert _menu(api, NEW_STAFF) == []
    assert len(api.calls_to("setMyCommands")) == calls  # unchanged menus are not sent again


def test_every_menu_command_is_handled_by_the_app(tmp_path: Path) -> None:
    with FakeBotApi() as api:
        app = build_application(_settings(tmp_path, api))
    handled = set(COMMAND_INTENTS)  # the conversation's own commands (bot/pipeline/conversation.py)
    for handlers in app.handlers.values():
        for handler in handlers:
            if isinstance(handler, CommandHandler):
                handled |= set(handler.commands)
    assert {c.command for c in YOUNG_PEOPLE} <= set(COMMAND_INTENTS)
    for role, menu in MENUS.items():
        assert {c.command for c in menu} <= handled, role
