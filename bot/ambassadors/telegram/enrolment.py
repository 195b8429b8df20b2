"""Joining: the student's invite link (``/start amb_<token>``), their yes or no, and the
parent's link (``/start ambp_<code>``) with the parent's decision, for under-16s."""

from __future__ import annotations

import asyncio
import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.ambassadors import texts
from bot.ambassadors.consent import PARENT_CODE_DAYS
from bot.ambassadors.telegram.replies import (
    INVITE_PREFIX,
    PARENT_PREFIX,
    drop_keyboard,
    pressed,
    programme_of,
)
from bot.ambassadors.year_plan import school_year_label
from bot.pipeline import texts as pipeline_texts
from bot.privacy.directives import record_message
from bot.telegram.common import args_of, reply_html, runtime_of


async def start_invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    token = args_of(context)[0].removeprefix(INVITE_PREFIX) if args_of(context) else ""
    team = await asyncio.to_thread(programme_of(context).enrolment.invite_team, token)
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(texts.BUTTON_AGREE_16, callback_data=f"amb|ok|{token}")],
            [InlineKeyboardButton(texts.BUTTON_AGREE_UNDER_16, callback_data=f"amb|u16|{token}")],
            [InlineKeyboardButton(pipeline_texts.NO_RATHER_NOT_BUTTON, callback_data="amb|no")],
        ]
    )
    await reply_html(
        update,
        texts.WELCOME.format(
            school=html.escape(team.school), year=school_year_label(team.school_year)
        ),
        markup,
    )


async def start_parent(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    code = args_of(context)[0].removeprefix(PARENT_PREFIX) if args_of(context) else ""
    viewer = update.effective_user.id if update.effective_user else None
    name, team = await asyncio.to_thread(programme_of(context).consent.parent_preview, code, viewer)
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    pipeline_texts.YES_I_CONSENT_BUTTON, callback_data=f"amb|pok|{code}"
                )
            ],
            [InlineKeyboardButton(texts.BUTTON_PARENT_NO, callback_data=f"amb|pno|{code}")],
        ]
    )
    await reply_html(
        update,
        texts.PARENT_QUESTION.format(
            name=html.escape(name),
            school=html.escape(team.school),
            year=school_year_label(team.school_year),
        ),
        markup,
    )


async def on_agree(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """amb|ok|<token> (16 or older) or amb|u16|<token> (a parent confirms next)."""
    age, token = await pressed(update, context)
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    await drop_keyboard(update)
    enrolment = await asyncio.to_thread(
        programme_of(context).enrolment.enrol,
        token,
        user_id=user.id,
        chat_id=chat.id,
        first_name=user.first_name,
        under_16=age == "u16",
    )
    if enrolment.already:
        await reply_html(update, texts.ALREADY_ENROLLED)
    elif enrolment.parent_code:
        link = f"https://t.me/{context.bot.username}?start={PARENT_PREFIX}{enrolment.parent_code}"
        await reply_html(update, texts.ASK_YOUR_PARENT.format(days=PARENT_CODE_DAYS, link=link))
    else:
        sent = await reply_html(
            update, texts.WELCOME_ABOARD.format(name=html.escape(user.first_name)) + texts.HELP
        )
        if sent is not None:  # it shows the first name: /vergeet and /stop delete it again
            runtime = runtime_of(context)
            pseudonym = runtime.pseudonymiser.for_user("telegram", user.id)
            await asyncio.to_thread(
                record_message, runtime.privacy_context, pseudonym, chat.id, sent.message_id
            )


async def on_decline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """amb|no: the student would rather not; nothing was stored."""
    await pressed(update, context)
    await drop_keyboard(update)
    await reply_html(update, texts.DECLINED)


async def on_parent_decision(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """amb|pok|<code> or amb|pno|<code>: the parent's yes or no."""
    decision, code = await pressed(update, context)
    user = update.effective_user
    if user is None:
        return
    await drop_keyboard(update)
    agree = decision == "pok"
    name = await asyncio.to_thread(
        programme_of(context).consent.confirm_parent, code, parent_user_id=user.id, agree=agree
    )
    await reply_html(
        update,
        texts.PARENT_THANKS.format(name=html.escape(name)) if agree else texts.PARENT_DECLINED,
    )
