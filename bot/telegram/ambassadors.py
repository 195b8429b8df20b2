"""Telegram handlers of the ambassador programme: students (``/taken``, buttons) and coaches (``/amb…``).

Thin: parse, check the role, call :class:`~bot.services.ambassadors.AmbassadorService` in a
thread, answer. Registered in ``bot/telegram/app.py`` *before* the young people's pipeline,
which would otherwise take these commands and texts to Rasa.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
from datetime import timedelta

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.core.errors import AmbassadorError
from bot.ops.runtime import Runtime
from bot.privacy.directives import record_message
from bot.services.ambassador_text import format_day, format_hours, parse_day, parse_hours
from bot.services.ambassadors import AmbassadorService, Progress, TaskView
from bot.services.certificates import certificate_pdf
from bot.services.year_plan import plan_for, school_year_label, school_year_of
from bot.staff.members import is_staff
from bot.telegram import handlers
from bot.telegram.common import Handler, args_of, reply_html, runtime_of

log = logging.getLogger(__name__)


INVITE_PREFIX = "amb_"
PARENT_PREFIX = "ambp_"
TASKS_SHOWN = 6
BUTTONED_TASKS = 3
SNOOZE_DAYS = (3, 7, 14)

NOT_STAFF = "Dit commando is alleen voor medewerkers van Join us."

WELCOME = (
    "Hoi! 👋 Je bent uitgenodigd als <b>ambassadeur van Join us</b> voor {school} ({year}).\n\n"
    "Als ambassadeur loop je je maatschappelijke stage (30 uur) bij Join us: samen met twee "
    "andere leerlingen maak je Join us bekend op school. Ik help je daarbij: je ziet wat er "
    "op de planning staat, ik stuur je op tijd een seintje (niet 's nachts en niet onder "
    "schooltijd) en ik houd je uren bij. Je begeleider van Join us tekent je uren af.\n\n"
    "Daarvoor bewaar ik je <b>voornaam</b> en <b>deze Telegram-chat</b> (versleuteld). Je "
    "begeleider ziet je voornaam, je taken en je uren. Na het schooljaar (uiterlijk 31 augustus) "
    "wis ik je naam en chat. Stoppen kan altijd met /stopambassadeur.\n\n"
    "Is dat goed?"
)
HELP = (
    "Zo werkt het:\n"
    "• /taken — wat staat er op je planning?\n"
    "• /klaar 12 — taak 12 afvinken\n"
    "• /uitstel 12 30-10 — meer tijd voor taak 12\n"
    "• /uren 1,5 presentatie voorbereid — uren bijschrijven\n"
    "• /voortgang — hoeveel van je 30 uur heb je al?\n"
    "• /vraag … — een vraag aan je begeleider"
)
STAFF_HELP = (
    "Ambassadeurs — commando's voor medewerkers:\n"
    "/ambnodig <school> [jaar] — eenmalige uitnodigingslink (maakt het team + jaarplan)\n"
    "/ambteams [jaar] — teams per school, wie ingeschreven is, uren\n"
    "/ambtaken <team> — open taken van een team\n"
    "/ambtaak <team> <team|ambassadeur> <datum> <titel> — taak toevoegen\n"
    "/ambdatum <taak> <datum> · /ambtitel <taak> <titel> · /ambnaar <taak> <team|ambassadeur> · "
    "/ambschrap <taak>\n"
    "/amburen — uren die op bevestiging wachten\n"
    "/ambcertificaat <ambassadeur> — certificaat bij 30 bevestigde uren\n"
    "/ambweek <team> — weekoverzicht nu\n"
    "/ambjaarplan [jaar] — het jaarplan uit de handleiding met data"
)


# ---------------------------------------------------------------------- plumbing


def _service(context: ContextTypes.DEFAULT_TYPE) -> AmbassadorService:
    return runtime_of(context).ambassadors


def _is_staff_sync(runtime: Runtime, user_id: int) -> bool:
    """Admins from ADMIN_TELEGRAM_IDS, and staff registered through invites (leads feature)."""
    if user_id in runtime.settings.admin_ids:
        return True
    with runtime.database.session() as session:
        return is_staff(session, user_id)


async def _is_staff(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    return user is not None and await asyncio.to_thread(
        _is_staff_sync, runtime_of(context), user.id
    )


def _int(text: str, what: str) -> int:
    try:
        return int(text.lstrip("#"))
    except ValueError:
        raise AmbassadorError(f"{what} moet een nummer zijn, bijvoorbeeld 12.") from None


def _friendly(handler: Handler) -> Handler:
    """Our own errors become the Dutch message they carry; anything else goes to on_error."""

    async def wrapped(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await handler(update, context)
        except AmbassadorError as exc:
            if update.callback_query is not None:
                with contextlib.suppress(TelegramError):
                    await update.callback_query.answer()
            await reply_html(update, html.escape(str(exc)))

    wrapped.__name__ = handler.__name__
    return wrapped


def _staff_only(handler: Handler) -> Handler:
    async def wrapped(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if not await _is_staff(update, context):
            await reply_html(update, NOT_STAFF)
            return
        await handler(update, context)

    wrapped.__name__ = handler.__name__
    return _friendly(wrapped)


def _progress_text(progress: Progress) -> str:
    filled = min(10, progress.confirmed_minutes * 10 // progress.target_minutes)
    bar = "▓" * filled + "░" * (10 - filled)
    text = f"{bar} {format_hours(progress.confirmed_minutes)} van de 30 uur bevestigd"
    if progress.pending_minutes:
        text += f" (+{format_hours(progress.pending_minutes)} wacht op je begeleider)"
    return text


def _task_line(task: TaskView) -> str:
    when = f"vóór {format_day(task.due_date)}"
    if task.overdue:
        when = f"⚠️ was {format_day(task.due_date)}"
    who = "" if task.assignee_id is None else " (voor jou)"
    return f"<b>#{task.id}</b> {html.escape(task.title)}{who} — {when}"


def _task_buttons(tasks: list[TaskView]) -> InlineKeyboardMarkup | None:
    rows = [
        [
            InlineKeyboardButton(f"✅ #{t.id} klaar", callback_data=f"amb|done|{t.id}"),
            InlineKeyboardButton(f"⏰ #{t.id} meer tijd", callback_data=f"amb|more|{t.id}"),
        ]
        for t in tasks[:BUTTONED_TASKS]
    ]
    return InlineKeyboardMarkup(rows) if rows else None


# ---------------------------------------------------------------------- enrolment


async def start_invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    token = args_of(context)[0].removeprefix(INVITE_PREFIX) if args_of(context) else ""
    team = await asyncio.to_thread(_service(context).invite_team, token)
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Ja, ik ben 16 of ouder", callback_data=f"amb|ok|{token}")],
            [
                InlineKeyboardButton(
                    "Ja, maar ik ben jonger dan 16", callback_data=f"amb|u16|{token}"
                )
            ],
            [InlineKeyboardButton("Nee, liever niet", callback_data="amb|no")],
        ]
    )
    await reply_html(
        update,
        WELCOME.format(school=html.escape(team.school), year=school_year_label(team.school_year)),
        markup,
    )


async def start_parent(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    code = args_of(context)[0].removeprefix(PARENT_PREFIX) if args_of(context) else ""
    viewer = update.effective_user.id if update.effective_user else None
    name, team = await asyncio.to_thread(_service(context).parent_preview, code, viewer)
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Ja, ik geef toestemming", callback_data=f"amb|pok|{code}")],
            [InlineKeyboardButton("Nee", callback_data=f"amb|pno|{code}")],
        ]
    )
    await reply_html(
        update,
        f"Hallo! {html.escape(name)} wil ambassadeur van Join us worden op "
        f"{html.escape(team.school)} ({school_year_label(team.school_year)}): een maatschappelijke "
        "stage van 30 uur, begeleid door een groepsleider van Join us.\n\n"
        "Omdat je kind jonger is dan 16, vragen we jou als ouder of verzorger om toestemming. "
        "Wat we bewaren: de voornaam van je kind en de Telegram-chat met deze assistent "
        "(versleuteld), om herinneringen voor stagetaken te sturen. De begeleider ziet de voornaam, "
        "de taken en de uren. Na het schooljaar (uiterlijk 31 augustus) wissen we naam en chat. "
        "Intrekken kan altijd: je kind stuurt /stopambassadeur.\n\n"
        "Geef je toestemming?",
        markup,
    )


async def _enrol(
    update: Update, context: ContextTypes.DEFAULT_TYPE, token: str, under_16: bool
) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    enrolment = await asyncio.to_thread(
        _service(context).enrol,
        token,
        user_id=user.id,
        chat_id=chat.id,
        first_name=user.first_name,
        under_16=under_16,
    )
    if enrolment.already:
        await reply_html(
            update, "Je bent al ingeschreven als ambassadeur. Typ /taken voor je planning."
        )
    elif enrolment.parent_code:
        link = f"https://t.me/{context.bot.username}?start={PARENT_PREFIX}{enrolment.parent_code}"
        await reply_html(
            update,
            "Fijn dat je meedoet! 🙌 Omdat je jonger bent dan 16, moet een ouder of verzorger "
            "eerst toestemming geven. Stuur deze link naar je ouder (hij werkt 14 dagen):\n\n"
            f"{link}\n\nZodra die heeft bevestigd, stuur ik je een berichtje.",
        )
    else:
        sent = await reply_html(
            update,
            f"Welkom als ambassadeur van Join us, {html.escape(user.first_name)}! 🎉\n"
            "Je begeleider weet dat je erbij bent.\n\n" + HELP,
        )
        if sent is not None:  # it shows the first name: /vergeet and /stop delete it again
            runtime = runtime_of(context)
            pseudonym = runtime.pseudonymiser.for_user("telegram", user.id)
            await asyncio.to_thread(
                record_message, runtime.privacy_context, pseudonym, chat.id, sent.message_id
            )


# ---------------------------------------------------------------------- ambassador commands


async def show_tasks(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    tasks = await asyncio.to_thread(_service(context).my_tasks, user.id)
    if not tasks:
        await reply_html(update, "Je hebt nu geen open taken. Lekker bezig! 🙌")
        return
    lines = ["<b>Jouw planning</b>", *(_task_line(t) for t in tasks[:TASKS_SHOWN])]
    if len(tasks) > TASKS_SHOWN:
        lines.append(f"…en nog {len(tasks) - TASKS_SHOWN} later dit schooljaar.")
    lines.append(
        "\nAfvinken: /klaar 12 · Meer tijd: /uitstel 12 30-10 · Uren: /uren 1,5 wat je deed"
    )
    await reply_html(update, "\n".join(lines), _task_buttons(tasks))


async def on_tasks_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """'Wat moet ik doen?' from an ambassador; anyone else goes on to the young people's pipeline."""
    user = update.effective_user
    me = await asyncio.to_thread(_service(context).me, user.id) if user else None
    if me is None or me.status not in {"active", "blocked"}:
        await handlers.on_text(update, context)
        return
    await show_tasks(update, context)


