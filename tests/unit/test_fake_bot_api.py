"""Tests for the fake Bot API, driven by a real PTB Bot / Application."""

from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from tests.fakes.bot_api import BOT_USERNAME, FakeBotApi

TOKEN = "123:ABC"
USER = 4242


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        yield api


def make_bot(fake: FakeBotApi) -> Bot:
    return Bot(token=TOKEN, base_url=fake.base_url, base_file_url=fake.base_file_url)


def keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Ja", callback_data="yes"),
                InlineKeyboardButton("Nee", callback_data="no"),
            ]
        ]
    )


def raw_post(
    fake: FakeBotApi, method: str, body: dict[str, object]
) -> tuple[int, dict[str, object]]:
    req = urllib.request.Request(
        f"{fake.base_url}{TOKEN}/{method}",
        data=json.dumps(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(req, timeout=5) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@pytest.mark.asyncio
async def test_get_me_and_token_recorded(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        me = await bot.get_me()
    assert me.is_bot
    assert me.username == BOT_USERNAME
    assert fake.tokens == [TOKEN]
    assert fake.calls[0][0] == "getMe"


@pytest.mark.asyncio
async def test_send_message_stores_params_and_reply_markup(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        first = await bot.send_message(USER, "Hallo!", reply_markup=keyboard())
        second = await bot.send_message(USER, "123")
    assert first.text == "Hallo!"
    assert first.chat.id == USER and first.chat.type == "private"
    assert first.from_user is not None and first.from_user.username == BOT_USERNAME
    assert first.reply_markup == keyboard()
    assert second.message_id == first.message_id + 1

    sent = fake.sent_messages(USER)
    assert [m["text"] for m in sent] == ["Hallo!", "123"]  # "123" must stay a string
    assert sent[0]["chat_id"] == USER
    assert sent[0]["reply_markup"] == keyboard().to_dict()
    assert sent[0]["message_id"] == first.message_id
    assert fake.sent_messages(999) == []


@pytest.mark.asyncio
async def test_get_updates_parses_text_and_offset_confirms(fake: FakeBotApi) -> None:
    update_id = fake.push_text(USER, "Ik wil helpen", username="piet")
    async with make_bot(fake) as bot:
        updates = await bot.get_updates(timeout=0)
        assert len(updates) == 1
        update = updates[0]
        assert update.update_id == update_id
        assert update.message is not None
        assert update.message.text == "Ik wil helpen"
        assert update.message.chat.id == USER and update.message.chat.type == "private"
        assert update.effective_user is not None and update.effective_user.username == "piet"

        # Not confirmed yet: delivered again.
        assert len(await bot.get_updates(timeout=0)) == 1
        assert await bot.get_updates(offset=update_id + 1, timeout=0) == ()
    assert fake.pending_updates == []


@pytest.mark.asyncio
async def test_push_command_has_bot_command_entity(fake: FakeBotApi) -> None:
    fake.push_command(USER, "/start", "campagne1")
    fake.push_command(USER, "help")
    async with make_bot(fake) as bot:
        start, help_ = await bot.get_updates(timeout=0)
    assert start.message is not None and help_.message is not None
    assert start.message.text == "/start campagne1"
    assert start.message.entities[0].type == "bot_command"
    assert start.message.entities[0].offset == 0 and start.message.entities[0].length == 6
    assert help_.message.text == "/help"
    assert help_.message.entities[0].length == 5


@pytest.mark.asyncio
async def test_other_update_kinds_parse(fake: FakeBotApi) -> None:
    fake.push_text(USER, "eerst")
    fake.push_edited_text(USER, "daarna")
    fake.push_sticker(USER)
    fake.push_photo(USER, caption="foto")
    fake.push_location(USER)
    fake.push_update(
        {
            "message": {
                "message_id": 99,
                "date": 0,
                "chat": {"id": 1, "type": "private"},
                "text": "raw",
            }
        }
    )
    async with make_bot(fake) as bot:
        text, edited, sticker, photo, location, raw = await bot.get_updates(timeout=0)
    assert text.message is not None and edited.edited_message is not None
    assert edited.edited_message.text == "daarna"
    assert edited.edited_message.message_id == text.message.message_id
    assert sticker.message is not None and sticker.message.sticker is not None
    assert photo.message is not None and photo.message.photo and photo.message.caption == "foto"
    assert location.message is not None and location.message.location is not None
    assert raw.message is not None and raw.message.text == "raw"
    assert raw.update_id > location.update_id


@pytest.mark.asyncio
async def test_callback_query_parses_and_is_answered(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        sent = await bot.send_message(USER, "Kies", reply_markup=keyboard())
        fake.push_callback(USER, "yes", sent.message_id)
        (update,) = await bot.get_updates(timeout=0)
        query = update.callback_query
        assert query is not None
        assert query.data == "yes"
        assert query.from_user.id == USER
        assert isinstance(query.message, Message)
        assert query.message.message_id == sent.message_id
        assert query.message.reply_markup == keyboard()
        await query.answer("Dank je")
    assert fake.answered_callbacks == [{"callback_query_id": query.id, "text": "Dank je"}]
    with pytest.raises(KeyError):
        fake.push_callback(USER, "yes", 12345)


@pytest.mark.asyncio
async def test_long_poll_wakes_on_push(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        task = asyncio.create_task(bot.get_updates(timeout=10))
        await asyncio.sleep(0.2)
        assert not task.done()
        started = time.monotonic()
        fake.push_text(USER, "wakker")
        updates = await asyncio.wait_for(task, 3)
        assert time.monotonic() - started < 1
        assert updates[0].message is not None and updates[0].message.text == "wakker"


@pytest.mark.asyncio
async def test_long_poll_times_out_empty(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        started = time.monotonic()
        assert await bot.get_updates(timeout=1) == ()
        assert 0.9 <= time.monotonic() - started < 2


def test_stop_releases_long_poll() -> None:
    fake = FakeBotApi().start()
    result: list[tuple[int, dict[str, object]]] = []
    thread = threading.Thread(
        target=lambda: result.append(raw_post(fake, "getUpdates", {"timeout": 30}))
    )
    thread.start()
    fake.wait_for(lambda: bool(fake.calls_to("getUpdates")), timeout=2)
    started = time.monotonic()
    fake.stop()
    thread.join(3)
    assert not thread.is_alive()
    assert time.monotonic() - started < 2
    assert result == [(200, {"ok": True, "result": []})]


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_fail_next_maps_to_ptb_errors(fake: FakeBotApi) -> None:
    fake.fail_next("sendMessage", 1, error_code=500)
    fake.fail_next("sendMessage", 1, error_code=429, retry_after=3)
    fake.fail_next(
        "sendMessage", 1, error_code=400, description="Bad Request: can't parse entities"
    )
    async with make_bot(fake) as bot:
        with pytest.raises(NetworkError):
            await bot.send_message(USER, "a")
        with pytest.raises(RetryAfter, match="Retry in 3"):
            await bot.send_message(USER, "b")
        with pytest.raises(BadRequest, match="parse entities"):
            await bot.send_message(USER, "c")
        await bot.send_message(USER, "d")
    assert [m["text"] for m in fake.sent_messages()] == ["d"]
    assert [p["text"] for p in fake.calls_to("sendMessage")] == ["a", "b", "c", "d"]


@pytest.mark.asyncio
async def test_set_down_and_recover(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        fake.set_down(True)
        with pytest.raises(NetworkError):
            await bot.send_message(USER, "a")
        assert await bot.get_updates(timeout=0) == ()  # polling keeps working
        fake.set_down(True, disconnect=True)
        with pytest.raises(NetworkError):
            await bot.send_message(USER, "b")
        fake.set_down(False)
        await bot.send_message(USER, "c")
    assert [m["text"] for m in fake.sent_messages(USER)] == ["c"]


@pytest.mark.asyncio
async def test_block_chat_gives_forbidden(fake: FakeBotApi) -> None:
    fake.block_chat(USER)
    async with make_bot(fake) as bot:
        with pytest.raises(Forbidden, match="blocked by the user"):
            await bot.send_message(USER, "hoi")
        await bot.send_message(USER + 1, "hoi")
        fake.unblock_chat(USER)
        await bot.send_message(USER, "weer")
    assert fake.sent_texts(USER) == ["weer"]


@pytest.mark.asyncio
async def test_edit_message(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        sent = await bot.send_message(USER, "Kies", reply_markup=keyboard())
        edited = await bot.edit_message_text("Gekozen", chat_id=USER, message_id=sent.message_id)
        assert isinstance(edited, object) and fake.bot_message(sent.message_id)["text"] == "Gekozen"
        assert "reply_markup" not in fake.bot_message(sent.message_id)
        with pytest.raises(BadRequest, match="not modified"):
            await bot.edit_message_text("Gekozen", chat_id=USER, message_id=sent.message_id)
        await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=keyboard())
        assert fake.bot_message(sent.message_id)["reply_markup"] == keyboard().to_dict()
        with pytest.raises(BadRequest, match="not found"):
            await bot.edit_message_text("x", chat_id=USER, message_id=9999)
    assert [e["method"] for e in fake.edited_messages(USER)] == [
        "editMessageText",
        "editMessageReplyMarkup",
    ]


@pytest.mark.asyncio
async def test_command_menus_per_scope_and_telegrams_rules(fake: FakeBotApi) -> None:
    async with make_bot(fake) as bot:
        await bot.set_my_commands([BotCommand("start", "Begin")])
        await bot.set_my_commands([BotCommand("leads", "Open")], scope=BotCommandScopeChat(USER))
        assert await bot.get_my_commands(scope=BotCommandScopeChat(USER)) == (
            BotCommand("leads", "Open"),
        )
        assert fake.commands({"type": "chat", "chat_id": USER}) == [
            {"command": "leads", "description": "Open"}
        ]
        assert fake.commands() == [{"command": "start", "description": "Begin"}]
        await bot.delete_my_commands(scope=BotCommandScopeChat(USER))
        assert fake.commands({"type": "chat", "chat_id": USER}) == []
        for bad in (BotCommand("Leads", "Open"), BotCommand("a" * 33, "x"), BotCommand("x", "")):
            with pytest.raises(BadRequest):
                await bot.set_my_commands([bad])
        with pytest.raises(BadRequest, match=r"(?i)too many"):
            await bot.set_my_commands([BotCommand(f"c{i}", "x") for i in range(101)])


@pytest.mark.asyncio
async def test_misc_methods(fake: FakeBotApi) -> None:
    fake.push_text(USER, "oud")
    async with make_bot(fake) as bot:
        await bot.set_my_commands([BotCommand("start", "Begin")])
        assert await bot.get_my_commands() == (BotCommand("start", "Begin"),)
        await bot.delete_my_commands()
        assert await bot.get_my_commands() == ()
        await bot.send_chat_action(USER, "typing")
        assert await bot.set_webhook("https://example.invalid/hook")
        assert (await bot.get_webhook_info()).url == "https://example.invalid/hook"
        assert await bot.delete_webhook(drop_pending_updates=True)
        assert await bot.get_updates(timeout=0) == ()
        # Multipart upload: text fields and the JSON reply_markup must be decoded.
        doc = await bot.send_document(
            USER, b"%PDF-1.4", filename="flyer.pdf", caption="Flyer", reply_markup=keyboard()
        )
        assert doc.document is not None and doc.document.file_name == "flyer.pdf"
        photo = await bot.send_photo(USER, "some-file-id")
        assert photo.photo
    assert fake.chat_actions == [{"chat_id": USER, "action": "typing"}]
    media = fake.sent_media(USER)
    assert media[0]["method"] == "sendDocument"
    assert media[0]["document"] == {"filename": "flyer.pdf", "size": 8}
    assert media[0]["caption"] == "Flyer"
    assert media[0]["reply_markup"] == keyboard().to_dict()
    assert media[1]["photo"] == "some-file-id"


def test_unknown_method_and_form_encoding(fake: FakeBotApi) -> None:
    status, body = raw_post(fake, "fooBar", {"x": 1})
    assert status == 404
    assert body == {"ok": False, "error_code": 404, "description": "Not Found: method not found"}
    assert fake.unknown_calls == [("fooBar", {"x": 1})]

    form = urllib.request.Request(
        f"{fake.base_url}{TOKEN}/sendMessage",
        data=b"chat_id=7&text=42&reply_markup=%7B%22inline_keyboard%22%3A%5B%5D%7D",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with urllib.request.urlopen(form, timeout=5) as resp:
        result = json.loads(resp.read())["result"]
    assert result["chat"]["id"] == 7 and result["text"] == "42"
    assert fake.sent_messages(7)[0]["reply_markup"] == {"inline_keyboard": []}

    with urllib.request.urlopen(f"{fake.base_file_url}{TOKEN}/files/abc", timeout=5) as resp:
        assert resp.status == 200


def test_wait_for_messages_and_clear(fake: FakeBotApi) -> None:
    def later() -> None:
        time.sleep(0.1)
        raw_post(fake, "sendMessage", {"chat_id": USER, "text": "een"})
        raw_post(fake, "sendMessage", {"chat_id": USER, "text": "twee"})

    threading.Thread(target=later).start()
    messages = fake.wait_for_messages(USER, 2, timeout=3)
    assert [m["text"] for m in messages] == ["een", "twee"]
    with pytest.raises(AssertionError, match="een"):
        fake.wait_for_messages(USER, 3, timeout=0.2)
    with pytest.raises(AssertionError):
        fake.wait_for(lambda: False, timeout=0.1)

    fake.clear()
    assert fake.sent_messages() == [] and fake.calls == []
    fake.push_callback(USER, "ok", messages[0]["message_id"])  # bot messages survive clear()


@pytest.mark.asyncio
async def test_application_polling_echo(fake: FakeBotApi) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(f"echo: {update.message.text}")

    app: Application = ApplicationBuilder().token(TOKEN).base_url(fake.base_url).build()  # type: ignore[type-arg]
    app.add_handler(MessageHandler(filters.TEXT, echo))
    await app.initialize()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    await app.start()
    try:
        fake.push_text(USER, "hallo")
        messages = await asyncio.to_thread(fake.wait_for_messages, USER, 1, 5.0)
        assert messages[0]["text"] == "echo: hallo"
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    methods = [m for m, _ in fake.calls]
    assert methods[:2] == ["getMe", "deleteWebhook"]
    assert fake.pending_updates == []  # updater.stop() confirmed the processed update


def test_keep_alive_serves_several_requests_on_one_connection() -> None:
    """The load benchmark's emulator keeps connections open, as the real Bot API does."""
    import http.client

    with FakeBotApi(keep_alive=True) as api:
        connection = http.client.HTTPConnection("127.0.0.1", api.port, timeout=5)
        try:
            for _ in range(3):
                connection.request("POST", f"/bot{TOKEN}/getMe")
                response = connection.getresponse()
                assert json.loads(response.read())["result"]["username"] == BOT_USERNAME
                assert not response.will_close
            local_port = connection.sock.getsockname()[1]
            connection.request("POST", f"/bot{TOKEN}/getMe")
            connection.getresponse().read()
            assert connection.sock.getsockname()[1] == local_port  # the same connection
        finally:
            connection.close()
    with FakeBotApi() as api:  # the default: one request per connection
        connection = http.client.HTTPConnection("127.0.0.1", api.port, timeout=5)
        connection.request("POST", f"/bot{TOKEN}/getMe")
        assert connection.getresponse().will_close
        connection.close()
