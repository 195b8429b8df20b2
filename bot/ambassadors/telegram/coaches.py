"""Coaches' and staff's commands (``/amb…``) and the confirm/reject buttons under logged hours.

Registered behind :func:`bot.telegram.common.staff_only`: the role is checked on the server for
every command and every button press.
"""

from __future__ import annotations

import asyncio
import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot.ambassadors import texts
from bot.ambassadors.certificate import certificate_pdf
from bot.ambassadors.formats import format_day, format_hours, parse_day, split_day
from bot.ambassadors.telegram.replies import (
    INVITE_PREFIX,
    command_args,
    drop_keyboard,
    number,
    pressed,
    programme_of,
)
from bot.ambassadors.views import TeamOverview
from bot.ambassadors.year_plan import plan_for, school_year_label, school_year_of
from bot.core.errors import AmbassadorError
from bot.pipeline import texts as pipeline_texts
from bot.telegram.common import args_of, reply_html

HOURS_SHOWN = 20


def _who(text: str) -> int | None:
    return None if text.lower() == "team" else number(text, texts.WHAT_AMBASSADOR)


async def staff_invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args, chat = args_of(context), update.effective_chat
    if not args or chat is None or update.effective_user is None:
        raise AmbassadorError(texts.USAGE_INVITE)
    year = None
    if len(args) > 1 and args[-1][:4].isdigit() and len(args[-1]) in {4, 9}:
        year, args = int(args[-1][:4]), args[:-1]
    programme = programme_of(context)
    # The coach's private chat gets notices and summaries (chat id == user id in private).
    invite = await asyncio.to_thread(
        programme.enrolment.create_invite,
        " ".join(args),
        coach_chat_id=update.effective_user.id,
        school_year=year,
    )
    await reply_html(
        update,
        texts.INVITE_MADE.format(
            school=html.escape(invite.school),
            year=school_year_label(invite.school_year),
            team=invite.team_id,
            until=format_day(programme.local_day(invite.expires_at)),
            link=f"https://t.me/{context.bot.username}?start={INVITE_PREFIX}{invite.token}",
        ),
    )


def _team_lines(overview: TeamOverview) -> list[str]:
    lines = [
        texts.TEAM_LINE.format(
            id=overview.team.id,
            label=html.escape(overview.team.label),
            open=overview.open_tasks,
            overdue=overview.overdue_tasks,
        )
    ]
    for amb in overview.ambassadors:
        lines.append(
            texts.TEAM_MEMBER_LINE.format(
                id=amb.id,
                name=html.escape(amb.display_name),
                status=amb.status,
                hours=format_hours(amb.confirmed_minutes),
                pending=(
                    texts.TEAM_MEMBER_PENDING.format(hours=format_hours(amb.pending_minutes))
                    if amb.pending_minutes
                    else ""
                ),
                cert=texts.TEAM_MEMBER_CERTIFICATE if amb.certificate_issued else "",
            )
        )
    if not overview.ambassadors:
        lines.append(texts.SUMMARY_NOBODY)
    return lines


