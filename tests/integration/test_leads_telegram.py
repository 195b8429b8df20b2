"""Leads on Telegram: staff roles and forged buttons through the real app; delivery through outages."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from telegram import Bot

from bot.core.settings import load_settings
from bot.pipeline.conversation import ChannelUser
from bot.storage.models_outbox import OutboxMessage
from bot.telegram.delivery import OutboxDelivery
from tests import running_app
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.rasa import FakeRasa
from tests.leads_support import ADMIN, OUTSIDER, STAFF, STAFF_CHAT, draft, lead_env

TOKEN = "123:ABC"
FACTS_FILE = str(Path(__file__).resolve().parents[2] / "content" / "facts.yml")
YOUNG = "f" * 64


@pytest.fixture
def api() -> Iterator[FakeBotApi]:
    with FakeBotApi() as fake:
        yield fake


@pytest.fixture
def rasa() -> Iterator[FakeRasa]:
    with FakeRasa() as fake:
        yield fake


async def _app(tmp_path: Path, api: FakeBotApi, rasa: FakeRasa) -> Any:
    settings = load_settings(
        {
            "JOINUS_DATA_DIR": str(tmp_path),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_BASE_URL": api.base_url,
            "RASA_URL": rasa.url,
            "ENCRYPTION_KEY": "test-encryption-key",
            "ADMIN_TELEGRAM_IDS": str(ADMIN),
            "STAFF_CHAT_ID": str(STAFF_CHAT),
            "FACTS_FILE": FACTS_FILE,
        }
    )
    return await running_app.start_polling(settings)


async def _stop(app: Any) -> None:
    await running_app.stop(app)


async def _last_text(api: FakeBotApi, chat: int, count: int) -> str:
    messages = await asyncio.to_thread(api.wait_for_messages, chat, count, 10.0)
    return str(messages[count - 1]["text"])


async def _answer(api: FakeBotApi, count: int) -> str:
    await asyncio.to_thread(api.wait_for, lambda: len(api.answered_callbacks) >= count, 10.0)
    return str(api.answered_callbacks[count - 1].get("text", ""))


async def test_staff_roles_forged_buttons_and_claim(
    tmp_path: Path, api: FakeBotApi, rasa: FakeRasa
) -> None:
    app = await _app(tmp_path, api, rasa)
    try:
        runtime = app.bot_data["runtime"]
        submitted = await asyncio.to_thread(runtime.leads.submit, YOUNG, draft())
        app.bot_data["delivery"].wake()
        card = (await asyncio.to_thread(api.wait_for_messages, STAFF_CHAT, 1, 10.0))[0]
        assert "Nieuwe aanmelding" in card["text"] and "+31612345678" not in card["text"]

        # Someone who is not staff: commands and the card's buttons are refused politely.
        api.push_command(OUTSIDER, "/leads")
        assert "alleen voor medewerkers" in await _last_text(api, OUTSIDER, 1)
        api.push_command(OUTSIDER, "/staf", "uitnodigen")
        assert "alleen voor beheerders" in await _last_text(api, OUTSIDER, 2)
        api.push_command(OUTSIDER, "/lead", submitted.public_id)
        assert "alleen voor medewerkers" in await _last_text(api, OUTSIDER, 3)
        api.push_callback(OUTSIDER, f"s|claim|{submitted.public_id}", card["message_id"])
        assert "alleen voor medewerkers" in await _answer(api, 1)

        # The admin invites a staff member with a one-time link.
        api.push_command(ADMIN, "/staf", "uitnodigen")
        invite = await _last_text(api, ADMIN, 1)
        token = re.search(r"start=staff_([\w-]+)", invite)
        assert token is not None, invite
        api.push_command(STAFF, "/start", f"staff_{token.group(1)}")
        assert "Welkom bij het team" in await _last_text(api, STAFF, 1)
        api.push_command(OUTSIDER, "/start", f"staff_{token.group(1)}")
        assert "ongeldig" in await _last_text(api, OUTSIDER, 4)

        # Forged callback data: another id, another action, garbage.
        api.push_callback(STAFF, "s|claim|ZZZZ99", card["message_id"])
        assert "bestaat niet" in await _answer(api, 2)
        api.push_callback(STAFF, f"s|delete|{submitted.public_id}", card["message_id"])
        assert "werkt niet" in await _answer(api, 3)
        api.push_callback(STAFF, f"s|signed|{submitted.public_id}", card["message_id"])
        assert "kan nu niet" in await _answer(api, 4)

        # The real claim: details privately to the claimer, the card loses its buttons.
        api.push_callback(STAFF, f"s|claim|{submitted.public_id}", card["message_id"])
        assert "opgepakt" in await _answer(api, 5)
        details = await _last_text(api, STAFF, 2)
        assert "+31612345678" in details and "Sam" in details
        assert "reply_markup" not in api.bot_message(card["message_id"])
        api.push_callback(ADMIN, f"s|claim|{submitted.public_id}", card["message_id"])
        assert "al opgepakt" in await _answer(api, 6)
        api.push_command(STAFF, "/leads")
        assert submitted.public_id in await _last_text(api, STAFF, 3)
        # Anonymous figures: staff only; the funnel shows the interest without any person.
        api.push_command(OUTSIDER, "/cijfers")
        assert "alleen voor medewerkers" in await _last_text(api, OUTSIDER, 5)
        api.push_command(STAFF, "/cijfers")
        figures = await _last_text(api, STAFF, 4)
        assert "Aanmeldingen per bron" in figures and "Sam" not in figures
    finally:
        await _stop(app)


async def test_parent_deep_link_reaches_rasa_as_a_placeholder(
    tmp_path: Path, api: FakeBotApi, rasa: FakeRasa
) -> None:
    app = await _app(tmp_path, api, rasa)
    try:
        api.push_command(OUTSIDER, "/start", "ouder_k7q2mx")
        await _last_text(api, OUTSIDER, 1)
        sent = [m["message"] for m in rasa.received]
        # The code stays with us (the parent's draft); Rasa only learns that there is one.
        assert sent == ["/parent_code" + json.dumps({"parent_code": "captured"})]
        runtime = app.bot_data["runtime"]
        parent = runtime.conversation.pseudonym(ChannelUser("telegram", OUTSIDER, OUTSIDER))
        assert runtime.drafts.values(parent) == {"parent_code": "K7Q2MX"}
    finally:
        await _stop(app)


async def test_telegram_down_lead_delivered_exactly_once_after_recovery(
    tmp_path: Path, api: FakeBotApi
) -> None:
    env = lead_env(tmp_path, f"sqlite:///{tmp_path / 'joinus.db'}")
    try:
        api.set_down(True)
        env.leads.submit(YOUNG, draft())
        async with Bot(TOKEN, base_url=api.base_url) as bot:
            delivery = OutboxDelivery(env.database, env.cipher, bot, clock=env.clock)
            assert await delivery.deliver_due() == 0
            api.set_down(True, disconnect=True)
            env.clock.advance(timedelta(seconds=6))
            assert await delivery.deliver_due() == 0
            with env.database.session() as session:
                row = session.scalars(select(OutboxMessage)).one()
                assert (row.status, row.attempts) == ("pending", 2)

            # Recovery after a restart: a new delivery loop finds the pending card.
            api.set_down(False)
            restarted = OutboxDelivery(env.database, env.cipher, bot, clock=env.clock)
            assert await restarted.deliver_due() == 0  # still backing off
            env.clock.advance(timedelta(seconds=11))
            assert await restarted.deliver_due() == 1
            assert await restarted.deliver_due() == 0
            assert await delivery.deliver_due() == 0
        cards = api.sent_messages(STAFF_CHAT)
        assert len(cards) == 1 and "Nieuwe aanmelding" in cards[0]["text"]
    finally:
        env.close()
