"""What the ambassador handlers share: the programme, numbers typed or pressed, and replies
that more than one handler sends (progress bar, task lines and buttons)."""

from __future__ import annotations

import contextlib
import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.ambassadors import texts
from bot.ambassadors.formats import format_day, format_hours
from bot.ambassadors.programme import AmbassadorProgramme
from bot.ambassadors.views import Progress, TaskView
from bot.core.errors import AmbassadorError
from bot.telegram.common import args_of, runtime_of

INVITE_PREFIX = "amb_"
PARENT_PREFIX = "ambp_"
BUTTONED_TASKS = 3


def programme_of(context: ContextTypes.DEFAULT_TYPE) -> AmbassadorProgramme:
    return runtime_of(context).ambassadors


def command_args(context: ContextTypes.DEFAULT_TYPE, usage: str, least: int = 1) -> list[str]:
    """The words after a command; fewer than ``least`` gets the command's usage as a refusal."""
    args = args_of(context)
    if len(args) < least:
        raise AmbassadorError(usage)
    return args


def number(text: str, what: str) -> int:
    """A task, team or ambassador number as typed ("12" or "#12") or carried by a button."""
    try:
        return int(text.lstrip("#"))
    except ValueError:
        raise AmbassadorError(texts.NOT_A_NUMBER.format(what=what)) from None


async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> tuple[str, ...]:
    """Acknowledge a pressed button; the groups its handler's pattern captured."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    if not context.matches:
        return ()
    return tuple(group or "" for group in context.matches[0].groups())


async def drop_keyboard(update: Update) -> None:
    # So an old choice cannot be pressed twice by accident.
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.edit_message_reply_markup(reply_markup=None)


def progress_text(progress: Progress) -> str:
    filled = min(10, progress.confirmed_minutes * 10 // progress.target_minutes)
    text = texts.PROGRESS_BAR.format(
        bar="▓" * filled + "░" * (10 - filled), hours=format_hours(progress.confirmed_minutes)
    )
    if progress.pending_minutes:
        text += texts.PROGRESS_PENDING.format(hours=format_hours(progress.pending_minutes))
    return text


def task_line(task: TaskView) -> str:
    day = format_day(task.due_date)
    return texts.TASK_LINE.format(
        id=task.id,
        title=html.escape(task.title),
        who="" if task.assignee_id is None else texts.TASK_LINE_FOR_YOU,
        when=(texts.TASK_LINE_OVERDUE if task.overdue else texts.TASK_LINE_DUE).format(day=day),
    )


def task_buttons(tasks: list[TaskView]) -> InlineKeyboardMarkup | None:
    rows = [
        [
            InlineKeyboardButton(
                texts.BUTTON_TASK_DONE.format(id=t.id), callback_data=f"amb|done|{t.id}"
            ),
            InlineKeyboardButton(
                texts.BUTTON_TASK_MORE.format(id=t.id), callback_data=f"amb|more|{t.id}"
            ),
        ]
        for t in tasks[:BUTTONED_TASKS]
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def done_text(task: TaskView) -> str:
    return texts.TASK_DONE.format(
        title=html.escape(task.title), hint=html.escape(task.title[:30].lower())
    )


def snoozed_text(task: TaskView) -> str:
    return texts.TASK_SNOOZED.format(title=html.escape(task.title), day=format_day(task.due_date))