async def task_done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, args = update.effective_user, args_of(context)
    if user is None:
        return
    if not args:
        raise AmbassadorError(
            "Welke taak? Typ bijvoorbeeld /klaar 12 (het nummer staat bij /taken)."
        )
    task = await asyncio.to_thread(
        _service(context).mark_done, user.id, _int(args[0], "Het taaknummer")
    )
    await reply_html(update, _done_text(task))


def _done_text(task: TaskView) -> str:
    return (
        f"Top, afgevinkt: {html.escape(task.title)} 🎉\n"
        "Schrijf je ook je uren bij? Bijvoorbeeld: /uren 2 " + html.escape(task.title[:30].lower())
    )


async def task_snooze(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, args = update.effective_user, args_of(context)
    if user is None:
        return
    if len(args) < 2:
        raise AmbassadorError(
            "Typ het taaknummer en de nieuwe datum, bijvoorbeeld: /uitstel 12 30-10"
        )
    service = _service(context)
    new_due = parse_day(args[1], service.today())
    task = await asyncio.to_thread(
        service.snooze, user.id, _int(args[0], "Het taaknummer"), new_due
    )
    await reply_html(update, _snoozed_text(task))


def _snoozed_text(task: TaskView) -> str:
    return (
        f"Oké! Nieuwe datum voor {html.escape(task.title)}: {format_day(task.due_date)}. "
        "Ik heb je begeleider even laten weten dat je wat meer tijd hebt."
    )


async def log_hours(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, args = update.effective_user, args_of(context)
    if user is None:
        return
    if not args:
        raise AmbassadorError(
            "Typ je uren en wat je deed, bijvoorbeeld: /uren 1,5 presentatie voorbereid"
        )
    minutes = parse_hours(args[0])
    words = args[1:]
    task_id = None
    if words and words[0].startswith("#"):  # "/uren 2 #12 ..." links the hours to task 12
        task_id = _int(words[0], "Het taaknummer")
        words = words[1:]
    progress = await asyncio.to_thread(
        _service(context).log_hours, user.id, minutes, " ".join(words), task_id
    )
    await reply_html(
        update,
        f"Genoteerd: {format_hours(minutes)} uur. Je begeleider bevestigt ze.\n{_progress_text(progress)}",
    )


async def show_progress(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    progress = await asyncio.to_thread(_service(context).my_progress, user.id)
    extra = "\nJe hebt de 30 uur gehaald! 🎉" if progress.reached else ""
    await reply_html(update, _progress_text(progress) + extra)


async def ask_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user = update.effective_user
    if user is None:
        return
    await asyncio.to_thread(_service(context).ask_coach, user.id, " ".join(args_of(context)))
    await reply_html(
        update, "Ik heb je vraag doorgestuurd naar je begeleider. Die neemt contact met je op. 👍"
    )


async def send_certificate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    cert = await asyncio.to_thread(_service(context).my_certificate, user.id)
    if cert is None:
        progress = await asyncio.to_thread(_service(context).my_progress, user.id)
        await reply_html(update, "Je certificaat is er nog niet. " + _progress_text(progress))
        return
    pdf = certificate_pdf(
        cert.first_name, cert.school, cert.school_year, cert.confirmed_minutes, cert.issued_on
    )
    await chat.send_document(
        pdf,
        filename="certificaat-ambassadeur-join-us.pdf",
        caption="Je certificaat ‘Ambassadeur Join us’. Trots op je! 🎉",
    )


async def ask_stop(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Ja, ik stop", callback_data="amb|stop"),
                InlineKeyboardButton("Nee, ik ga door", callback_data="amb|stay"),
            ]
        ]
    )
    await reply_html(
        update,
        "Wil je stoppen als ambassadeur? Dan wis ik je naam en deze chat en stuur ik geen "
        "herinneringen meer. Je begeleider krijgt een berichtje.",
        markup,
    )


async def ambassador_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply_html(update, HELP)


# ---------------------------------------------------------------------- ambassador buttons


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    await query.answer()
    parts = (query.data or "").split("|")
    action, arg = parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else ""
    service = _service(context)
    if action in {"ok", "u16"}:
        await _drop_keyboard(update)
        await _enrol(update, context, arg, under_16=action == "u16")
    elif action == "no":
        await _drop_keyboard(update)
        await reply_html(
            update,
            "Helemaal goed! Ik heb niets van je bewaard. Bedenk je je? Open de link dan opnieuw.",
        )
    elif action in {"pok", "pno"}:
        await _drop_keyboard(update)
        name = await asyncio.to_thread(
            service.confirm_parent, arg, parent_user_id=user.id, agree=action == "pok"
        )
        if action == "pok":
            await reply_html(
                update, f"Dank je wel! {html.escape(name)} kan nu aan de slag als ambassadeur. 🎉"
            )
        else:
            await reply_html(
                update, "Duidelijk. We hebben de aanmelding en de gegevens van je kind gewist."
            )
    elif action == "done":
        task = await asyncio.to_thread(service.mark_done, user.id, _int(arg, "Het taaknummer"))
        await reply_html(update, _done_text(task))
    elif action == "more":
        task_id = _int(arg, "Het taaknummer")
        rows = [
            [
                InlineKeyboardButton(_days_label(d), callback_data=f"amb|snz|{task_id}|{d}")
                for d in SNOOZE_DAYS
            ]
        ]
        await reply_html(
            update,
            f"Hoeveel extra tijd heb je nodig? Of kies zelf een datum: /uitstel {task_id} 30-10",
            InlineKeyboardMarkup(rows),
        )
    elif action == "snz" and len(parts) == 4:
        await _drop_keyboard(update)
        task_id, days = _int(arg, "Het taaknummer"), _int(parts[3], "Het aantal dagen")
        if days not in SNOOZE_DAYS:
            raise AmbassadorError("Die knop werkt niet meer. Typ /taken.")
        current = next(
            (t for t in await asyncio.to_thread(service.my_tasks, user.id) if t.id == task_id), None
        )
        if current is None:
            raise AmbassadorError(
                "Die taak kan ik niet vinden (of hij is al klaar). Kijk even bij /taken."
            )
        base = max(current.due_date, service.today())
        task = await asyncio.to_thread(
            service.snooze, user.id, task_id, base + timedelta(days=days)
        )
        await reply_html(update, _snoozed_text(task))
    elif action == "stop":
        await _drop_keyboard(update)
        await asyncio.to_thread(service.withdraw, user.id)
        await reply_html(
            update,
            "Je bent uitgeschreven en ik heb je naam en chat gewist. Bedankt voor je inzet! 💛",
        )
    elif action == "stay":
        await _drop_keyboard(update)
        await reply_html(update, "Fijn! Typ /taken om verder te gaan.")
    else:
        await reply_html(update, "Deze knop werkt niet meer. Typ /taken.")


def _days_label(days: int) -> str:
    return {3: "+3 dagen", 7: "+1 week", 14: "+2 weken"}.get(days, f"+{days} dagen")


async def _drop_keyboard(update: Update) -> None:
    # So an old choice cannot be pressed twice by accident.
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.edit_message_reply_markup(reply_markup=None)


# ---------------------------------------------------------------------- staff


def _who(text: str) -> int | None:
    return None if text.lower() == "team" else _int(text, "De ambassadeur")


async def staff_invite(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args, chat = args_of(context), update.effective_chat
    if not args or chat is None or update.effective_user is None:
        raise AmbassadorError("Gebruik: /ambnodig <naam van de school> [startjaar, bv. 2025]")
    year = None
    if len(args) > 1 and args[-1][:4].isdigit() and len(args[-1]) in {4, 9}:
        year, args = int(args[-1][:4]), args[:-1]
    # The coach's private chat gets notices and summaries (chat id == user id in private).
    invite = await asyncio.to_thread(
        _service(context).create_invite,
        " ".join(args),
        coach_chat_id=update.effective_user.id,
        school_year=year,
    )
    link = f"https://t.me/{context.bot.username}?start={INVITE_PREFIX}{invite.token}"
    await reply_html(
        update,
        f"Uitnodiging voor één ambassadeur van {html.escape(invite.school)} "
        f"({school_year_label(invite.school_year)}, team {invite.team_id}), geldig tot "
        f"{format_day(_service(context).local_day(invite.expires_at))}:\n{link}\n"
        "Eén link per leerling; maak er voor elke ambassadeur een.",
    )


async def staff_teams(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    year = _int(args[0][:4], "Het jaar") if args else None
    teams = await asyncio.to_thread(_service(context).teams, year)
    if not teams:
        await reply_html(
            update, "Nog geen ambassadeursteams dit schooljaar. Maak er een met /ambnodig <school>."
        )
        return
    lines = []
    for overview in teams:
        lines.append(
            f"<b>Team {overview.team.id}: {html.escape(overview.team.label)}</b> — "
            f"{overview.open_tasks} open taken, {overview.overdue_tasks} te laat"
        )
        for amb in overview.ambassadors:
            cert = " 🎓" if amb.certificate_issued else ""
            lines.append(
                f"  {amb.id}. {html.escape(amb.display_name)} [{amb.status}] "
                f"{format_hours(amb.confirmed_minutes)} uur bevestigd"
                f"{f', {format_hours(amb.pending_minutes)} wacht' if amb.pending_minutes else ''}{cert}"
            )
        if not overview.ambassadors:
            lines.append("  (nog niemand ingeschreven)")
    await reply_html(update, "\n".join(lines))


async def staff_tasks(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    if not args:
        raise AmbassadorError("Gebruik: /ambtaken <team>")
    tasks = await asyncio.to_thread(_service(context).team_tasks, _int(args[0], "Het team"))
    lines = [
        f"#{t.id} {html.escape(t.title)} — {format_day(t.due_date)}"
        f" — {html.escape(t.assignee_name) if t.assignee_name else 'hele team'}"
        f"{' ⚠️ te laat' if t.overdue else ''}"
        for t in tasks
    ]
    await reply_html(update, "\n".join(lines) or "Geen open taken.")


async def staff_add_task(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    if len(args) < 4:
        raise AmbassadorError("Gebruik: /ambtaak <team> <team|ambassadeur> <datum> <titel>")
    service = _service(context)
    task = await asyncio.to_thread(
        service.add_task,
        _int(args[0], "Het team"),
        " ".join(args[3:]),
        parse_day(args[2], service.today()),
        assignee_id=_who(args[1]),
    )
    await reply_html(
        update,
        f"Taak #{task.id} toegevoegd: {html.escape(task.title)} ({format_day(task.due_date)}).",
    )


async def staff_change_date(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    if len(args) < 2:
        raise AmbassadorError("Gebruik: /ambdatum <taak> <datum>")
    service = _service(context)
    task = await asyncio.to_thread(
        service.change_task, _int(args[0], "De taak"), due=parse_day(args[1], service.today())
    )
    await reply_html(update, f"Taak #{task.id} staat nu op {format_day(task.due_date)}.")


async def staff_change_title(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    if len(args) < 2:
        raise AmbassadorError("Gebruik: /ambtitel <taak> <nieuwe titel>")
    task = await asyncio.to_thread(
        _service(context).change_task, _int(args[0], "De taak"), title=" ".join(args[1:])
    )
    await reply_html(update, f"Taak #{task.id} heet nu: {html.escape(task.title)}")


async def staff_reassign(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    if len(args) < 2:
        raise AmbassadorError("Gebruik: /ambnaar <taak> <team|ambassadeur>")
    task = await asyncio.to_thread(
        _service(context).reassign_task, _int(args[0], "De taak"), _who(args[1])
    )
    who = html.escape(task.assignee_name) if task.assignee_name else "het hele team"
    await reply_html(update, f"Taak #{task.id} is nu voor {who}.")


async def staff_cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    if not args:
        raise AmbassadorError("Gebruik: /ambschrap <taak>")
    task = await asyncio.to_thread(_service(context).cancel_task, _int(args[0], "De taak"))
    await reply_html(update, f"Taak #{task.id} ({html.escape(task.title)}) is geschrapt.")


async def staff_hours(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    entries = await asyncio.to_thread(_service(context).pending_hours)
    if not entries:
        await reply_html(update, "Er wachten geen uren op bevestiging.")
        return
    for entry in entries[:20]:
        await reply_html(
            update,
            f"{html.escape(entry.ambassador_name)} ({html.escape(entry.school)}): "
            f"{format_hours(entry.minutes)} uur — {html.escape(entry.activity)}",
            InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton("Bevestigen", callback_data=f"ambs|hok|{entry.id}"),
                        InlineKeyboardButton("Afwijzen", callback_data=f"ambs|hno|{entry.id}"),
                    ]
                ]
            ),
        )


async def staff_certificate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args, chat = args_of(context), update.effective_chat
    if not args or chat is None:
        raise AmbassadorError("Gebruik: /ambcertificaat <ambassadeur>")
    cert = await asyncio.to_thread(
        _service(context).issue_certificate, _int(args[0], "De ambassadeur")
    )
    pdf = certificate_pdf(
        cert.first_name, cert.school, cert.school_year, cert.confirmed_minutes, cert.issued_on
    )
    await chat.send_document(
        pdf,
        filename="certificaat-ambassadeur-join-us.pdf",
        caption=f"Certificaat voor {cert.first_name} ({cert.school}). De ambassadeur kan het ook zelf ophalen met /certificaat.",
    )


async def staff_summary(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    if not args:
        raise AmbassadorError("Gebruik: /ambweek <team>")
    text = await asyncio.to_thread(_service(context).summary_text, _int(args[0], "Het team"))
    await reply_html(update, text)


async def staff_year_plan(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    args = args_of(context)
    year = _int(args[0][:4], "Het jaar") if args else school_year_of(_service(context).today())
    lines = [f"<b>Jaarplan ambassadeurs {school_year_label(year)}</b> (handleiding, bijlage 5)"]
    for item in plan_for(year):
        owner = "begeleider" if item.owner == "coach" else "ambassadeurs"
        lines.append(
            f"{item.period} → {format_day(item.due_date)} [{owner}]: {html.escape(item.title)}"
        )
    await reply_html(update, "\n".join(lines))


async def staff_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await reply_html(update, html.escape(STAFF_HELP))


async def on_staff_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    # Server-side role check: callback data alone never grants anything.
    if not await _is_staff(update, context):
        await query.answer(NOT_STAFF, show_alert=True)
        return
    await query.answer()
    parts = (query.data or "").split("|")
    if len(parts) == 3 and parts[1] in {"hok", "hno"}:
        view, progress = await asyncio.to_thread(
            _service(context).decide_hours,
            _int(parts[2], "De urenregel"),
            confirm=parts[1] == "hok",
        )
        await _drop_keyboard(update)
        verdict = {"confirmed": "bevestigd", "rejected": "afgewezen"}.get(view.status, view.status)
        extra = (
            f" Klaar voor het certificaat: /ambcertificaat {view.ambassador_id}"
            if progress.reached
            else ""
        )
        await reply_html(
            update,
            f"{format_hours(view.minutes)} uur van {html.escape(view.ambassador_name)} {verdict}. "
            f"Totaal bevestigd: {format_hours(progress.confirmed_minutes)} van 30.{extra}",
        )
    else:
        await reply_html(update, "Deze knop werkt niet meer.")


# ---------------------------------------------------------------------- registration

TASK_QUESTION = filters.Regex(
    r"(?i)^\s*(wat moet ik (nog )?doen|mijn taken|welke taken( heb ik)?)\s*[?!.]*\s*$"
)


def register(app: Application) -> None:  # type: ignore[type-arg]
    """Add the handlers; call before the generic command/text/button handlers (same group)."""
    private = filters.ChatType.PRIVATE
    # Deep links first: "/start amb_<token>" (student) and "/start ambp_<code>" (parent); a
    # plain /start still goes to the young people's pipeline.
    app.add_handler(
        CommandHandler(
            "start", _friendly(start_parent), filters=private & filters.Regex(r"^/start ambp_")
        )
    )
    app.add_handler(
        CommandHandler(
            "start", _friendly(start_invite), filters=private & filters.Regex(r"^/start amb_")
        )
    )
    ambassador_commands: dict[str, Handler] = {
        "taken": show_tasks,
        "klaar": task_done,
        "uitstel": task_snooze,
        "uren": log_hours,
        "voortgang": show_progress,
        "vraag": ask_question,
        "certificaat": send_certificate,
        "stopambassadeur": ask_stop,
        "ambassadeur": ambassador_help,
    }
    for name, handler in ambassador_commands.items():
        app.add_handler(CommandHandler(name, _friendly(handler), filters=private))
    staff_commands: dict[str, Handler] = {
        "ambnodig": staff_invite,
        "ambteams": staff_teams,
        "ambtaken": staff_tasks,
        "ambtaak": staff_add_task,
        "ambdatum": staff_change_date,
        "ambtitel": staff_change_title,
        "ambnaar": staff_reassign,
        "ambschrap": staff_cancel,
        "amburen": staff_hours,
        "ambcertificaat": staff_certificate,
        "ambweek": staff_summary,
        "ambjaarplan": staff_year_plan,
        "ambhulp": staff_help,
    }
    for name, handler in staff_commands.items():
        app.add_handler(CommandHandler(name, _staff_only(handler)))
    app.add_handler(
        MessageHandler(private & filters.TEXT & TASK_QUESTION, _friendly(on_tasks_text))
    )
    app.add_handler(CallbackQueryHandler(_friendly(on_staff_button), pattern=r"^ambs\|"))
    app.add_handler(CallbackQueryHandler(_friendly(on_button), pattern=r"^amb\|"))
