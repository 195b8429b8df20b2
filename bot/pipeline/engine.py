"""Client for the Rasa engine's REST channel; httpx errors are translated to :mod:`bot.core.errors`."""

from __future__ import annotations

import itertools
import logging
import time
import zlib
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from bot.core.errors import EngineBadResponse, EngineUnavailable
from bot.core.http_pool import lean_transport
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
# Without a shared lock store: a turn that timed out here (or broke off mid-answer) may still
# run on its instance, whose in-memory lock holds the conversation up to Rasa's lock lifetime
# (TICKET_LOCK_LIFETIME, 60 s by default). The person's turns stay on that instance twice as
# long; and for the first lock lifetime after the bot process starts, everyone's turns go to
# their hashed instance, as with the previous process (a turn it abandoned may still run).
RASA_LOCK_LIFETIME = 60.0
STAY_AFTER_ABANDONED = 2 * RASA_LOCK_LIFETIME
# Above this many remembered people, expired stays are swept.
_MAX_STAYS = 10_000


class RasaClient:
    """Sends one user turn to Rasa and returns its replies; owns one pooled HTTP client.

    With several engine instances (RASA_INSTANCES) turns are spread over them: round robin
    when the instances share a lock store (Redis), otherwise ``by_person``: a person's turn goes
    to the instance with the fewest turns in flight (ties: the one a hash of the sender names),
    unless something of theirs may still run somewhere. The instances share the tracker store,
    so a person whose previous turn has finished can be served by any of them; but while a turn
    of theirs is in flight, and for STAY_AFTER_ABANDONED after one timed out or broke off (it
    may still be running there), their turns go to that instance, whose own in-memory lock
    store then serialises them. (A hash alone left one engine with more people than the
    other: 29 against 21 of 50 is a fair draw.) An instance that refuses the connection is
    skipped for a few seconds and the turn goes to the next one (safe: a refused connection
    was never processed). A timeout is not retried elsewhere: the first instance may still be
    working on the turn. One person's turns stay in order because the bot sends them one at a
    time (bot/telegram/ordering.py) and Rasa's lock store serialises them per conversation.
    """

    def __init__(
        self,
        base_url: str | Sequence[str],
        timeout: float,
        *,
        by_person: bool = False,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        urls = [base_url] if isinstance(base_url, str) else list(base_url)
        if not urls:
            raise ValueError("RasaClient needs at least one engine URL")
        self._urls = [url.rstrip("/") for url in urls]
        self._by_person = by_person
        self._down_until = [0.0] * len(self._urls)
        self._next = itertools.count()
        self._clock = clock
        self._started = clock()
        self._busy = [0] * len(self._urls)  # turns in flight per instance
        self._active: dict[str, tuple[int, int]] = {}  # sender -> (instance, turns in flight)
        self._stay: dict[str, tuple[int, float]] = {}  # sender -> (instance, until)
        # Keep-alive connections for every concurrent turn: no TCP set-up per turn, on a pool
        # whose upkeep does not grow with the number of connections (bot/core/http_pool.py).
        limits = httpx.Limits(max_connections=200, max_keepalive_connections=100)
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 2.0)),
            limits=limits,
            transport=transport if transport is not None else lean_transport(limits),
        )

    def _first(self, sender: str, now: float) -> int:
        """``by_person``: where something of this person's may still run, else the least busy."""
        active = self._active.get(sender)
        if active is not None:
            return active[0]
        stay = self._stay.get(sender)
        if stay is not None:
            if stay[1] > now:
                return stay[0]
            del self._stay[sender]
        hashed = zlib.crc32(sender.encode()) % len(self._urls)  # stable across restarts
        if now - self._started < RASA_LOCK_LIFETIME:
            return hashed
        return min(range(len(self._urls)), key=lambda i: (self._busy[i], i != hashed))

    def _order(self, sender: str) -> list[int]:
        """Instances to try for one turn: the person's (``by_person``) or the next in the
        round, then the others; instances marked down last."""
        now = self._clock()
        first = self._first(sender, now) if self._by_person else next(self._next) % len(self._urls)
        ring = [(first + i) % len(self._urls) for i in range(len(self._urls))]
        return [i for i in ring if self._down_until[i] <= now] + [
            i for i in ring if self._down_until[i] > now
        ]

    def _begin(self, sender: str, index: int) -> None:
        self._busy[index] += 1
        _, count = self._active.get(sender, (index, 0))
        self._active[sender] = (index, count + 1)

    def _end(self, sender: str, index: int, *, abandoned: bool) -> None:
        self._busy[index] -= 1
        _, count = self._active.pop(sender, (index, 1))
        if count > 1:
            self._active[sender] = (index, count - 1)
        if abandoned and self._by_person:
            now = self._clock()
            self._stay[sender] = (index, now + STAY_AFTER_ABANDONED)
            if len(self._stay) > _MAX_STAYS:
                self._stay = {k: v for k, v in self._stay.items() if v[1] > now}

    async def send(
        self, sender: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[Reply]:
        body = {"sender": sender, "message": text, "metadata": metadata or {}}
        order = self._order(sender)
        for attempt, index in enumerate(order):
            abandoned = True  # until Rasa has answered (or refused the connection)
            self._begin(sender, index)
            try:
                response = await self._client.post(self._urls[index] + WEBHOOK_PATH, json=body)
                abandoned = False
                response.raise_for_status()
                raw = response.json()
            except httpx.ConnectError as exc:
                abandoned = False  # never reached the engine
                self._down_until[index] = self._clock() + RETRY_DOWN_AFTER
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
            finally:
                self._end(sender, index, abandoned=abandoned)
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
