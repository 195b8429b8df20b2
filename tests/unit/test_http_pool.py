"""The lean connection pool (bot/core/http_pool.py): httpcore's rules, without its quadratic upkeep.

Every test talks HTTP/1.1 to a small keep-alive server on 127.0.0.1 and counts the TCP
connections it accepted, so reuse, limits, keep-alive and closed-by-the-server are observed
from the outside, as a server sees them.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ipaddress
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import httpcore
import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from bot.core.http_pool import SWEEP_SECONDS, LeanConnectionPool, lean_transport
from bot.pipeline.engine import RasaClient
from bot.telegram.request import BOT_API_CONNECTIONS, bot_api_request


@dataclass
class Server:
    """Answers every request with 200 "ok" on a kept-alive connection (or closes it after the
    answer without saying so, ``drop_after_answer``: a server that timed the connection out)."""

    delay: float = 0.0
    drop_after_answer: bool = False
    accepted: int = 0
    open_now: int = 0
    most_open: int = 0
    requests: int = 0
    port: int = 0
    _writers: list[asyncio.StreamWriter] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        self.open_now += 1
        self.most_open = max(self.most_open, self.open_now)
        self._writers.append(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value)
                if length:
                    await reader.readexactly(length)
                self.requests += 1
                if self.delay:
                    await asyncio.sleep(self.delay)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
                if self.drop_after_answer:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.open_now -= 1
            writer.close()


@contextlib.asynccontextmanager
async def serving(server: Server) -> AsyncIterator[Server]:
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0)
    server.port = listener.sockets[0].getsockname()[1]
    try:
        yield server
    finally:
        listener.close()
        for writer in server._writers:
            writer.close()


def client(limits: httpx.Limits) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=lean_transport(limits), timeout=5)


def pool_of(http: httpx.AsyncClient) -> LeanConnectionPool:
    pool = http._transport._pool  # type: ignore[attr-defined]
    assert isinstance(pool, LeanConnectionPool)
    return pool


async def test_one_connection_serves_requests_one_after_another() -> None:
    async with serving(Server()) as server, client(httpx.Limits(max_connections=10)) as http:
        for _ in range(5):
            assert (await http.get(server.url)).text == "ok"
    assert server.accepted == 1
    assert server.requests == 5


async def test_concurrent_requests_queue_within_max_connections() -> None:
    limits = httpx.Limits(max_connections=4)
    async with serving(Server(delay=0.02)) as server, client(limits) as http:
        answers = await asyncio.gather(*(http.get(server.url) for _ in range(25)))
    assert [a.status_code for a in answers] == [200] * 25
    assert server.most_open <= 4
    assert server.accepted == 4  # the queued requests reuse the four connections


async def test_idle_connections_beyond_the_keepalive_limit_are_closed() -> None:
    limits = httpx.Limits(max_connections=10, max_keepalive_connections=3)
    async with serving(Server(delay=0.02)) as server, client(limits) as http:
        await asyncio.gather(*(http.get(server.url) for _ in range(10)))
        assert server.accepted == 10
        await http.get(server.url)  # one more pass over the pool
        pool = pool_of(http)
        assert sum(c.is_idle() for c in pool.connections) == 3
        assert len(pool.connections) == 3


async def test_idle_connections_within_the_keepalive_limit_are_kept() -> None:
    # httpcore 1.0.9 compares *all* connections with the limit (encode/httpcore#1000): with
    # 6 idle and 2 busy connections and a limit of 6 it closed two of the idle ones.
    limits = httpx.Limits(max_connections=10, max_keepalive_connections=6)
    async with (
        serving(Server(delay=0.02)) as quick,
        serving(Server(delay=0.2)) as slow,
        client(limits) as http,
    ):
        await asyncio.gather(*(http.get(quick.url) for _ in range(6)))
        busy = [asyncio.create_task(http.get(slow.url)) for _ in range(2)]
        await asyncio.sleep(0.05)
        assert len(pool_of(http).connections) == 8
        assert quick.open_now == 6
        await asyncio.gather(*busy)
        await http.get(quick.url)
        assert len(pool_of(http).connections) == 6  # now 8 idle: the two oldest went
    assert quick.accepted == 6


async def test_a_connection_the_server_closed_is_not_reused() -> None:
    async with (
        serving(Server(drop_after_answer=True)) as server,
        client(httpx.Limits(max_connections=10)) as http,
    ):
        assert (await http.get(server.url)).text == "ok"
        await asyncio.sleep(0.05)  # the server's close has arrived
        assert (await http.get(server.url)).text == "ok"
        assert (await http.get(server.url)).text == "ok"
    assert server.accepted == 3


async def test_dead_connections_to_an_origin_no_longer_asked_go_at_the_next_sweep() -> None:
    async with (
        serving(Server()) as gone,
        serving(Server()) as other,
        client(httpx.Limits(max_connections=10)) as http,
    ):
        pool = pool_of(http)
        now = 100.0
        pool.clock = lambda: now
        await http.get(gone.url)
        for writer in gone._writers:
            writer.close()
        await asyncio.sleep(0.05)
        await http.get(other.url)  # within the sweep interval: the dead one is not looked at
        assert len(pool.connections) == 2
        now += SWEEP_SECONDS
        await http.get(other.url)
        assert len(pool.connections) == 1  # swept: closed by its server
        assert other.accepted == 1


async def test_keepalive_expiry_closes_an_idle_connection() -> None:
    limits = httpx.Limits(max_connections=10, keepalive_expiry=0.05)
    async with serving(Server()) as server, client(limits) as http:
        await http.get(server.url)
        await http.get(server.url)
        assert server.accepted == 1
        await asyncio.sleep(0.1)
        await http.get(server.url)
        assert server.accepted == 2


async def test_a_full_pool_closes_an_idle_connection_to_another_origin() -> None:
    limits = httpx.Limits(max_connections=2)
    async with (
        serving(Server(delay=0.02)) as first,
        serving(Server()) as second,
        client(limits) as http,
    ):
        await asyncio.gather(http.get(first.url), http.get(first.url))
        assert first.accepted == 2
        assert (await http.get(second.url)).text == "ok"
        pool = pool_of(http)
        assert len(pool.connections) == 2
        await asyncio.sleep(0.05)
        assert first.open_now == 1  # one of the first server's connections made room


async def test_a_full_pool_without_idle_connections_waits_for_one() -> None:
    limits = httpx.Limits(max_connections=1)
    async with serving(Server(delay=0.05)) as server, client(limits) as http:
        slow = asyncio.create_task(http.get(server.url))
        await asyncio.sleep(0.01)
        assert (await http.get(server.url)).text == "ok"  # waited for the first connection
        assert (await slow).text == "ok"
    assert server.accepted == 1


async def test_pool_timeout_still_applies() -> None:
    limits = httpx.Limits(max_connections=1)
    async with (
        serving(Server(delay=0.5)) as server,
        httpx.AsyncClient(
            transport=lean_transport(limits), timeout=httpx.Timeout(5, pool=0.05)
        ) as http,
    ):
        slow = asyncio.create_task(http.get(server.url))
        await asyncio.sleep(0.01)
        with pytest.raises(httpx.PoolTimeout):
            await http.get(server.url)
        await slow


async def test_upkeep_grows_linearly_with_the_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpcore's pass asks every connection "idle?" once per connection (n² per request);
    this one asks a few times per connection."""
    calls = 0
    original = httpcore.AsyncHTTPConnection.is_idle

    def counting(self: httpcore.AsyncHTTPConnection) -> bool:
        nonlocal calls
        calls += 1
        return original(self)

    limits = httpx.Limits(max_connections=100)
    async with serving(Server(delay=0.05)) as server, client(limits) as http:
        await asyncio.gather(*(http.get(server.url) for _ in range(60)))
        assert len(pool_of(http).connections) == 60
        monkeypatch.setattr(httpcore.AsyncHTTPConnection, "is_idle", counting)
        await http.get(server.url)
    assert calls <= 4 * 60  # httpcore 1.0.9: about 2 × 60 × 60


