"""Directives that keep personal data out of Rasa: capture answers, render what shows them.

The actions know only placeholders ("captured") and ask this process, which has the person's
draft and records in our database, to take the next answer (``capture``) and to render every
message that shows personal details: the consent preview (``lead_preview``), the parent's
preview (``parent_preview``), a question quoting an answer (``personal_text``), the school
summary (``school_preview``), a freshly issued code (``code_link``) and /mijngegevens
(``my_data``). ``forget_person`` (on /vergeet and /stop) erases what only this process can
reach: the draft, ambassador enrolments, sent outbox rows to this chat, and our Telegram
messages that showed the person's details.

Such replies are marked ``personal`` so the Telegram front end records their message ids.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import delete, select

from bot.ambassadors.programme import AmbassadorProgramme
from bot.core.crypto import Cipher
from bot.core.errors import CodeInvalid
from bot.leads.cards import consent_preview
from bot.leads.directives import DeepLinks
from bot.leads.service import LeadService
from bot.pipeline.conversation import ChannelUser, DirectiveHandler
from bot.pipeline.messages import Button, Reply
from bot.pipeline.tracker import TrackerStore
from bot.privacy import texts
from bot.privacy.drafts import FIELDS, DraftService, lead_draft, request_draft
from bot.privacy.rights import PrivacyService
from bot.school.cards import summary as school_summary
from bot.school.requests import SchoolRequestService
from bot.storage.db import Database
from bot.storage.models_outbox import OutboxMessage
from bot.storage.models_privacy import PersonalMessage

log = logging.getLogger(__name__)

# (chat id, message id) -> deleted? Set by the Telegram front end; None in the terminal chat.
MessageDeleter = Callable[[int, int], Awaitable[bool]]
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass
class PrivacyContext:
    """Everything the directives reach; ``delete_message`` is filled in by the Telegram app."""

    database: Database
    cipher: Cipher
    drafts: DraftService
    leads: LeadService
    privacy: PrivacyService
    referrals: SchoolRequestService
    ambassadors: AmbassadorProgramme
    tracker: TrackerStore
    links: DeepLinks
    retention_days: int
    draft_hours: int
    delete_message: MessageDeleter | None = field(default=None)


def _buttons(custom: Mapping[str, Any]) -> tuple[Button, ...]:
    raw = custom.get("buttons") or []
    return tuple(
        Button(str(b.get("title", "")), str(b.get("payload", "")))
        for b in raw
        if isinstance(b, dict) and b.get("payload")
    )


def _personal(text: str, buttons: tuple[Button, ...] = ()) -> Reply:
    return replace(Reply(text, buttons), personal=True)


def fill(template: str, values: Mapping[str, str]) -> str:
    """Put stored answers into ``{field}`` placeholders; unknown names stay as they are."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in FIELDS or name == "code":
            return values.get(name, "-")
        return match.group(0)

    return _PLACEHOLDER.sub(one, template)


def _slots(custom: Mapping[str, Any]) -> dict[str, Any]:
    slots = custom.get("slots")
    return dict(slots) if isinstance(slots, dict) else {}


