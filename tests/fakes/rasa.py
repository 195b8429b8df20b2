"""A stand-in for Rasa's REST channel (stdlib only), for front-end tests that need no model.

Replies are scripted from the message text: "knoppen" gives buttons, "traag" sleeps first,
"lang" gives a 9,000-character answer, "leeg" returns nothing (as Rasa does when the action
server is down); anything else is echoed as "echo: <text>".
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeRasa:
    def __init__(self, slow_seconds: float = 3.0, turn_seconds: float = 0.0) -> None:
        self.slow_seconds = slow_seconds
        self.turn_seconds = turn_seconds  # every turn takes this long (engine work)
        self.received: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> FakeRasa:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> FakeRasa:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()

    def answer(self, message: str) -> list[dict[str, Any]]:
        if self.turn_seconds:
            time.sleep(self.turn_seconds)
        if message == "traag":
            time.sleep(self.slow_seconds)
            return [{"text": "eindelijk"}]
        if message == "knoppen":
            return [
                {
                    "text": "Kies:",
                    "buttons": [
                        {"title": "Ja", "payload": "/affirm"},
                        {"title": "Lang", "payload": '/inform{"area": "' + "x" * 80 + '"}'},
                    ],
                }
            ]
        if message == "lang":
            return [{"text": ("Dit is een lange zin. " * 410).strip()}]
        if message == "leeg":
            return []
        return [{"text": f"echo: {message}"}]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return None

            def do_GET(self) -> None:
                self._json(
                    {"model_file": "fake.tar.gz"} if self.path == "/status" else {"ok": True}
                )

            def do_POST(self) -> None:
                body = json.loads(
                    self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}"
                )
                with fake._lock:
                    fake.received.append(body)
                self._json(fake.answer(str(body.get("message", ""))))

            def _json(self, payload: Any) -> None:
                data = json.dumps(payload).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
