from __future__ import annotations

import asyncio
import socket
import time

import httpx
import pytest

from bot.core.errors import EngineBadResponse, EngineUnavailable
from bot.pipeline.engine import RasaClient, parse_rasa_messages
from bot.pipeline.messages import Button, Reply


def test_parse_text_buttons_and_custom() -> None:
    raw = [
        {"recipient_id": "x", "text": "Hoi", "buttons": [{"title": "Ja", "payload": "/affirm"}]},
        {"recipient_id": "x", "image": "http://example.invalid/x.png"},
        {"recipient_id": "x", "custom": {"directive": "link_chat"}},
    ]
    assert parse_rasa_messages(raw) == [
        Reply("Hoi", (Button("Ja", "/affirm"),)),
        Reply("", custom={"directive": "link_chat"}),
    ]


def test_parse_rejects_non_list() -> None:
    with pytest.raises(EngineBadResponse):
        parse_rasa_messages({"error": "x"})


async def test_http_error_and_bad_json_are_translated() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if b"kapot" in request.content:
            return httpx.Response(500)
        return httpx.Response(200, content=b"not json")

    client = RasaClient("http://rasa.test", 2, transport=httpx.MockTransport(handler))
    with pytest.raises(EngineUnavailable):
        await client.send("p", "kapot")
    with pytest.raises(EngineBadResponse):
        await client.send("p", "hoi")
    await client.aclose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_rasa_down_fails_fast() -> None:
    client = RasaClient(f"http://127.0.0.1:{_free_port()}", 5)
    start = time.monotonic()
    with pytest.raises(EngineUnavailable):
        await client.send("p", "hoi")
    assert time.monotonic() - start < 2
    assert await client.is_ready() is False
    await client.aclose()


async def test_rasa_hanging_times_out() -> None:
    # A server that accepts connections but never answers, like a stuck Rasa.
    server = await asyncio.start_server(lambda r, w: asyncio.sleep(30), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    client = RasaClient(f"http://127.0.0.1:{port}", 0.5)
    start = time.monotonic()
    with pytest.raises(EngineUnavailable, match="in time"):
        await client.send("p", "hoi")
    assert time.monotonic() - start < 2
    await client.aclose()
    server.close()