async def test_a_connection_handed_to_a_request_is_not_offered_to_the_next(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An HTTP/1.1 connection handed to a request stays idle until that request starts on it;
    httpcore handed it to the next request as well, and one of the two went round again."""
    refused = 0
    original = httpcore.AsyncHTTPConnection.handle_async_request

    async def counting(
        self: httpcore.AsyncHTTPConnection, request: httpcore.Request
    ) -> httpcore.Response:
        nonlocal refused
        try:
            return await original(self, request)
        except httpcore.ConnectionNotAvailable:
            refused += 1
            raise

    limits = httpx.Limits(max_connections=100)
    async with serving(Server(delay=0.02)) as server, client(limits) as http:
        await asyncio.gather(*(http.get(server.url) for _ in range(50)))  # 50 warm connections
        monkeypatch.setattr(httpcore.AsyncHTTPConnection, "handle_async_request", counting)
        for _ in range(3):
            answers = await asyncio.gather(*(http.get(server.url) for _ in range(50)))
            assert all(a.text == "ok" for a in answers)
    assert refused == 0
    assert server.accepted == 50


async def test_readability_check_reads_the_kept_socket() -> None:
    async with serving(Server()) as server, client(httpx.Limits(max_connections=10)) as http:
        await http.get(server.url)
        (connection,) = pool_of(http).connections
        stream = connection._connection._network_stream  # type: ignore[attr-defined]
        assert stream.get_extra_info("socket") is not None
        assert stream.get_extra_info("is_readable") is False  # idle and open
        assert not connection.has_expired()
        for writer in server._writers:
            writer.close()  # the server drops it
        await asyncio.sleep(0.05)
        assert stream.get_extra_info("is_readable") is True
        assert connection.has_expired()


def test_rasa_client_uses_the_lean_pool_unless_given_a_transport() -> None:
    rasa = RasaClient("http://127.0.0.1:1", 5)
    pool = pool_of(rasa._client)
    assert (pool._max_connections, pool._max_keepalive_connections) == (200, 100)
    mocked = RasaClient(
        "http://x.test", 5, transport=httpx.MockTransport(lambda _: httpx.Response(200))
    )
    assert isinstance(mocked._client._transport, httpx.MockTransport)


async def test_bot_api_request_keeps_ptb_limits_and_a_lean_pool_after_a_restart() -> None:
    request = bot_api_request()
    pool = pool_of(request._client)
    assert pool._max_connections == BOT_API_CONNECTIONS
    assert request._client.timeout == httpx.Timeout(5.0, pool=1.0)  # PTB's defaults
    await request.initialize()
    await request.shutdown()
    await request.initialize()  # PTB builds a new client after a shutdown
    rebuilt = pool_of(request._client)
    assert rebuilt is not pool
    await request.shutdown()


def _self_signed() -> tuple[bytes, bytes]:
    """A certificate for 127.0.0.1 and its key (PEM), valid for an hour."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


async def test_https_connections_are_reused_and_checked_like_plain_ones(tmp_path: Path) -> None:
    """The Bot API is HTTPS: the lean streams wrap TLS too (the readability check reads the
    socket under the TLS layer, as httpcore's does)."""
    cert_pem, key_pem = _self_signed()
    (tmp_path / "cert.pem").write_bytes(cert_pem)
    (tmp_path / "key.pem").write_bytes(key_pem)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(tmp_path / "cert.pem", tmp_path / "key.pem")
    client_tls = ssl.create_default_context(cadata=cert_pem.decode())
    server = Server()
    listener = await asyncio.start_server(server.handle, "127.0.0.1", 0, ssl=server_tls)
    port = listener.sockets[0].getsockname()[1]
    url = f"https://127.0.0.1:{port}/"
    transport = lean_transport(httpx.Limits(max_connections=10), verify=client_tls)
    try:
        async with httpx.AsyncClient(transport=transport, timeout=5) as http:
            for _ in range(3):
                assert (await http.get(url)).text == "ok"
            assert server.accepted == 1
            (connection,) = pool_of(http).connections
            stream = connection._connection._network_stream  # type: ignore[attr-defined]
            assert stream.get_extra_info("ssl_object") is not None
            assert stream.get_extra_info("is_readable") is False
            for writer in server._writers:
                writer.close()
            await asyncio.sleep(0.1)
            assert stream.get_extra_info("is_readable") is True
            assert (await http.get(url)).text == "ok"  # on a new connection
            assert server.accepted == 2
    finally:
        listener.close()
