"""HTTP connection pools whose bookkeeping does not grow with the square of the connections.

httpx 0.28 pools its connections with httpcore 1.0.9, whose ``_assign_requests_to_connections``
runs twice per request (when it is queued and when its response is closed). Each run walks the
whole pool, and for every idle connection it counts the whole pool again (quadratic; the count
is of all connections, not of the idle ones, so ``max_keepalive_connections`` is not what
decides: encode/httpcore#1035 and #1000, not released). It also asks every idle connection
whether the server closed it, through anyio's attribute map, which is rebuilt (with a
``getpeername()`` call) for each question. With 50 people at once the bot keeps about 50
connections to Rasa and as many to the Bot API, and this bookkeeping was about half of the bot
process's CPU (issue 12, measured with cProfile).

:class:`LeanConnectionPool` makes the same decisions in one pass over the connections and one
over the waiting requests:

- closed connections are dropped, expired ones (keep-alive time over, or closed by the server)
  are closed;
- at most ``max_keepalive_connections`` idle connections are kept (the oldest go first);
- a waiting request gets the first available connection for its origin, else a new one while
  there is room, else an idle connection to another origin is closed to make room;
- a connection already handed to a waiting request is never closed by a later pass before
  that request has used it (encode/httpcore#1110), nor, without HTTP/2, handed to a second
  request (httpcore did, and the loser went round again: about three passes per request with
  50 at once).

Its streams (:class:`LeanBackend`) keep their socket, so "did the server close it?" is one
``poll()``. The pool's public behaviour (limits, keep-alive expiry, timeouts, errors) is
httpcore's; :func:`lean_transport` gives an ``httpx.AsyncHTTPTransport`` that uses it.
"""

# httpcore's network interface takes per-call timeouts; these methods only pass them on.
# ruff: noqa: ASYNC109

from __future__ import annotations

import math
import select
import socket
import ssl
import time
import typing

import httpcore
import httpx
from httpcore import AsyncConnectionInterface

__all__ = ["LeanBackend", "LeanConnectionPool", "lean_transport"]


def socket_readable(sock: socket.socket | None) -> bool:
    """Whether reading ``sock`` would not block (for an idle connection: the server closed it,
    or sent something it should not have). A closed or missing socket counts as readable."""
    fileno = -1 if sock is None else sock.fileno()
    if fileno < 0:
        return True
    poller = select.poll()
    poller.register(fileno, select.POLLIN)
    return bool(poller.poll(0))


