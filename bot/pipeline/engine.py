"""Client for the Rasa engine's REST channel; httpx errors are translated to :mod:`bot.core.errors`."""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Sequence
from typing import Any

import httpx

from bot.core.errors import EngineBadResponse, EngineUnavailable
from bot.pipeline.messages import Button, Reply

log = logging.getLogger(__name__)

WEBHOOK_PATH = "/webhooks/rest/webhook"


def parse_rasa_messages(raw: Any) -> list[Reply]:
    """Turn Rasa's REST output into replies; unknown kinds (images, attachments) are skipped."""
    if not isinstance(raw, list):
        raise EngineBadResponse("Rasa answered with something that is not a list")
    replies: list[Reply] = []
    for item in raw:
        if not isinstance(item, dict):
            continue
        text = item.get("text")
        custom = item.get("custom")
        buttons = tuple(
            Button(title=str(b.get("title", "")), payload=str(b.get("payload", "")))
            for b in item.get("buttons") or []
            if isinstance(b, dict) and b.get("payload")
        )
        if isinstance(text, str) and text.strip():
            replies.append(Reply(text=text, buttons=buttons))
        elif buttons:
            replies.append(Reply(text="Kies maar:", buttons=buttons))
        if isinstance(custom, dict):
            replies.append(Reply(text="", custom=custom))
    return replies


# An engine instance that refused a connection is skipped for this long, then tried again.
RETRY_DOWN_AFTER = 5.0


class RasaClient:
    """Sends one user turn to Rasa and returns its replies; owns one pooled HTTP client.

    With several engine instances (RASA_INSTANCES) turns go round robin over them. An instance
    that refuses the connection is skipped for a few seconds and the turn goes to the next one
    (safe: a refused connection was never processed). A timeout is not retried elsewhere: the
    first instance may still be working on the turn. One person's turns stay in order because
    the bot sends them one at a time (bot/telegram/ordering.py) and Rasa's lock store serialises
    them per conversation.
    """

    def __init__(
        self,
        base_url: str | Sequence[str],
        timeout: float,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        urls = [base_url] if isinstance(base_url, str) else list(base_url)
        if not urls:
            raise ValueError("RasaClient needs at least one engine URL")
        self._urls = [url.rstrip("/") for url in urls]
        self._down_until = [0.0] * len(self._urls)
        self._next = itertools.count()
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 2.0)),
            # Keep-alive connections for every concurrent turn: no TCP set-up per turn.
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=100),
            transport=transport,
        )

    def _order(self) -> list[int]:
        """Instances to try for one turn: round robin, instances marked down last."""
        first = next(self._next) % len(self._urls)
        ring = [(first + i) % len(self._urls) for i in range(len(self._urls))]
        now = time.monotonic()
        return [i for i in ring if self._down_until[i] <= now] + [
            i for i in ring if self._down_until[i] > now
        ]

    async def send(
        self, sender: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[Reply]:
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        order = self._order()
        for attempt, index in enumerate(order):
            try:
                response = await self._client.post(self._urls[index] + WEBHOOK_PATH, json=body)
                response.raise_for_status()
                raw = response.json()
            except httpx.ConnectError as exc:
                self._down_until[index] = time.monotonic() + RETRY_DOWN_AFTER
                if attempt + 1 < len(order):
                    log.warning("engine instance %d refused a turn; trying the next", index + 1)
                    continue
                raise EngineUnavailable(f"Rasa could not be reached: {type(exc).__name__}") from exc
            except httpx.TimeoutException as exc:
                raise EngineUnavailable("Rasa did not answer in time") from exc
            except httpx.HTTPStatusError as exc:
                raise EngineUnavailable(f"Rasa answered HTTP {exc.response.status_code}") from exc
            except httpx.TransportError as exc:
                raise EngineUnavailable(f"Rasa could not be reached: {type(exc).__name__}") from exc
            except ValueError as exc:
                raise EngineBadResponse("Rasa answered with invalid JSON") from exc
            self._down_until[index] = 0.0
            return parse_rasa_messages(raw)
        raise EngineUnavailable("no engine instance configured")  # unreachable: urls is not empty

    async def is_ready(self) -> bool:
        """True once every engine instance has a model loaded (``/status`` reports a model)."""
        for url in self._urls:
            try:
                response = await self._client.get(url + "/status", timeout=2.0)
                if not (response.status_code == 200 and response.json().get("model_file")):
                    return False
            except (httpx.HTTPError, ValueError):
                return False
        return True

    async def aclose(self) -> None:
        await self._client.aclose()
