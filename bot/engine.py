"""Client for the Rasa engine's REST channel; httpx errors are translated to :mod:`bot.errors`."""

from __future__ import annotations

import logging
from typing import Any

import httpx

from bot.errors import EngineBadResponse, EngineUnavailable
from bot.messages import Button, Reply

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


class RasaClient:
    """Sends one user turn to Rasa and returns its replies; owns one pooled HTTP client."""

    def __init__(
        self, base_url: str, timeout: float, *, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 2.0)),
            transport=transport,
        )

    async def send(
        self, sender: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[Reply]:
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        try:
            response = await self._client.post(WEBHOOK_PATH, json=body)
            response.raise_for_status()
            raw = response.json()
        except httpx.TimeoutException as exc:
            raise EngineUnavailable("Rasa did not answer in time") from exc
        except httpx.HTTPStatusError as exc:
            raise EngineUnavailable(f"Rasa answered HTTP {exc.response.status_code}") from exc
        except httpx.TransportError as exc:
            raise EngineUnavailable(f"Rasa could not be reached: {type(exc).__name__}") from exc
        except ValueError as exc:
            raise EngineBadResponse("Rasa answered with invalid JSON") from exc
        return parse_rasa_messages(raw)

    async def is_ready(self) -> bool:
        """True once Rasa has a model loaded (``/status`` reports a model file)."""
        try:
            response = await self._client.get("/status", timeout=2.0)
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            return False

    async def aclose(self) -> None:
        await self._client.aclose()