class _LeanStream(httpcore.AsyncNetworkStream):
    """A network stream that keeps its socket for the pool's readability check."""

    def __init__(self, inner: httpcore.AsyncNetworkStream) -> None:
        self._inner = inner
        self._socket: socket.socket | None = inner.get_extra_info("socket")

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return await self._inner.read(max_bytes, timeout)

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._inner.write(buffer, timeout)

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return _LeanStream(await self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> typing.Any:
        if info == "is_readable":
            return socket_readable(self._socket)
        return self._inner.get_extra_info(info)


class LeanBackend(httpcore.AsyncNetworkBackend):
    """httpcore's anyio backend (what it picks under asyncio), with :class:`_LeanStream`s."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._inner = inner if inner is not None else httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return _LeanStream(
            await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        )

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return _LeanStream(await self._inner.connect_unix_socket(path, timeout, socket_options))

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


# Every connection is looked at (closed? expired? more idle ones than may be kept?) at most this
# often, and whenever the pool is full or holds more connections than may stay idle; in between,
# a connection is checked (keep-alive over? closed by the server?) just before it is handed out.
SWEEP_SECONDS = 0.5

_Key = tuple[bytes, bytes, int]


class LeanConnectionPool(httpcore.AsyncConnectionPool):
    """httpcore's connection pool with a linear, mostly lazy assignment pass (module docstring)."""

    def __init__(self, *args: typing.Any, **kwargs: typing.Any) -> None:
        super().__init__(*args, **kwargs)
        self.clock: typing.Callable[[], float] = time.monotonic
        self._swept_at = -math.inf

    def _assign_requests_to_connections(self) -> list[AsyncConnectionInterface]:
        closing: list[AsyncConnectionInterface] = []
        # Connections handed to a request that has not started on them yet: idle, but spoken
        # for (closing one only makes that request try again, yet there is no need to).
        reserved = {id(r.connection) for r in self._requests if r.connection is not None}
        idle: list[AsyncConnectionInterface] | None = None
        now = self.clock()
        if (
            now - self._swept_at >= SWEEP_SECONDS
            or len(self._connections) >= self._max_connections
            or len(self._connections) > self._max_keepalive_connections
        ):
            self._swept_at = now
            idle = self._sweep(reserved, closing)

        # The connections that can take a request of an origin now, in pool order (computed
        # once per origin and pass). An HTTP/1.1 connection handed to a request stays idle until
        # that request starts on it: httpcore handed it to the next request too, and one of the
        # two went round again (ConnectionNotAvailable; with 50 requests at once about three
        # passes per request). Without HTTP/2 a connection spoken for is not offered again.
        one_at_a_time = not self._http2
        available: dict[_Key, list[AsyncConnectionInterface]] = {}
        for pool_request in self._requests:
            if not pool_request.is_queued():
                continue
            origin = pool_request.request.url.origin
            key = (origin.scheme, origin.host, origin.port)  # httpcore's Origin is unhashable
            candidates = available.get(key)
            if candidates is None:
                candidates = available[key] = [
                    c
                    for c in self._connections
                    if c.can_handle_request(origin)
                    and c.is_available()
                    and not (one_at_a_time and id(c) in reserved)
                ]
            connection = self._first_usable(candidates, closing, idle)
            if connection is not None and one_at_a_time:
                candidates.pop(0)
            if connection is None and len(self._connections) >= self._max_connections:
                # Full: close an idle connection (to another origin, or it would have been
                # available) to make room, if there is one.
                if idle is None:
                    idle = self._sweep(reserved, closing)
                    available = {key: candidates}  # the others may hold swept connections
                if not idle:
                    continue  # stays queued until a connection is released
                victim = idle.pop(0)
                self._connections.remove(victim)
                closing.append(victim)
                for others in available.values():
                    if victim in others:
                        others.remove(victim)
            if connection is None:
                connection = self.create_connection(origin)
                self._connections.append(connection)
                if connection.is_available():  # an HTTP/2 connection being set up multiplexes
                    candidates.append(connection)
            pool_request.assign_to_connection(connection)
            reserved.add(id(connection))
            if idle is not None and connection in idle:
                idle.remove(connection)
        return closing

    def _first_usable(
        self,
        candidates: list[AsyncConnectionInterface],
        closing: list[AsyncConnectionInterface],
        idle: list[AsyncConnectionInterface] | None,
    ) -> AsyncConnectionInterface | None:
        """The first candidate that is still good; expired ones (keep-alive time over, closed
        by the server) are closed and dropped on the way (also from ``idle``)."""
        while candidates:
            connection = candidates[0]
            if not connection.has_expired():
                return connection
            candidates.pop(0)
            self._connections.remove(connection)
            closing.append(connection)
            if idle is not None and connection in idle:
                idle.remove(connection)
        return None

    def _sweep(
        self, reserved: set[int], closing: list[AsyncConnectionInterface]
    ) -> list[AsyncConnectionInterface]:
        """Drop closed connections, close expired ones and idle ones beyond the keep-alive
        limit (oldest first); returns the idle connections kept, not spoken for."""
        kept: list[AsyncConnectionInterface] = []
        idle: list[AsyncConnectionInterface] = []
        for connection in self._connections:
            if connection.is_closed():
                continue
            if connection.has_expired():
                closing.append(connection)
                continue
            kept.append(connection)
            if connection.is_idle() and id(connection) not in reserved:
                idle.append(connection)
        surplus = len(idle) - self._max_keepalive_connections
        if surplus > 0:
            evicted = {id(c) for c in idle[:surplus]}
            closing += idle[:surplus]
            idle = idle[surplus:]
            kept = [c for c in kept if id(c) not in evicted]
        self._connections = kept
        return idle


def lean_transport(
    limits: httpx.Limits,
    *,
    http1: bool = True,
    http2: bool = False,
    retries: int = 0,
    socket_options: typing.Iterable[httpcore.SOCKET_OPTION] | None = None,
    verify: ssl.SSLContext | bool = True,
    trust_env: bool = True,
) -> httpx.AsyncHTTPTransport:
    """An ``httpx.AsyncHTTPTransport`` (no proxy) whose pool is a :class:`LeanConnectionPool`."""
    transport = httpx.AsyncHTTPTransport(
        verify=verify,
        trust_env=trust_env,
        http1=http1,
        http2=http2,
        limits=limits,
        retries=retries,
        socket_options=socket_options,
    )
    transport._pool = LeanConnectionPool(
        ssl_context=httpx.create_ssl_context(verify=verify, trust_env=trust_env),
        max_connections=limits.max_connections,
        max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry,
        http1=http1,
        http2=http2,
        retries=retries,
        socket_options=socket_options,
        network_backend=LeanBackend(),
    )
    return transport
