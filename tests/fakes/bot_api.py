"""In-process fake of the Telegram Bot API for end-to-end tests.

Stdlib only. Point PTB at it with ``base_url=fake.base_url``; PTB appends the
token, so requests arrive as ``/bot<TOKEN>/<method>``. Test code plays the
users through the ``push_*`` helpers and inspects what the bot sent through
``sent_messages`` / ``wait_for_messages``.

Usage::

    with FakeBotApi() as fake:
        app = ApplicationBuilder().token("123:ABC").base_url(fake.base_url).build()
        ...
        fake.push_text(42, "hallo")
        fake.wait_for_messages(42, 1)
"""

from __future__ import annotations

import copy
import email.parser
import email.policy
import itertools
import json
import re
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlsplit

JSONDict = dict[str, Any]

BOT_ID = 7_000_000_001
BOT_USERNAME = "joinus_test_bot"
BOT_FIRST_NAME = "Join us (test)"

MAX_MESSAGE_LENGTH = 4096

# Methods affected by set_down() by default: the outbound ones. getUpdates keeps
# working so tests can still push user input while "Telegram" refuses sends.
DEFAULT_DOWN_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendChatAction",
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
    }
)

# Methods that target a chat and therefore fail with 403 for a blocked chat.
_CHAT_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendChatAction",
        "editMessageText",
        "editMessageReplyMarkup",
    }
)

# Form-encoded values arrive as strings, non-strings JSON-dumped by PTB. These
# parameters are genuinely strings, so they must never be JSON-decoded
# (a text of "123" must stay "123").
_STRING_PARAMS = frozenset(
    {
        "text",
        "caption",
        "parse_mode",
        "callback_query_id",
        "data",
        "url",
        "action",
        "secret_token",
        "ip_address",
        "language_code",
        "inline_message_id",
        "file_id",
        "business_connection_id",
        "message_effect_id",
    }
)

_BLOCKED_DESCRIPTION = "Forbidden: bot was blocked by the user"
_NOT_MODIFIED_DESCRIPTION = (
    "Bad Request: message is not modified: specified new message content and reply "
    "markup are exactly the same as a current content and reply markup of the message"
)

_API_PATH = re.compile(r"^/bot(?P<token>[^/]+)/(?P<method>[^/]+)/?$")
_FILE_PATH = re.compile(r"^/file/bot(?P<token>[^/]+)/(?P<path>.+)$")