def privacy_directives(ctx: PrivacyContext) -> dict[str, DirectiveHandler]:
    async def capture(user: ChannelUser, pseudonym: str, custom: dict[str, Any]) -> list[Reply]:
        name = str(custom.get("field", ""))
        meta = custom.get("meta")
        if name in FIELDS:
            await asyncio.to_thread(ctx.drafts.expect, pseudonym, name, str(meta) if meta else None)
        else:
            log.warning("capture directive for an unknown field ignored")
        return []

    async def lead_preview(
        user: ChannelUser, pseudonym: str, custom: dict[str, Any]
    ) -> list[Reply]:
        values = await asyncio.to_thread(ctx.drafts.values, pseudonym)
        draft = lead_draft(_slots(custom), values)
        kind = "parent" if custom.get("kind") == "parent" else "self"
        facts = await asyncio.to_thread(ctx.leads.draft_facts, draft, kind)
        text = consent_preview(facts, retention_days=ctx.retention_days)
        return [_personal(text + str(custom.get("footer", "")), _buttons(custom))]

    async def parent_preview(
        user: ChannelUser, pseudonym: str, custom: dict[str, Any]
    ) -> list[Reply]:
        values = await asyncio.to_thread(ctx.drafts.values, pseudonym)
        try:
            facts = await asyncio.to_thread(
                ctx.leads.parent_preview, values.get("parent_code", ""), pseudonym
            )
        except CodeInvalid as exc:
            return [Reply(str(exc))]
        preview = consent_preview(facts, retention_days=ctx.retention_days, for_parent=True)
        return [_personal(f"Welkom! {preview}\n\n{custom.get('footer', '')}".rstrip())]

    async def personal_text(
        user: ChannelUser, pseudonym: str, custom: dict[str, Any]
    ) -> list[Reply]:
        values = await asyncio.to_thread(ctx.drafts.values, pseudonym)
        return [_personal(fill(str(custom.get("text", "")), values), _buttons(custom))]

    async def school_preview(
        user: ChannelUser, pseudonym: str, custom: dict[str, Any]
    ) -> list[Reply]:
        kind = str(custom.get("kind", ""))
        if kind not in ("referral", "presentation", "material"):
            return []
        values = await asyncio.to_thread(ctx.drafts.values, pseudonym)
        facts = ctx.referrals.draft_facts(request_draft(kind, _slots(custom), values))
        return [_personal(school_summary(facts), _buttons(custom))]

    async def code_link(user: ChannelUser, pseudonym: str, custom: dict[str, Any]) -> list[Reply]:
        """A code the action just issued: shown once from the draft, then dropped from it."""
        values = await asyncio.to_thread(ctx.drafts.values, pseudonym)
        code = values.get("code", "")
        await asyncio.to_thread(ctx.drafts.remove, pseudonym, "code", "link")
        # The link carries its own long random token when there is one; the code is for typing.
        link = ctx.links.link(str(custom.get("prefix", "")) + values.get("link", code))
        text = fill(str(custom.get("text", "{link}")), {"code": code}).replace("{link}", link)
        return [_personal(text)]

    async def my_data(user: ChannelUser, pseudonym: str, custom: dict[str, Any]) -> list[Reply]:
        events = await asyncio.to_thread(ctx.tracker.count, pseudonym)
        parts = [await asyncio.to_thread(ctx.privacy.summary, pseudonym, events)]
        school = await asyncio.to_thread(ctx.referrals.summary, pseudonym)
        if school:
            parts.append(school)
        if user.platform == "telegram" and isinstance(user.user_id, int):
            ambassador = await asyncio.to_thread(
                ctx.ambassadors.consent.privacy_summary, user.user_id
            )
            if ambassador:
                parts.append(ambassador)
        values = await asyncio.to_thread(ctx.drafts.values, pseudonym)
        shown = [f"• {v}" for k, v in values.items() if k in FIELDS]
        if shown:
            parts.append(texts.IN_PROGRESS.format(hours=ctx.draft_hours) + "\n" + "\n".join(shown))
        return [_personal(text) for text in parts]

    async def forget_person(
        user: ChannelUser, pseudonym: str, custom: dict[str, Any]
    ) -> list[Reply]:
        await asyncio.to_thread(ctx.drafts.discard, pseudonym)
        if user.platform == "telegram" and isinstance(user.user_id, int):
            await asyncio.to_thread(ctx.ambassadors.consent.forget, user.user_id)
        if isinstance(user.chat_id, int):
            await erase_messages(ctx, pseudonym, user.chat_id)
        return []

    async def erase_conversation(
        user: ChannelUser, pseudonym: str, custom: dict[str, Any]
    ) -> list[Reply]:
        # Cancelled forms and refusals: the typed answers go with the conversation.
        await asyncio.to_thread(ctx.drafts.discard, pseudonym)
        await asyncio.to_thread(ctx.tracker.erase, pseudonym)
        return []

    return {
        "capture": capture,
        "lead_preview": lead_preview,
        "parent_preview": parent_preview,
        "personal_text": personal_text,
        "school_preview": school_preview,
        "code_link": code_link,
        "my_data": my_data,
        "forget_person": forget_person,
        "erase_conversation": erase_conversation,
    }


# ------------------------------------------------------------ our messages in the chat


def record_message(ctx: PrivacyContext, pseudonym: str, chat_id: int, message_id: int) -> None:
    with ctx.database.session() as session:
        session.add(
            PersonalMessage(
                pseudonym=pseudonym,
                chat_id_enc=ctx.cipher.encrypt(str(chat_id)),
                message_id=message_id,
            )
        )


def _to_delete(ctx: PrivacyContext, pseudonym: str, chat_id: int) -> list[int]:
    """Message ids to delete in this chat; their rows (and sent outbox rows to it) are removed."""
    ids: list[int] = []
    with ctx.database.session() as session:
        for row in session.scalars(
            select(PersonalMessage).where(PersonalMessage.pseudonym == pseudonym)
        ):
            ids.append(row.message_id)
        session.execute(delete(PersonalMessage).where(PersonalMessage.pseudonym == pseudonym))
        # Outbox rows hold the chat id encrypted (no index to match on): decrypt the sent ones.
        for message in session.scalars(select(OutboxMessage).where(OutboxMessage.status == "sent")):
            if ctx.cipher.decrypt(message.chat_id_enc) == str(chat_id):
                if message.telegram_message_id is not None:
                    ids.append(message.telegram_message_id)
                session.delete(message)
    return ids


async def erase_messages(ctx: PrivacyContext, pseudonym: str, chat_id: int) -> int:
    """Delete our earlier messages that showed this person's details; failures are tolerated
    (Telegram refuses after 48 hours, or the user deleted the chat)."""
    ids = await asyncio.to_thread(_to_delete, ctx, pseudonym, chat_id)
    deleted = 0
    if ctx.delete_message is None:
        return 0
    for message_id in ids:
        try:
            deleted += bool(await ctx.delete_message(chat_id, message_id))
        except Exception:
            log.info("could not delete an earlier message (too old or already gone)")
    return deleted
