"""Issue 11: a bounded fuzz run of the Telegram front end.

A few thousand generated updates (fixed seed) go through the real handlers as PTB ``Update``
objects, with the fake Rasa and the fake Bot API behind them: random Unicode, huge texts, odd
entities, forged callback data, staff commands and deep links from strangers, unknown update
types, messages from groups and channels, edited messages and captions. Afterwards:

- no handler raised (the error handler never ran), nothing sent carries a traceback;
- nothing sent to anyone but staff carries a stored lead's or school's details;
- no forged callback data reached Rasa as a turn.

The figures (updates per kind, replies, time) are printed for the README.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from telegram import Update

from bot.core.crypto import Cipher
from bot.core.settings import Settings, load_settings
from bot.leads.service import LeadService
from bot.school.requests import RequestDraft, SchoolRequestService
from bot.staff.members import StaffDirectory
from bot.storage.db import Database, migrate
from tests import running_app
from tests.fakes.bot_api import BOT_ID, FakeBotApi
from tests.fakes.rasa import FakeRasa
from tests.leads_support import draft

SEED = 20261129
UPDATES = 2500
ADMIN, STAFF, STAFF_CHAT = 1001, 2002, -100500
STRANGERS = list(range(50_001, 50_025))
SECRETS = ("fuzz.geheim@example.nl", "Qwzxnick", "Geheimstad", "Geheime School", "0612121299")
FACTS_FILE = Path(__file__).resolve().parents[2] / "content" / "facts.yml"

_RANGES = [
    (0x20, 0x7E),  # ASCII
    (0x00, 0x1F),  # control characters
    (0xA0, 0x24F),  # Latin-1, Latin Extended
    (0x300, 0x36F),  # combining marks
    (0x590, 0x6FF),  # Hebrew, Arabic (right to left)
    (0x200B, 0x202E),  # zero-width and direction overrides
    (0x4E00, 0x4FFF),  # CJK
    (0x1F300, 0x1FAFF),  # emoji
    (0xFFF0, 0xFFFF),  # specials
    (0x10000, 0x1007F),  # astral plane (UTF-16 surrogate pairs)
]
_WORDS = [
    "<b>",
    "</i>",
    '<a href="https://evil.example">klik</a>',
    "&amp;",
    "<3",
    "ik wil meedoen",
    "ik wil dood",
    "wanneer is het",
    "ouder_",
    "ref_",
    "staff_",
    "amb_",
    "/start",
    "s|claim|",
    "p|/affirm",
    "```",
    "@joinus_test_bot",
    "#lead",
    "https://t.me/x",
    "\u202eevil",
    "DROP TABLE leads;--",
    "%s%s%n",
    "{slot}",
    '/inform{"area": "x"}',
]
_COMMANDS = [
    "start",
    "help",
    "privacy",
    "stop",
    "mijngegevens",
    "vergeet",
    "antwoord",
    "staf",
    "leads",
    "lead",
    "notitie",
    "bericht",
    "cijfers",
    "verzoeken",
    "verzoek",
    "ambnodig",
    "ambteams",
    "ambtaken",
    "ambhulp",
    "taken",
    "uren",
    "voortgang",
    "vraag",
    "certificaat",
    "ambcertificaat",
    "stopambassadeur",
    "onbekend",
    "START",
    "start@joinus_test_bot",
]
_START_ARGS = ["", "school", "school_poster", "ouder_", "ref_", "staff_", "amb_", "ambp_", "terug_"]
_CALLBACK_PREFIXES = [
    "p|",
    "h|",
    "s|claim|",
    "s|close|",
    "r|claim|",
    "r|upd|",
    "amb|pok|",
    "amb|ok|",
    "ambs|hok|",
    "amb|done|",
    "",
    "x|",
]


class Fuzzer:
    """Generates Telegram-shaped updates; every random choice comes from one seeded Random."""

    def __init__(self, rng: random.Random, lead_id: str, request_id: str) -> None:
        self.rng = rng
        self.ids = iter(range(1, 10**9))
        self.secrets_ids = [lead_id, request_id]
        self.kinds: Counter[str] = Counter()

    def text(self, huge: bool = False) -> str:
        rng = self.rng
        if huge:
            size = rng.choice([4097, 5000, 10_000, 40_000])
        else:
            size = rng.choice([0, 1, 2, 5, 20, 80, 300, 1500])
        parts: list[str] = []
        while sum(len(p) for p in parts) < size:
            if rng.random() < 0.3:
                parts.append(rng.choice(_WORDS))
            else:
                low, high = rng.choice(_RANGES)
                parts.append(
                    "".join(chr(rng.randint(low, high)) for _ in range(rng.randint(1, 12)))
                )
            if rng.random() < 0.3:
                parts.append(rng.choice([" ", "\n", "\t", "  "]))
        return "".join(parts)[: size or 1] if size else rng.choice(["", " ", "\n"])

    def entities(self, text: str) -> list[dict[str, Any]]:
        out = []
        for _ in range(self.rng.choice([0, 0, 1, 3])):
            kind = self.rng.choice(
                ["bold", "italic", "url", "mention", "bot_command", "text_link", "code", "spoiler"]
            )
            entity: dict[str, Any] = {
                "type": kind,
                "offset": self.rng.randint(0, len(text) + 5),
                "length": self.rng.randint(0, 50),
            }
            if kind == "text_link":
                entity["url"] = "https://evil.example/" + str(self.rng.randint(0, 99))
            out.append(entity)
        return out

    def user(self, user_id: int | None = None) -> dict[str, Any]:
        uid = user_id or self.rng.choice(STRANGERS)
        return {
            "id": uid,
            "is_bot": False,
            "first_name": self.text()[:20] or "x",
            "language_code": "nl",
        }

    def chat(self, user: dict[str, Any]) -> dict[str, Any]:
        roll = self.rng.random()
        if roll < 0.75:
            return {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if roll < 0.85:
            return {"id": -self.rng.randint(1, 9999), "type": "group", "title": "groep"}
        if roll < 0.95:
            return {
                "id": STAFF_CHAT if self.rng.random() < 0.3 else -1001234,
                "type": "supergroup",
                "title": "sg",
            }
        return {"id": -1009999, "type": "channel", "title": "kanaal"}

    def command(self) -> str:
        name = self.rng.choice(_COMMANDS)
        if name.lower().startswith("start"):
            arg = self.rng.choice(_START_ARGS)
            if arg.endswith("_"):
                arg += self.rng.choice(
                    [
                        self.text()[:30],
                        "A" * self.rng.randint(1, 70),
                        *self.secrets_ids,
                        "K7Q2MXAB3P",
                    ]
                )
            return f"/{name} {arg}".rstrip()
        args = " ".join(
            self.rng.choice([*self.secrets_ids, self.text()[:40], "1", "-5", "2,5", "x" * 300])
            for _ in range(self.rng.randint(0, 3))
        )
        return f"/{name} {args}".rstrip()

    def message(self, user: dict[str, Any], chat: dict[str, Any]) -> dict[str, Any]:
        base: dict[str, Any] = {
            "message_id": next(self.ids),
            "date": int(time.time()),
            "chat": chat,
        }
        if chat["type"] != "channel":
            base["from"] = user
        roll = self.rng.random()
        if roll < 0.35:
            text = self.text(huge=self.rng.random() < 0.08)
            base["text"] = text or "."
            base["entities"] = self.entities(base["text"])
            self.kinds["text"] += 1
        elif roll < 0.6:
            text = self.command()
            base["text"] = text
            base["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split(" ")[0])}
            ]
            self.kinds["command"] += 1
        elif roll < 0.7:
            base["photo"] = [{"file_id": "ph", "file_unique_id": "phu", "width": 9, "height": 9}]
            base["caption"] = self.text()
            base["caption_entities"] = self.entities(base["caption"])
            self.kinds["photo+caption"] += 1
        elif roll < 0.76:
            base["voice"] = {"file_id": "v", "file_unique_id": "vu", "duration": 3}
            base["caption"] = self.rng.choice(["ik wil dood", self.text()])
            self.kinds["voice+caption"] += 1
        elif roll < 0.8:
            base["sticker"] = {
                "file_id": "s",
                "file_unique_id": "su",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            }
            self.kinds["sticker"] += 1
        elif roll < 0.84:
            base["location"] = {"latitude": 51.6, "longitude": 5.5}
            self.kinds["location"] += 1
        elif roll < 0.87:
            base["contact"] = {
                "phone_number": "0612121299",
                "first_name": "x",
                "user_id": user["id"],
            }
            self.kinds["contact"] += 1
        elif roll < 0.9:
            base["document"] = {"file_id": "d", "file_unique_id": "du", "file_name": "<b>.pdf"}
            base["caption"] = self.text()
            self.kinds["document+caption"] += 1
        elif roll < 0.93:
            base["new_chat_members"] = [user]
            self.kinds["service message"] += 1
        else:
            base["text"] = self.text() or "."
            base["reply_to_message"] = {
                "message_id": 1,
                "date": int(time.time()),
                "chat": chat,
                "from": {"id": BOT_ID, "is_bot": True, "first_name": "bot"},
                "text": self.text(),
            }
            self.kinds["reply"] += 1
        return base

    def callback_data(self) -> str:
        prefix = self.rng.choice(_CALLBACK_PREFIXES)
        tail = self.rng.choice(
            [*self.secrets_ids, self.text()[:40], "0" * 32, "/affirm|AAAAAAAAAAA", "1", "ABC|ok"]
        )
        return (prefix + tail).encode()[:64].decode(errors="ignore") or "x"

    def update(self) -> dict[str, Any]:
        update_id = next(self.ids)
        user = self.user()
        chat = self.chat(user)
        roll = self.rng.random()
        if roll < 0.6:
            key = "channel_post" if chat["type"] == "channel" else "message"
            return {"update_id": update_id, key: self.message(user, chat)}
        if roll < 0.68:
            message = self.message(user, chat)
            message["edit_date"] = int(time.time())
            self.kinds["edited"] += 1
            key = "edited_channel_post" if chat["type"] == "channel" else "edited_message"
            return {"update_id": update_id, key: message}
        if roll < 0.9:
            self.kinds["callback"] += 1
            return {
                "update_id": update_id,
                "callback_query": {
                    "id": str(next(self.ids)),
                    "from": user,
                    "chat_instance": "ci",
                    "data": self.callback_data(),
                    "message": {
                        "message_id": next(self.ids),
                        "date": int(time.time()),
                        "chat": chat
                        if chat["type"] != "channel"
                        else {"id": user["id"], "type": "private"},
                        "from": {"id": BOT_ID, "is_bot": True, "first_name": "bot"},
                        "text": "Kies:",
                    },
                },
            }
        self.kinds["other update types"] += 1
        other = self.rng.choice(["inline_query", "my_chat_member", "poll", "unknown"])
        if other == "inline_query":
            body: dict[str, Any] = {
                "id": "iq",
                "from": user,
                "query": self.text()[:60],
                "offset": "",
            }
        elif other == "my_chat_member":
            bot = {"id": BOT_ID, "is_bot": True, "first_name": "bot"}
            body = {
                "chat": chat,
                "from": user,
                "date": int(time.time()),
                "old_chat_member": {"status": "member", "user": bot},
                "new_chat_member": {"status": "kicked", "user": bot, "until_date": 0},
            }
        elif other == "poll":
            other = "poll_answer"
            body = {
                "poll_id": "p",
                "option_ids": [0],
                "option_persistent_ids": ["o1"],
                "user": user,
            }
        else:
            other, body = "future_update_kind", {"anything": self.text()[:50]}
        return {"update_id": update_id, other: body}


def _seed(settings: Settings) -> tuple[str, str]:
    """A lead and a school request with recognisable details, and one staff member."""
    migrate(settings.database_url)
    database = Database(settings.database_url)
    cipher = Cipher.from_settings(settings)
    try:
        staff = StaffDirectory(database, settings.admin_ids)
        admin = staff.require(ADMIN, admin=True)
        staff.redeem(staff.create_invite(admin), STAFF, "Mila")
        leads = LeadService(database, cipher, settings)
        lead = leads.submit(
            "f" * 64,
            draft(
                "18-25", "email", "fuzz.geheim@example.nl", nickname="Qwzxnick", area="Geheimstad"
            ),
        )
        leads.staff_step(staff.require(STAFF), lead.public_id, "claim")
        request = SchoolRequestService(database, cipher, settings).submit(
            "s" * 64, RequestDraft("presentation", "Geheime School", "mentor", "0612121299")
        )
        return lead.public_id, request.public_id
    finally:
        database.dispose()


async def test_fuzzed_updates_never_crash_leak_or_reach_rasa_forged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with FakeBotApi() as api, FakeRasa(slow_seconds=0.1) as rasa:
        settings = load_settings(
            {
                "JOINUS_DATA_DIR": str(tmp_path),
                "TELEGRAM_BOT_TOKEN": "123:FUZZ",
                "TELEGRAM_BASE_URL": api.base_url,
                "RASA_URL": rasa.url,
                "RASA_TIMEOUT": "5",
                "FACTS_FILE": str(FACTS_FILE),
                "ENCRYPTION_KEY": "fuzz-encryption-key",
                "PSEUDONYM_SECRET": "fuzz-pseudonym-secret-0123456789",
                "ADMIN_TELEGRAM_IDS": str(ADMIN),
                "STAFF_CHAT_ID": str(STAFF_CHAT),
            }
        )
        lead_id, request_id = _seed(settings)
        fuzzer = Fuzzer(random.Random(SEED), lead_id, request_id)
        app = await running_app.initialise(settings)
        # Telegram's flood limits (AIORateLimiter) are not under test and would make this run
        # take minutes: the fake Bot API has none.
        app.bot._rate_limiter = None
        caplog.set_level(logging.ERROR, logger="bot.telegram.handlers")
        started = time.perf_counter()
        forged_to_rasa = 0
        try:
            for _ in range(UPDATES):
                data = fuzzer.update()
                before = len(rasa.received)
                await app.process_update(Update.de_json(data, app.bot))
                query = data.get("callback_query")
                if query is not None and len(rasa.received) > before:
                    forged_to_rasa += 1
            await asyncio.sleep(0.5)  # let the delivery loop finish what handlers queued
        finally:
            elapsed = time.perf_counter() - started
            await app.post_stop(app)
            await app.shutdown()
            await app.post_shutdown(app)

        crashes = [r for r in caplog.records if "unhandled error" in r.getMessage()]
        staff_chats = {ADMIN, STAFF, STAFF_CHAT}
        outgoing = [
            (m.get("chat_id"), str(m.get("text", "")))
            for method in ("sendMessage", "editMessageText")
            for m in api.calls_to(method)
        ] + [(None, str(c.get("text", ""))) for c in api.answered_callbacks]
        to_strangers = [(chat, text) for chat, text in outgoing if chat not in staff_chats]
        leaks = [(c, t[:80]) for c, t in to_strangers if any(s in t for s in SECRETS)]
        tracebacks = [t[:80] for _, t in outgoing if "Traceback" in t or 'File "' in t]
        print(
            f"\nfuzz: {UPDATES} updates (seed {SEED}) in {elapsed:.1f} s, "
            f"{len(outgoing)} replies/answers; kinds: {dict(sorted(fuzzer.kinds.items()))}; "
            f"Rasa turns: {len(rasa.received)}; handler errors: {len(crashes)}; "
            f"leaks: {len(leaks)}; tracebacks: {len(tracebacks)}; forged buttons to Rasa: "
            f"{forged_to_rasa}"
        )
        assert not crashes, [r.exc_info[1] if r.exc_info else r.getMessage() for r in crashes[:5]]
        assert not tracebacks
        assert not leaks, leaks[:5]
        assert forged_to_rasa == 0
        assert len(outgoing) > UPDATES // 3, "the bot answered"
