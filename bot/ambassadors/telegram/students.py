"""An ambassador's own commands (``/taken``, ``/uren`` …) and the buttons under their tasks.

Thin: parse, call the programme in a thread, answer. Refusals are
:class:`~bot.core.errors.AmbassadorError` with a Dutch message; :func:`bot.telegram.common.polite`
shows it.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.ambassadors import texts
from bot.ambassadors.certificate import certificate_pdf
from bot.ambassadors.formats import format_hours, parse_day, parse_hours
from bot.ambassadors.telegram.replies import (
    command_args,
    done_text,
    drop_keyboard,
    number,
    pressed,
    programme_of,
    progress_text,
    snoozed_text,
    task_buttons,
    task_line,
)
from bot.ambassadors.views import ACTIVE, BLOCKED
from bot.core.errors import AmbassadorError
from bot.telegram import handlers
from bot.telegram.common import args_of, reply_html

TASKS_SHOWN = 6
# More time, as buttons: days -> label.
SNOOZE_CHOICES = {3: texts.SNOOZE_3_DAYS, 7: texts.SNOOZE_1_WEEK, 14: texts.SNOOZE_2_WEEKS}

# ---------------------------------------------------------------------- commands


async def show_tasks(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    tasks = await asyncio.to_thread(programme_of(context).tasks.my_tasks, user.id)
    if not tasks:
        await reply_html(update, texts.NO_OPEN_TASKS)
        return
    lines = [texts.TASKS_TITLE, *(task_line(t) for t in tasks[:TASKS_SHOWN])]
    if len(tasks) > TASKS_SHOWN:
        lines.append(texts.TASKS_MORE_LATER.format(count=len(tasks) - TASKS_SHOWN))
    lines.append(texts.TASKS_HINT)
    await reply_html(update, "\n".join(lines), task_buttons(tasks))


async def on_tasks_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Wat moet ik doen?' from an ambassador; anyone else goes on to the young people's pipeline."""
    user = update.effective_user
    me = await asyncio.to_thread(programme_of(context).enrolment.me, user.id) if user else None
    if me is None or me.status not in {ACTIVE, BLOCKED}:
        await handlers.on_text(update, context)
        return
    await show_tasks(update, context)


async def task_done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    args = command_args(context, texts.USAGE_DONE)
    task = await asyncio.to_thread(
        programme_of(context).tasks.mark_done, user.id, number(args[0], texts.WHAT_TASK)
    )
    await reply_html(update, done_text(task))


async def task_snooze(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    args = command_args(context, texts.USAGE_SNOOZE, 2)
    programme = programme_of(context)
    new_due = await asyncio.to_thread(parse_day, " ".join(args[1:]), programme.today())
    task = await asyncio.to_thread(
        programme.tasks.snooze, user.id, number(args[0], texts.WHAT_TASK), new_due
    )
    await reply_html(update, snoozed_text(task))


async def log_hours(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    args = command_args(context, texts.USAGE_HOURS)
    minutes = parse_hours(args[0])
    words = args[1:]
    task_id = None
    if words and words[0].startswith("#"):  # "/uren 2 #12 ..." links the hours to task 12
        task_id = number(words[0], texts.WHAT_TASK)
        words = words[1:]
    progress = await asyncio.to_thread(
        programme_of(context).hours.log_hours, user.id, minutes, " ".join(words), task_id
    )
    await reply_html(
        update,
        texts.HOURS_LOGGED.format(hours=format_hours(minutes), progress=progress_text(progress)),
    )


async def show_progress(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    progress = await asyncio.to_thread(programme_of(context).hours.my_progress, user.id)
    extra = "\n" + texts.PROGRESS_REACHED if progress.reached else ""
    await reply_html(update, progress_text(progress) + extra)


async def ask_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    await asyncio.to_thread(
        programme_of(context).tasks.ask_coach, user.id, " ".join(args_of(context))
    )
    await reply_html(update, texts.QUESTION_PASSED_ON)


async def send_certificate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    programme = programme_of(context)
    cert = await asyncio.to_thread(programme.hours.my_certificate, user.id)
    if cert is None:
        progress = await asyncio.to_thread(programme.hours.my_progress, user.id)
        await reply_html(update, texts.CERTIFICATE_NOT_YET + progress_text(progress))
        return
    # About 0.1 s of CPU (fpdf2 reads the font): off the event loop, which answers everyone.
    pdf = await asyncio.to_thread(certificate_pdf, cert)
    await chat.send_document(
        pdf,
        filename=texts.CERTIFICATE_FILENAME,
        caption=texts.CERTIFICATE_CAPTION_STUDENT,
    )


async def ask_stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(texts.BUTTON_STOP, callback_data="amb|stop"),
                InlineKeyboardButton(texts.BUTTON_STAY, callback_data="amb|stay"),
            ]
        ]
    )
    await reply_html(update, texts.ASK_STOP, markup)


async def ambassador_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply_html(update, texts.HELP)


# ---------------------------------------------------------------------- buttons under tasks


async def on_done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """amb|done|<task>"""
    (task_id,) = await pressed(update, context)
    if update.effective_user is None:
        return
    task = await asyncio.to_thread(
        programme_of(context).tasks.mark_done,
        update.effective_user.id,
        number(task_id, texts.WHAT_TASK),
    )
    await reply_html(update, done_text(task))


async def on_more_time(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """amb|more|<task>: how much more time, as buttons."""
    (arg,) = await pressed(update, context)
    task_id = number(arg, texts.WHAT_TASK)
    rows = [
        [
            InlineKeyboardButton(label, callback_data=f"amb|snz|{task_id}|{days}")
            for days, label in SNOOZE_CHOICES.items()
        ]
    ]
    await reply_html(
        update, texts.HOW_MUCH_MORE_TIME.format(task=task_id), InlineKeyboardMarkup(rows)
    )


async def on_snooze(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """amb|snz|<task>|<days>: the chosen extra time, counted from the due date (or today)."""
    arg, days_text = await pressed(update, context)
    user = update.effective_user
    if user is None:
        return
    await drop_keyboard(update)
    programme = programme_of(context)
    task_id, days = number(arg, texts.WHAT_TASK), number(days_text, texts.WHAT_DAYS)
    if days not in SNOOZE_CHOICES:
        raise AmbassadorError(texts.STALE_BUTTON_TASKS)
    tasks = await asyncio.to_thread(programme.tasks.my_tasks, user.id)
    current = next((t for t in tasks if t.id == task_id), None)
    if current is None:
        raise AmbassadorError(texts.TASK_NOT_FOUND)
    base = max(current.due_date, programme.today())
    task = await asyncio.to_thread(
        programme.tasks.snooze, user.id, task_id, base + timedelta(days=days)
    )
    await reply_html(update, snoozed_text(task))


async def on_stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """amb|stop: the ambassador confirmed /stopambassadeur."""
    await pressed(update, context)
    if update.effective_user is None:
        return
    await drop_keyboard(update)
    await asyncio.to_thread(programme_of(context).consent.withdraw, update.effective_user.id)
    await reply_html(update, texts.STOPPED)


async def on_stay(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """amb|stay: not stopping after all."""
    await pressed(update, context)
    await drop_keyboard(update)
    await reply_html(update, texts.STAYING)


async def on_stale_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other amb|… (an old or altered button)."""
    await pressed(update, context)
    await reply_html(update, texts.STALE_BUTTON_TASKS)