async def staff_teams(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    year = number(args[0][:4], texts.WHAT_YEAR) if args else None
    teams = await asyncio.to_thread(programme_of(context).staff_views.teams, year)
    if not teams:
        await reply_html(update, texts.NO_TEAMS)
        return
    await reply_html(update, "\n".join(line for team in teams for line in _team_lines(team)))


async def staff_tasks(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = command_args(context, texts.USAGE_TEAM_TASKS)
    tasks = await asyncio.to_thread(
        programme_of(context).tasks.team_tasks, number(args[0], texts.WHAT_TEAM)
    )
    lines = [
        texts.TEAM_TASK_LINE.format(
            id=t.id,
            title=html.escape(t.title),
            day=format_day(t.due_date),
            who=html.escape(t.assignee_name) if t.assignee_name else texts.WHOLE_TEAM_SHORT,
            late=texts.TEAM_TASK_LATE if t.overdue else "",
        )
        for t in tasks
    ]
    await reply_html(update, "\n".join(lines) or texts.NO_TEAM_TASKS)


async def staff_add_task(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = command_args(context, texts.USAGE_ADD_TASK, 4)
    programme = programme_of(context)
    # The date may be several words ("vrijdag 24 oktober"); the title is what follows it.
    due, title = await asyncio.to_thread(split_day, args[2:], programme.today())
    task = await asyncio.to_thread(
        programme.tasks.add_task,
        number(args[0], texts.WHAT_TEAM),
        title,
        due,
        assignee_id=_who(args[1]),
    )
    await reply_html(
        update,
        texts.TASK_ADDED.format(
            id=task.id, title=html.escape(task.title), day=format_day(task.due_date)
        ),
    )


async def staff_change_date(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = command_args(context, texts.USAGE_CHANGE_DATE, 2)
    programme = programme_of(context)
    due = await asyncio.to_thread(parse_day, " ".join(args[1:]), programme.today())
    task = await asyncio.to_thread(
        programme.tasks.change_task, number(args[0], texts.WHAT_THE_TASK), due=due
    )
    await reply_html(update, texts.TASK_MOVED.format(id=task.id, day=format_day(task.due_date)))


async def staff_change_title(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = command_args(context, texts.USAGE_CHANGE_TITLE, 2)
    task = await asyncio.to_thread(
        programme_of(context).tasks.change_task,
        number(args[0], texts.WHAT_THE_TASK),
        title=" ".join(args[1:]),
    )
    await reply_html(update, texts.TASK_RENAMED.format(id=task.id, title=html.escape(task.title)))


async def staff_reassign(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = command_args(context, texts.USAGE_REASSIGN, 2)
    task = await asyncio.to_thread(
        programme_of(context).tasks.reassign_task,
        number(args[0], texts.WHAT_THE_TASK),
        _who(args[1]),
    )
    who = html.escape(task.assignee_name) if task.assignee_name else texts.WHOLE_TEAM
    await reply_html(update, texts.TASK_REASSIGNED.format(id=task.id, who=who))


async def staff_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = command_args(context, texts.USAGE_CANCEL)
    task = await asyncio.to_thread(
        programme_of(context).tasks.cancel_task, number(args[0], texts.WHAT_THE_TASK)
    )
    await reply_html(update, texts.TASK_CANCELLED.format(id=task.id, title=html.escape(task.title)))


async def staff_hours(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    entries = await asyncio.to_thread(programme_of(context).hours.pending_hours)
    if not entries:
        await reply_html(update, texts.NO_HOURS_WAITING)
        return
    for entry in entries[:HOURS_SHOWN]:
        await reply_html(
            update,
            texts.HOURS_WAITING_LINE.format(
                name=html.escape(entry.ambassador_name),
                school=html.escape(entry.school),
                hours=format_hours(entry.minutes),
                activity=html.escape(entry.activity),
            ),
            InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            texts.BUTTON_CONFIRM, callback_data=f"ambs|hok|{entry.id}"
                        ),
                        InlineKeyboardButton(
                            texts.BUTTON_REJECT, callback_data=f"ambs|hno|{entry.id}"
                        ),
                    ]
                ]
            ),
        )


async def staff_certificate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args, chat = command_args(context, texts.USAGE_CERTIFICATE), update.effective_chat
    if chat is None:
        return
    cert = await asyncio.to_thread(
        programme_of(context).hours.issue_certificate, number(args[0], texts.WHAT_AMBASSADOR)
    )
    # About 0.1 s of CPU (fpdf2 reads the font): off the event loop, which answers everyone.
    pdf = await asyncio.to_thread(certificate_pdf, cert)
    await chat.send_document(
        pdf,
        filename=texts.CERTIFICATE_FILENAME,
        caption=texts.CERTIFICATE_CAPTION_COACH.format(name=cert.first_name, school=cert.school),
    )


async def staff_summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = command_args(context, texts.USAGE_SUMMARY)
    text = await asyncio.to_thread(
        programme_of(context).summaries.summary_text, number(args[0], texts.WHAT_TEAM)
    )
    await reply_html(update, text)


async def staff_year_plan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    year = (
        number(args[0][:4], texts.WHAT_YEAR)
        if args
        else school_year_of(programme_of(context).today())
    )
    lines = [texts.YEAR_PLAN_TITLE.format(year=school_year_label(year))]
    for item in plan_for(year):
        lines.append(
            texts.YEAR_PLAN_LINE.format(
                period=item.period,
                day=format_day(item.due_date),
                owner=texts.OWNER_COACH if item.owner == "coach" else texts.OWNER_AMBASSADORS,
                title=html.escape(item.title),
            )
        )
    await reply_html(update, "\n".join(lines))


async def staff_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply_html(update, texts.STAFF_HELP)


async def on_hours_decision(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """ambs|hok|<entry> or ambs|hno|<entry>: the coach confirms or rejects logged hours."""
    decision, entry = await pressed(update, context)
    view, progress = await asyncio.to_thread(
        programme_of(context).hours.decide_hours,
        number(entry, texts.WHAT_HOURS_ENTRY),
        confirm=decision == "hok",
    )
    await drop_keyboard(update)
    verdict = texts.VERDICTS.get(view.status, view.status)
    extra = texts.READY_FOR_CERTIFICATE.format(id=view.ambassador_id) if progress.reached else ""
    await reply_html(
        update,
        texts.HOURS_DECIDED.format(
            hours=format_hours(view.minutes),
            name=html.escape(view.ambassador_name),
            verdict=verdict,
            total=format_hours(progress.confirmed_minutes),
            extra=extra,
        ),
    )


async def on_stale_staff_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any other ambs|… (an old or altered button)."""
    await pressed(update, context)
    await reply_html(update, pipeline_texts.STALE_BUTTON)
