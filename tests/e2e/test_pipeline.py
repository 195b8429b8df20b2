"""End to end: the real Rasa server, action server and bot, started by `python -m bot`,
talking to a fake Telegram Bot API server on 127.0.0.1 (and, without a token, a terminal)."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.stack import E2E_MARKS, ROOT, STARTUP, bot_env, telegram_bot
from tests.fakes.bot_api import FakeBotApi

pytestmark = E2E_MARKS
USER = 555_123_456


@pytest.fixture
def telegram_stack(tmp_path: Path) -> Iterator[tuple[FakeBotApi, subprocess.Popen[str], Path]]:
    with FakeBotApi() as api, telegram_bot(api, tmp_path) as process:
        yield api, process, tmp_path


async def _texts(api: FakeBotApi, count: int, wait: float = 60) -> list[dict[str, object]]:
    return await asyncio.to_thread(api.wait_for_messages, USER, count, wait)


async def test_telegram_conversation_through_all_three_processes(
    telegram_stack: tuple[FakeBotApi, subprocess.Popen[str], Path],
) -> None:
    api, process, data_dir = telegram_stack

    api.push_command(USER, "/start", payload="poster_veghel")
    greeting = (await _texts(api, 1))[0]
    assert "Join us" in str(greeting["text"]) and "bot" in str(greeting["text"]).lower()

    api.push_text(USER, "wat is join us?")
    messages = await _texts(api, 2)
    about = messages[1]
    assert "Join us" in str(about["text"]) and "12" in str(about["text"])
    keyboard = about["reply_markup"]["inline_keyboard"]  # type: ignore[index]
    assert keyboard, "the answer offers follow-up buttons"

    # Press the first button: its payload is the next turn, the callback is acknowledged.
    api.push_callback(USER, keyboard[0][0]["callback_data"], int(str(about["message_id"])))
    after = (await _texts(api, 3))[2]
    assert str(after["text"]).strip() and after["text"] != about["text"]
    api.wait_for(lambda: len(api.answered_callbacks) >= 1, timeout=10)

    # A custom action (facts file, through the action server) answers "when and where".
    api.push_text(USER, "wanneer zijn de avonden?")
    when = (await _texts(api, 4))[3]
    assert "vrijdagavond" in str(when["text"])

    assert process.poll() is None
    # Privacy by design: the Telegram id is in neither Rasa's tracker store nor any log.
    tracker = sqlite3.connect(data_dir / "rasa_tracker.db")
    senders = {row[0] for row in tracker.execute("SELECT DISTINCT sender_id FROM events")}
    tracker.close()
    assert senders and all(str(USER) not in s for s in senders)
    for log_file in [*(data_dir / "log").glob("*.log"), data_dir / "supervisor.out"]:
        assert str(USER) not in log_file.read_text(errors="replace"), log_file.name


def test_terminal_chat_without_token(tmp_path: Path) -> None:
    env = bot_env(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=ROOT,
        env=env,
        input=(
            "wat is join us?\n1\nwanneer is het\nhoi\n"
            # A parent: later answers say "u" (the cost answer comes from the action server).
            "mijn dochter van 15 zit elk weekend alleen op haar kamer, is join us iets voor haar?\n"
            "wat kost het?\n/exit\n"
        ),
        capture_output=True,
        text=True,
        timeout=STARTUP,
    )
    out = result.stdout
    assert result.returncode == 0, out[-3000:] + result.stderr[-3000:]
    assert "TELEGRAM_BOT_TOKEN" in out  # how to connect a real bot
    assert "Join us" in out and "[1]" in out  # buttons shown as numbered choices
    assert "vrijdagavond" in out
    assert out.count("Ik ben de chatbot van Join us") == 1  # "hoi" again: a short hello
    assert "Waar kan ik je mee helpen?" in out
    assert "Goed dat u met uw kind meedenkt" in out
    assert "U kunt " in out and "vraagt u het" in out  # the cost answer, for a parent
    assert "even niet bereikbaar" not in out