class ApiError(Exception):
    """Raised inside a method implementation to produce a Bot API error reply."""

    def __init__(
        self, error_code: int, description: str, parameters: JSONDict | None = None
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.parameters = parameters


@dataclass(frozen=True)
class _Failure:
    error_code: int
    description: str
    retry_after: int | None


def _default_description(error_code: int, retry_after: int | None) -> str:
    if error_code == 429:
        return f"Too Many Requests: retry after {retry_after or 1}"
    try:
        return HTTPStatus(error_code).phrase
    except ValueError:
        return f"Error {error_code}"


_COMMAND_NAME = re.compile(r"[a-z0-9_]{1,32}")
_CHAT_SCOPES = frozenset({"chat", "chat_administrators", "chat_member"})


def _decode_form_value(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def _decode_form(pairs: Iterable[tuple[str, str]]) -> JSONDict:
    return {name: _decode_form_value(name, value) for name, value in pairs}


def _parse_multipart(content_type: str, body: bytes) -> JSONDict:
    # The email parser understands multipart/form-data well enough and, unlike
    # the cgi module, is not deprecated.
    raw = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode() + body
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
    params: JSONDict = {}
    if not msg.is_multipart():
        return params
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        if filename is not None:
            params[name] = {"filename": filename, "size": len(data)}
        else:
            charset = part.get_content_charset() or "utf-8"
            params[name] = _decode_form_value(name, data.decode(charset, "replace"))
    return params


def _as_int(value: Any, name: str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid {name}") from None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Many concurrent clients (a load test) must not overflow the accept queue (default 5):
    # an overflow shows up as connection errors that real Telegram would not give.
    request_queue_size = 256

    def __init__(self, fake: FakeBotApi, keep_alive: bool = False) -> None:
        self.fake = fake
        super().__init__(("127.0.0.1", 0), _KeepAliveHandler if keep_alive else _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients (PTB shutting down) abandon long polls; broken pipes are expected.
        pass


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.0: one request per connection, so nothing is served after stop().
    protocol_version = "HTTP/1.0"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body are two writes: on a kept-alive connection Nagle's algorithm holds
        # the body until the client's delayed ACK (~40 ms a request), which no real Bot API
        # server costs its clients.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        file_match = _FILE_PATH.match(url.path)
        if file_match:
            fake._record_file_download(file_match["token"], file_match["path"])
            self._send(200, b"", "application/octet-stream")
            return
        match = _API_PATH.match(url.path)
        if not match:
            self._send_json(404, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        try:
            params = self._read_params(url.query)
        except ValueError as exc:
            self._send_json(
                400, {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"}
            )
            return
        result = fake._dispatch(match["token"], match["method"], params)
        if result is None:  # simulated connection drop
            self.close_connection = True
            return
        status, body = result
        self._send_json(status, body)

    def _read_params(self, query: str) -> JSONDict:
        params = _decode_form(parse_qsl(query, keep_blank_values=True))
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if not body:
            return params
        content_type = self.headers.get("Content-Type", "")
        mime = content_type.split(";", 1)[0].strip().lower()
        if mime == "application/json":
            decoded = json.loads(body)
            if not isinstance(decoded, dict):
                raise ValueError("JSON body must be an object")
            params.update(decoded)
        elif mime == "application/x-www-form-urlencoded":
            params.update(_decode_form(parse_qsl(body.decode("utf-8"), keep_blank_values=True)))
        elif mime == "multipart/form-data":
            params.update(_parse_multipart(content_type, body))
        return params

    def _send_json(self, status: int, body: JSONDict) -> None:
        self._send(status, json.dumps(body).encode("utf-8"), "application/json")

    def _send(self, status: int, payload: bytes, content_type: str) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            # The client gave up (e.g. a cancelled long poll); nothing to report.
            pass


class _KeepAliveHandler(_Handler):
    """HTTP/1.1 with persistent connections, as the real Bot API serves: a client keeps its
    connections open instead of a TCP set-up per request (what a load test should measure)."""

    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        if self.server.fake._stopping:  # an open connection after stop(): serve nothing more
            self.close_connection = True
            return
        super()._handle()


class FakeBotApi:
    """A thread-safe fake Telegram Bot API server on 127.0.0.1.

    ``keep_alive``: serve HTTP/1.1 persistent connections like the real Bot API (load tests).
    The default, one request per connection, lets nothing be served after ``stop()``.
    """

    def __init__(self, *, keep_alive: bool = False) -> None:
        self._keep_alive = keep_alive
        # RLock so predicates passed to wait_for() may call the public getters.
        self._cond = threading.Condition(threading.RLock())
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._updates: list[JSONDict] = []
        # Bot-sent messages by message_id; survives clear() like Telegram's own state.
        self._bot_messages: dict[int, JSONDict] = {}
        self._last_user_message: dict[int, int] = {}
        self._failures: dict[str, deque[_Failure]] = {}
        self._down_methods: frozenset[str] = frozenset()
        self._down_disconnect = False
        self._blocked: set[int | str] = set()
        self._migrated: dict[int | str, int] = {}
        self._fault: tuple[str, frozenset[str], int, float] | None = None
        self._commands: dict[str, list[JSONDict]] = {}
        self._webhook_url = ""
        self.tokens: list[str] = []
        self.deleted_messages: list[int] = []
        self._reset_records()

    def _reset_records(self) -> None:
        self._calls: list[tuple[str, JSONDict]] = []
        self._sent: list[JSONDict] = []
        self._edits: list[JSONDict] = []
        self._media: list[JSONDict] = []
        self._callbacks: list[JSONDict] = []
        self._chat_actions: list[JSONDict] = []
        self._unknown: list[tuple[str, JSONDict]] = []
        self._file_downloads: list[str] = []

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotApi:
        if self._server is not None:
            raise RuntimeError("FakeBotApi already started")
        self._stopping = False
        self._server = _Server(self, self._keep_alive)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="FakeBotApi",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        with self._cond:
            self._stopping = True
            self._cond.notify_all()  # release pending long polls and wait_for() callers
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeBotApi not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    @property
    def bot_user(self) -> JSONDict:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
            "can_join_groups": False,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    # ---------------------------------------------------------- failure injection

    def fail_next(
        self,
        method: str,
        count: int = 1,
        error_code: int = 500,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` fail with ``error_code``.

        PTB maps 429 + retry_after to RetryAfter, 400 to BadRequest, 403 to
        Forbidden and 5xx to NetworkError.
        """
        failure = _Failure(
            error_code, description or _default_description(error_code, retry_after), retry_after
        )
        with self._cond:
            self._failures.setdefault(method, deque()).extend([failure] * count)

    def set_down(
        self,
        down: bool = True,
        *,
        methods: Iterable[str] | None = None,
        disconnect: bool = False,
    ) -> None:
        """Simulate an outage of the outbound methods (default: DEFAULT_DOWN_METHODS).

        Calls answer HTTP 502 (PTB: NetworkError), or with ``disconnect`` the
        connection is closed without a response (PTB: NetworkError as well).
        """
        with self._cond:
            if down:
                self._down_methods = frozenset(methods or DEFAULT_DOWN_METHODS)
                self._down_disconnect = disconnect
            else:
                self._down_methods = frozenset()
                self._down_disconnect = False

    def set_fault(
        self,
        kind: str | None,
        *,
        methods: Iterable[str] | None = None,
        retry_after: int = 1,
        delay: float = 30.0,
    ) -> None:
        """Until called again with ``None``: every call of ``methods`` (default: the outbound
        ones) answers ``"429"`` (Too Many Requests, ``retry_after`` s), ``"500"``, or with
        ``"timeout"`` hangs ``delay`` seconds and then drops the connection."""
        if kind not in {None, "429", "500", "timeout"}:
            raise ValueError(f"unknown fault {kind!r}")
        with self._cond:
            self._fault = (
                None
                if kind is None
                else (kind, frozenset(methods or DEFAULT_DOWN_METHODS), retry_after, delay)
            )

    def migrate_chat(self, old_chat_id: int | str, new_chat_id: int) -> None:
        """The group was upgraded to a supergroup: sends to the old id fail with 400 and
        ``migrate_to_chat_id`` (PTB: ChatMigrated)."""
        with self._cond:
            self._migrated[old_chat_id] = new_chat_id

    def block_chat(self, chat_id: int | str) -> None:
        with self._cond:
            self._blocked.add(chat_id)

    def unblock_chat(self, chat_id: int | str) -> None:
        with self._cond:
            self._blocked.discard(chat_id)

    # ------------------------------------------------------------- user simulation

    @staticmethod
    def _user(
        user_id: int, first_name: str, username: str | None, language_code: str | None
    ) -> JSONDict:
        user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            user["username"] = username
        if language_code:
            user["language_code"] = language_code
        return user

    @staticmethod
    def _private_chat(user: JSONDict) -> JSONDict:
        chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if "username" in user:
            chat["username"] = user["username"]
        return chat

    def _user_message(
        self,
        user_id: int,
        first_name: str,
        username: str | None,
        language_code: str | None,
        content: JSONDict,
        message_id: int | None = None,
    ) -> JSONDict:
        user = self._user(user_id, first_name, username, language_code)
        if message_id is None:
            message_id = next(self._message_ids)
        return {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._private_chat(user),
            "from": user,
            **content,
        }

    def push_update(self, update: JSONDict) -> int:
        """Queue a raw update; ``update_id`` is assigned if missing. Returns it."""
        with self._cond:
            update = copy.deepcopy(update)
            if "update_id" not in update:
                update["update_id"] = next(self._update_ids)
            else:
                # Keep generated ids ahead of explicit ones so ordering stays sane.
                explicit = int(update["update_id"])
                self._update_ids = itertools.count(max(explicit + 1, next(self._update_ids)))
            self._updates.append(update)
            self._cond.notify_all()
            return int(update["update_id"])

    def _push_message(
        self,
        user_id: int,
        content: JSONDict,
        *,
        first_name: str,
        username: str | None,
        language_code: str | None,
    ) -> int:
        with self._cond:
            message = self._user_message(user_id, first_name, username, language_code, content)
            self._last_user_message[user_id] = message["message_id"]
            return self.push_update({"message": message})

    def push_text(
        self,
        user_id: int,
        text: str,
        *,
        first_name: str = "Test",
        username: str | None = None,
        language_code: str | None = "nl",
    ) -> int:
        """A private text message from ``user_id``.

        Like real clients, a leading ``/command`` gets a bot_command entity.
        """
        content: JSONDict = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(command)}
            ]
        return self._push_message(
            user_id,
            content,
            first_name=first_name,
            username=username,
            language_code=language_code,
        )

    def push_command(
        self,
        user_id: int,
        command: str,
        payload: str | None = None,
        *,
        first_name: str = "Test",
        username: str | None = None,
        language_code: str | None = "nl",
    ) -> int:
        """E.g. ``push_command(42, "/start", "campaign1")`` -> text "/start campaign1"."""
        if not command.startswith("/"):
            command = "/" + command
        text = f"{command} {payload}" if payload else command
        return self.push_text(
            user_id,
            text,
            first_name=first_name,
            username=username,
            language_code=language_code,
        )

    def push_sticker(
        self,
        user_id: int,
        *,
        emoji: str = "\U0001f44d",
        first_name: str = "Test",
        username: str | None = None,
    ) -> int:
        sticker = {
            "file_id": f"sticker-{user_id}",
            "file_unique_id": f"sticker-u-{user_id}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return self._push_message(
            user_id,
            {"sticker": sticker},
            first_name=first_name,
            username=username,
            language_code="nl",
        )

    def push_photo(
        self,
        user_id: int,
        *,
        caption: str | None = None,
        first_name: str = "Test",
        username: str | None = None,
    ) -> int:
        photo = [
            {
                "file_id": f"photo-{user_id}-{size}",
                "file_unique_id": f"photo-u-{user_id}-{size}",
                "width": size,
                "height": size,
                "file_size": size * 10,
            }
            for size in (90, 320, 800)
        ]
        content: JSONDict = {"photo": photo}
        if caption is not None:
            content["caption"] = caption
        return self._push_message(
            user_id, content, first_name=first_name, username=username, language_code="nl"
        )

    def push_voice(self, user_id: int, *, caption: str | None = None) -> int:
        voice = {
            "file_id": f"voice-{user_id}",
            "file_unique_id": f"voice-u-{user_id}",
            "duration": 3,
            "mime_type": "audio/ogg",
        }
        content: JSONDict = {"voice": voice}
        if caption is not None:
            content["caption"] = caption
        return self._push_message(
            user_id, content, first_name="Test", username=None, language_code="nl"
        )

    def push_location(
        self,
        user_id: int,
        latitude: float = 52.3676,
        longitude: float = 4.9041,
        *,
        first_name: str = "Test",
        username: str | None = None,
    ) -> int:
        return self._push_message(
            user_id,
            {"location": {"latitude": latitude, "longitude": longitude}},
            first_name=first_name,
            username=username,
            language_code="nl",
        )

    def push_edited_text(
        self,
        user_id: int,
        text: str,
        message_id: int | None = None,
        *,
        first_name: str = "Test",
        username: str | None = None,
    ) -> int:
        """An ``edited_message``; defaults to editing the user's last message."""
        with self._cond:
            if message_id is None:
                message_id = self._last_user_message.get(user_id)
            message = self._user_message(
                user_id, first_name, username, "nl", {"text": text}, message_id=message_id
            )
            message["edit_date"] = int(time.time())
            return self.push_update({"edited_message": message})

    def push_callback(
        self,
        user_id: int,
        data: str,
        message_id: int,
        *,
        first_name: str = "Test",
        username: str | None = None,
    ) -> int:
        """A button press on the bot's message ``message_id``."""
        with self._cond:
            message = self._bot_messages.get(message_id)
            if message is None:
                raise KeyError(f"no bot message with message_id={message_id}")
            query = {
                "id": str(next(self._callback_ids)),
                "from": self._user(user_id, first_name, username, "nl"),
                "message": copy.deepcopy(message),
                "chat_instance": f"ci-{message['chat']['id']}",
                "data": data,
            }
            return self.push_update({"callback_query": query})

    # ------------------------------------------------------------------ inspection

    def sent_messages(self, chat_id: int | str | None = None) -> list[JSONDict]:
        """sendMessage params (plus the returned ``message_id``), oldest first."""
        with self._cond:
            return [
                copy.deepcopy(m) for m in self._sent if chat_id is None or m["chat_id"] == chat_id
            ]

    def sent_texts(self, chat_id: int | str | None = None) -> list[str]:
        return [m.get("text", "") for m in self.sent_messages(chat_id)]

    def edited_messages(self, chat_id: int | str | None = None) -> list[JSONDict]:
        """Successful editMessageText / editMessageReplyMarkup params, with ``method``."""
        with self._cond:
            return [
                copy.deepcopy(m)
                for m in self._edits
                if chat_id is None or m.get("chat_id") == chat_id
            ]

    def sent_media(self, chat_id: int | str | None = None) -> list[JSONDict]:
        """sendDocument / sendPhoto params, with ``method`` and ``message_id``."""
        with self._cond:
            return [
                copy.deepcopy(m) for m in self._media if chat_id is None or m["chat_id"] == chat_id
            ]

    def bot_message(self, message_id: int) -> JSONDict:
        """The current state of a bot-sent message (after edits)."""
        with self._cond:
            return copy.deepcopy(self._bot_messages[message_id])

    @property
    def answered_callbacks(self) -> list[JSONDict]:
        with self._cond:
            return copy.deepcopy(self._callbacks)

    @property
    def chat_actions(self) -> list[JSONDict]:
        with self._cond:
            return copy.deepcopy(self._chat_actions)

    @property
    def calls(self) -> list[tuple[str, JSONDict]]:
        """Every API request as (method, params), failed ones included."""
        with self._cond:
            return copy.deepcopy(self._calls)

    @property
    def unknown_calls(self) -> list[tuple[str, JSONDict]]:
        with self._cond:
            return copy.deepcopy(self._unknown)

    @property
    def pending_updates(self) -> list[JSONDict]:
        with self._cond:
            return copy.deepcopy(self._updates)

    @property
    def webhook_url(self) -> str:
        with self._cond:
            return self._webhook_url

    def commands(self, scope: JSONDict | None = None) -> list[JSONDict]:
        """The menu set for ``scope`` (default: the default scope), as getMyCommands sees it."""
        with self._cond:
            key = self._commands_key({"scope": scope} if scope else {})
            return copy.deepcopy(self._commands.get(key, []))

    def calls_to(self, method: str) -> list[JSONDict]:
        with self._cond:
            return [copy.deepcopy(p) for m, p in self._calls if m == method]

    def clear(self) -> None:
        """Forget recorded calls/messages; bot messages stay addressable for callbacks."""
        with self._cond:
            self._reset_records()

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Block until ``predicate()`` holds (re-checked after every API call)."""
        with self._cond:
            if not self._cond.wait_for(lambda: predicate() or self._stopping, timeout):
                raise AssertionError(f"condition not met within {timeout}s")
            if not predicate():
                raise AssertionError("FakeBotApi stopped before condition was met")

    def wait_for_messages(
        self, chat_id: int | str, count: int, timeout: float = 10.0
    ) -> list[JSONDict]:
        """Block until ``count`` messages were sent to ``chat_id``; return all of them."""
        with self._cond:
            ok = self._cond.wait_for(
                lambda: len(self.sent_messages(chat_id)) >= count or self._stopping, timeout
            )
            messages = self.sent_messages(chat_id)
            if not ok or len(messages) < count:
                texts = [m.get("text") for m in messages]
                raise AssertionError(
                    f"expected >= {count} message(s) to chat {chat_id} within {timeout}s, "
                    f"got {len(messages)}: {texts!r}"
                )
            return messages

    # ------------------------------------------------------------------- dispatch

    def _record_file_download(self, token: str, path: str) -> None:
        with self._cond:
            self._file_downloads.append(path)
            if token not in self.tokens:
                self.tokens.append(token)
            self._cond.notify_all()

    def _dispatch(self, token: str, method: str, params: JSONDict) -> tuple[int, JSONDict] | None:
        """Returns (HTTP status, body), or None to drop the connection."""
        impl = self._methods.get(method.lower())
        name = impl[0] if impl else method
        with self._cond:
            if token not in self.tokens:
                self.tokens.append(token)
            self._calls.append((name, copy.deepcopy(params)))
            self._cond.notify_all()
            if impl is None:
                self._unknown.append((method, copy.deepcopy(params)))
                return 404, _error_body(404, "Not Found: method not found")
            if name in self._down_methods:
                if self._down_disconnect:
                    return None
                return 502, _error_body(502, "Bad Gateway")
            hang = 0.0
            if self._fault is not None and name in self._fault[1]:
                kind, _, retry_after, delay = self._fault
                if kind == "429":
                    return 429, _error_body(
                        429,
                        f"Too Many Requests: retry after {retry_after}",
                        {"retry_after": retry_after},
                    )
                if kind == "500":
                    return 500, _error_body(500, "Internal Server Error")
                hang = delay
            if name in _CHAT_METHODS and params.get("chat_id") in self._migrated:
                new = self._migrated[params["chat_id"]]
                return 400, _error_body(
                    400,
                    "Bad Request: group chat was upgraded to a supergroup chat",
                    {"migrate_to_chat_id": new},
                )
            queue = self._failures.get(name)
            if queue:
                failure = queue.popleft()
                extra = {"retry_after": failure.retry_after} if failure.retry_after else None
                return failure.error_code, _error_body(
                    failure.error_code, failure.description, extra
                )
            if name in _CHAT_METHODS and params.get("chat_id") in self._blocked:
                return 403, _error_body(403, _BLOCKED_DESCRIPTION)
        if hang:
            time.sleep(hang)  # outside the lock: other calls go on meanwhile
            return None
        # getUpdates blocks, so method bodies take the lock themselves.
        try:
            result = impl[1](self, params)
        except ApiError as exc:
            return exc.error_code, _error_body(exc.error_code, exc.description, exc.parameters)
        with self._cond:
            self._cond.notify_all()
        return 200, {"ok": True, "result": result}

    # ------------------------------------------------------------ API methods

    def _get_me(self, params: JSONDict) -> Any:
        return self.bot_user

    def _true(self, params: JSONDict) -> Any:
        return True

    def _delete_webhook(self, params: JSONDict) -> Any:
        with self._cond:
            self._webhook_url = ""
            if params.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _set_webhook(self, params: JSONDict) -> Any:
        with self._cond:
            self._webhook_url = str(params.get("url", ""))
            if params.get("drop_pending_updates"):
                self._updates.clear()
        return True

    def _get_webhook_info(self, params: JSONDict) -> Any:
        with self._cond:
            return {
                "url": self._webhook_url,
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }

    def _get_updates(self, params: JSONDict) -> Any:
        offset = _as_int(params.get("offset") or 0, "offset")
        limit = max(1, min(100, _as_int(params.get("limit") or 100, "limit")))
        try:
            timeout = max(0.0, float(params.get("timeout") or 0))
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: invalid timeout") from None
        allowed = params.get("allowed_updates")
        deadline = time.monotonic() + timeout
        with self._cond:
            if self._webhook_url:
                raise ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            if offset > 0:
                # Confirmation: Telegram forgets everything below the offset.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            elif offset < 0:
                self._updates = self._updates[offset:]
            if isinstance(allowed, list) and allowed:
                self._updates = [u for u in self._updates if _update_type(u) in allowed]
            while not self._updates and not self._stopping:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
                if isinstance(allowed, list) and allowed:
                    self._updates = [u for u in self._updates if _update_type(u) in allowed]
            return copy.deepcopy(self._updates[:limit])

    def _send_message(self, params: JSONDict) -> Any:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if _utf16_len(text) > MAX_MESSAGE_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        with self._cond:
            message = self._bot_message(params, {"text": text})
            if isinstance(params.get("entities"), list):
                message["entities"] = params["entities"]
            record = copy.deepcopy(params)
            record["message_id"] = message["message_id"]
            self._sent.append(record)
            return copy.deepcopy(message)

    def _send_media(self, method: str, params: JSONDict) -> JSONDict:
        with self._cond:
            record = copy.deepcopy(params)
            record["method"] = method
            content: JSONDict = {}
            mid = next(self._message_ids)
            if method == "sendPhoto":
                content["photo"] = [
                    {
                        "file_id": f"bot-photo-{mid}",
                        "file_unique_id": f"bot-photo-u-{mid}",
                        "width": 800,
                        "height": 800,
                    }
                ]
            else:
                doc = params.get("document")
                file_name = doc.get("filename") if isinstance(doc, dict) else None
                content["document"] = {
                    "file_id": f"bot-doc-{mid}",
                    "file_unique_id": f"bot-doc-u-{mid}",
                    **({"file_name": file_name} if file_name else {}),
                }
            if isinstance(params.get("caption"), str):
                content["caption"] = params["caption"]
            message = self._bot_message(params, content, message_id=mid)
            record["message_id"] = mid
            self._media.append(record)
            return copy.deepcopy(message)

    def _send_document(self, params: JSONDict) -> Any:
        return self._send_media("sendDocument", params)

    def _send_photo(self, params: JSONDict) -> Any:
        return self._send_media("sendPhoto", params)

    def _bot_message(
        self, params: JSONDict, content: JSONDict, message_id: int | None = None
    ) -> JSONDict:
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise ApiError(400, "Bad Request: chat not found")
        is_private = isinstance(chat_id, int) and chat_id > 0
        message: JSONDict = {
            "message_id": message_id if message_id is not None else next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if is_private else "supergroup"},
            "from": self.bot_user,
            **content,
        }
        markup = params.get("reply_markup")
        # Only inline keyboards are echoed in Message objects (as in the real API).
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._bot_messages[message["message_id"]] = message
        return message

    def _find_edit_target(self, params: JSONDict) -> JSONDict | None:
        """The stored message to edit, or None for inline messages."""
        if params.get("inline_message_id"):
            return None
        message_id = _as_int(params.get("message_id"), "message_id")
        message = self._bot_messages.get(message_id)
        if message is None or message["chat"]["id"] != params.get("chat_id"):
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    def _edit_message_text(self, params: JSONDict) -> Any:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        with self._cond:
            message = self._find_edit_target(params)
            if message is None:
                self._edits.append({**copy.deepcopy(params), "method": "editMessageText"})
                return True
            markup = params.get("reply_markup")
            new_markup = (
                markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
            )
            if message.get("text") == text and message.get("reply_markup") == new_markup:
                raise ApiError(400, _NOT_MODIFIED_DESCRIPTION)
            self._edits.append({**copy.deepcopy(params), "method": "editMessageText"})
            message["text"] = text
            # Omitting reply_markup removes the inline keyboard, as on Telegram.
            if new_markup is None:
                message.pop("reply_markup", None)
            else:
                message["reply_markup"] = new_markup
            message["edit_date"] = int(time.time())
            return copy.deepcopy(message)

    def _edit_message_reply_markup(self, params: JSONDict) -> Any:
        with self._cond:
            message = self._find_edit_target(params)
            if message is None:
                self._edits.append({**copy.deepcopy(params), "method": "editMessageReplyMarkup"})
                return True
            markup = params.get("reply_markup")
            new_markup = (
                markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
            )
            if message.get("reply_markup") == new_markup:
                raise ApiError(400, _NOT_MODIFIED_DESCRIPTION)
            self._edits.append({**copy.deepcopy(params), "method": "editMessageReplyMarkup"})
            if new_markup is None:
                message.pop("reply_markup", None)
            else:
                message["reply_markup"] = new_markup
            message["edit_date"] = int(time.time())
            return copy.deepcopy(message)

    def _delete_message(self, params: JSONDict) -> Any:
        """Like Telegram: only an existing message in that chat; it is gone afterwards."""
        with self._cond:
            message_id = int(params.get("message_id") or 0)
            message = self._bot_messages.get(message_id)
            if message is None or str(message["chat"]["id"]) != str(params.get("chat_id")):
                raise ApiError(400, "Bad Request: message to delete not found")
            self.deleted_messages.append(message_id)
            del self._bot_messages[message_id]
            return True

    def _answer_callback_query(self, params: JSONDict) -> Any:
        if not params.get("callback_query_id"):
            raise ApiError(400, "Bad Request: query is too old and response timeout expired")
        with self._cond:
            self._callbacks.append(copy.deepcopy(params))
        return True

    def _send_chat_action(self, params: JSONDict) -> Any:
        with self._cond:
            self._chat_actions.append(copy.deepcopy(params))
        return True

    @staticmethod
    def _commands_key(params: JSONDict) -> str:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)

    def _set_my_commands(self, params: JSONDict) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: commands must be an array")
        # Telegram's rules: at most 100 commands; a name of 1-32 lowercase letters, digits
        # or underscores; a description of 1-256 characters.
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: too many commands specified")
        for command in commands:
            if not _COMMAND_NAME.fullmatch(str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        scope = params.get("scope") or {}
        if scope.get("type") in _CHAT_SCOPES and "chat_id" not in scope:
            raise ApiError(400, "Bad Request: chat_id is required")
        with self._cond:
            self._commands[self._commands_key(params)] = copy.deepcopy(commands)
        return True

    def _delete_my_commands(self, params: JSONDict) -> Any:
        with self._cond:
            self._commands.pop(self._commands_key(params), None)
        return True

    def _get_my_commands(self, params: JSONDict) -> Any:
        with self._cond:
            return copy.deepcopy(self._commands.get(self._commands_key(params), []))

    def _get_file(self, params: JSONDict) -> Any:
        file_id = str(params.get("file_id", ""))
        return {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_size": 0,
            "file_path": f"files/{file_id}",
        }

    # Telegram matches method names case-insensitively.
    _methods: ClassVar[dict[str, tuple[str, Callable[[FakeBotApi, JSONDict], Any]]]] = {
        name.lower(): (name, fn)
        for name, fn in {
            "getMe": _get_me,
            "deleteWebhook": _delete_webhook,
            "setWebhook": _set_webhook,
            "getWebhookInfo": _get_webhook_info,
            "getUpdates": _get_updates,
            "sendMessage": _send_message,
            "editMessageText": _edit_message_text,
            "editMessageReplyMarkup": _edit_message_reply_markup,
            "deleteMessage": _delete_message,
            "answerCallbackQuery": _answer_callback_query,
            "sendChatAction": _send_chat_action,
            "setMyCommands": _set_my_commands,
            "deleteMyCommands": _delete_my_commands,
            "getMyCommands": _get_my_commands,
            "sendDocument": _send_document,
            "sendPhoto": _send_photo,
            "getFile": _get_file,
            "close": _true,
            "logOut": _true,
        }.items()
    }


def _error_body(error_code: int, description: str, parameters: JSONDict | None = None) -> JSONDict:
    body: JSONDict = {"ok": False, "error_code": error_code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


def _update_type(update: JSONDict) -> str:
    return next((k for k in update if k != "update_id"), "")


def _utf16_len(text: str) -> int:
    # Telegram measures entity offsets/lengths and limits in UTF-16 code units.
    return len(text.encode("utf-16-le")) // 2
