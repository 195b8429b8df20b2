"""Small factories for real python-telegram-bot objects and an offline request class."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from typing import Any

from telegram import Bot, CallbackQuery, Chat, Message, MessageEntity, Update, User
from telegram.request import BaseRequest, RequestData

_ids = itertools.count(1)


class OfflineRequest(BaseRequest):
    """Fails on any network access, so unit tests can never reach (or pretend to reach) Telegram."""

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(  # type: ignore[override]
        self, url: str, method: str, request_data: RequestData | None = None, **_: Any
    ) -> tuple[int, bytes]:
        raise AssertionError(f"unit test tried to call Telegram: {method} {url.rsplit('/', 1)[-1]}")


def offline_bot() -> Bot:
    return Bot("123:TEST", request=OfflineRequest(), get_updates_request=OfflineRequest())


def user(user_id: int = 4242, first_name: str = "Sam") -> User:
    return User(id=user_id, first_name=first_name, is_bot=False)


def private_chat(user_id: int = 4242) -> Chat:
    return Chat(id=user_id, type=Chat.PRIVATE)


def text_update(text: str, user_id: int = 4242, bot: Bot | None = None) -> Update:
    entities = (
        [MessageEntity(MessageEntity.BOT_COMMAND, 0, len(text.split()[0]))]
        if text.startswith("/")
        else None
    )
    message = Message(
        message_id=next(_ids),
        date=datetime.now(UTC),
        chat=private_chat(user_id),
        from_user=user(user_id),
        text=text,
        entities=entities,
    )
    if bot is not None:
        message.set_bot(bot)
    return Update(update_id=next(_ids), message=message)


def callback_update(data: str, user_id: int = 4242, bot: Bot | None = None) -> Update:
    message = Message(
        message_id=next(_ids), date=datetime.now(UTC), chat=private_chat(user_id), text="…"
    )
    query = CallbackQuery(
        id=str(next(_ids)), from_user=user(user_id), chat_instance="ci", data=data, message=message
    )
    if bot is not None:
        query.set_bot(bot)
        message.set_bot(bot)
    return Update(update_id=next(_ids), callback_query=query)
