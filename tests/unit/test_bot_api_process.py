"""The Bot API emulator in its own process (the load benchmark's Telegram stand-in)."""

from __future__ import annotations

import threading
import time

import httpx

from tests.fakes.bot_api_process import BotApiProcess


def test_pushed_messages_reach_the_bot_and_its_calls_are_reported_with_their_time() -> None:
    heard: list[tuple[str, int, float]] = []
    arrived = threading.Event()

    def listener(method: str, chat_id: int, at: float) -> None:
        heard.append((method, chat_id, at))
        if method == "sendMessage":
            arrived.set()

    api = BotApiProcess().start()
    try:
        api.listener = listener
        api.push_text(4242, 'hoi "daar" 👋')
        with httpx.Client(base_url=api.base_url + "123:T/", timeout=10) as bot:
            updates = bot.post("getUpdates", json={"timeout": 5}).json()["result"]
            assert [u["message"]["text"] for u in updates] == ['hoi "daar" 👋']
            assert updates[0]["message"]["chat"]["id"] == 4242
            bot.post("sendChatAction", json={"chat_id": 4242, "action": "typing"})
            before = time.perf_counter()
            answer = bot.post("sendMessage", json={"chat_id": 4242, "text": "Hoi!"})
            after = time.perf_counter()
            assert answer.json()["ok"] is True
            assert bot.post("sendMessage", json={"chat_id": 4242, "text": " "}).status_code == 400
        assert arrived.wait(5)
    finally:
        api.stop()
    assert [(m, c) for m, c, _ in heard] == [("sendChatAction", 4242), ("sendMessage", 4242)]
    assert before <= heard[1][2] <= after  # the emulator's clock is this process's clock
    assert api.messages_sent == 1  # the refused empty message is not counted
    assert api.pid is None


def test_stop_ends_the_process() -> None:
    api = BotApiProcess().start()
    process = api._process
    assert process is not None and api.pid == process.pid
    api.stop()
    assert process.poll() is not None
