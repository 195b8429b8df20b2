"""Telegram handlers of the ambassador programme: students, their parents, and coaches.

One handler per command and per button pattern; the shared plumbing (the friendly refusal,
the server-side staff check, replies) comes from :mod:`bot.telegram.common`. Registered in
``bot/telegram/app.py`` *before* the young people's pipeline, which would otherwise take these
commands and texts to Rasa. Kept out of :mod:`bot.ambassadors` itself, which the action server
and the console import without python-telegram-bot.
"""

from __future__ import annotations

import functools

from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.ambassadors.telegram import coaches, enrolment, students
from bot.telegram.common import Handler, polite, staff_only

# Refusals on an ambassador's buttons are answered in the chat (they say what to type next).
friendly = functools.partial(polite, button_reply=True)

TASK_QUESTION = filters.Regex(
    r"(?i)^\s*(wat moet ik (nog )?doen|mijn taken|welke taken( heb ik)?)\s*[?!.]*\s*$"
)

STUDENT_COMMANDS: dict[str, Handler] = {
    "taken": students.show_tasks,
    "klaar": students.task_done,
    "uitstel": students.task_snooze,
    "uren": students.log_hours,
    "voortgang": students.show_progress,
    "vraag": students.ask_question,
    "certificaat": students.send_certificate,
    "stopambassadeur": students.ask_stop,
    "ambassadeur": students.ambassador_help,
}
STAFF_COMMANDS: dict[str, Handler] = {
    "ambnodig": coaches.staff_invite,
    "ambteams": coaches.staff_teams,
    "ambtaken": coaches.staff_tasks,
    "ambtaak": coaches.staff_add_task,
    "ambdatum": coaches.staff_change_date,
    "ambtitel": coaches.staff_change_title,
    "ambnaar": coaches.staff_reassign,
    "ambschrap": coaches.staff_cancel,
    "amburen": coaches.staff_hours,
    "ambcertificaat": coaches.staff_certificate,
    "ambweek": coaches.staff_summary,
    "ambjaarplan": coaches.staff_year_plan,
    "ambhulp": coaches.staff_help,
}
# Most specific first: the first matching pattern of a group handles the press.
STUDENT_BUTTONS: tuple[tuple[str, Handler], ...] = (
    (r"^amb\|(ok|u16)\|([^|]*)", enrolment.on_agree),
    (r"^amb\|no(?:\||$)", enrolment.on_decline),
    (r"^amb\|(pok|pno)\|([^|]*)", enrolment.on_parent_decision),
    (r"^amb\|done\|([^|]*)", students.on_done),
    (r"^amb\|more\|([^|]*)", students.on_more_time),
    (r"^amb\|snz\|([^|]*)\|([^|]*)$", students.on_snooze),
    (r"^amb\|stop(?:\||$)", students.on_stop),
    (r"^amb\|stay(?:\||$)", students.on_stay),
    (r"^amb\|", students.on_stale_button),
)
STAFF_BUTTONS: tuple[tuple[str, Handler], ...] = (
    (r"^ambs\|(hok|hno)\|([^|]*)$", coaches.on_hours_decision),
    (r"^ambs\|", coaches.on_stale_staff_button),
)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the handlers; call before the generic command/text/button handlers (same group)."""
    private = filters.ChatType.PRIVATE
    # Deep links first: "/start amb_<token>" (student) and "/start ambp_<code>" (parent); a
    # plain /start still goes to the young people's pipeline.
    app.add_handler(
        CommandHandler(
            "start",
            friendly(enrolment.start_parent),
            filters=private & filters.Regex(r"^/start ambp_"),
        )
    )
    app.add_handler(
        CommandHandler(
            "start",
            friendly(enrolment.start_invite),
            filters=private & filters.Regex(r"^/start amb_"),
        )
    )
    for name, handler in STUDENT_COMMANDS.items():
        app.add_handler(CommandHandler(name, friendly(handler), filters=private))
    for name, handler in STAFF_COMMANDS.items():
        app.add_handler(CommandHandler(name, friendly(staff_only(handler))))
    app.add_handler(
        MessageHandler(private & filters.TEXT & TASK_QUESTION, friendly(students.on_tasks_text))
    )
    for pattern, handler in STAFF_BUTTONS:
        app.add_handler(CallbackQueryHandler(friendly(staff_only(handler)), pattern=pattern))
    for pattern, handler in STUDENT_BUTTONS:
        app.add_handler(CallbackQueryHandler(friendly(handler), pattern=pattern))
