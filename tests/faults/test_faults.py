"""Fault injection against the real three processes (production mode) and the fake Bot API.

Each test breaks something in the middle of a journey: kill -9 of the bot, the action server
or Rasa; Telegram answering 429, 500 or nothing; the database locked for 10 s; Rasa hanging.
The supervisor must bring the stack back by itself, and in the end no lead, consent or
reminder is lost or duplicated, and every person got an answer or a friendly "even niet
bereikbaar". The tests share one running stack (Rasa starts once) and run in file order.
"""

from __future__ import annotations

import re
import sqlite3
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from tests.faults.flows import (
    PARENT_DONE,
    PARENT_TURN,
    SENT,
    cards,
    finish_interest,
    interest_until,
    parent_code,
    step,
)
from tests.faults.stack import ADMIN, STAFF_GROUP, UNAVAILABLE, Stack

CRISIS = "ik wil niet meer leven"
OLDER, YOUNGER = "16 of 17", "12 t/m 15"


def _crisis_within(stack: Stack, user: int, seconds: float) -> float:
    """Seconds until the crisis reply arrived (it must be the person's first message)."""
    before = len(stack.api.sent_messages(user))
    begin = time.monotonic()
    stack.api.push_text(user, CRISIS)
    messages = stack.api.wait_for_messages(user, before + 1, seconds)
    took = time.monotonic() - begin
    assert "113" in str(messages[before]["text"])
    return took


def _lead_done(stack: Stack, text: str) -> None:
    assert SENT in text or PARENT_DONE in text or PARENT_TURN in text, text
    stack.leads_done += 1


def test_bot_killed_mid_interest_flow(stack: Stack) -> None:
    user = 7001
    interest_until(stack, user, OLDER, stop_at="contact met je opneemt")
    old = stack.kill9("bot")
    stack.faults.append("kill -9 bot (interest flow)")
    stack.wait_restarted("bot", old)
    _lead_done(stack, finish_interest(stack, user, OLDER))
    assert SENT in stack.texts(user)[-1]


def test_action_server_killed_mid_interest_flow(stack: Stack) -> None:
    user = 7002
    interest_until(stack, user, OLDER, stop_at="gemeente")
    old = stack.kill9("actions")
    stack.faults.append("kill -9 action server (interest flow)")
    step(stack, user, "say", "Veghel")  # kindly refused while down, then accepted
    stack.wait_restarted("actions", old)
    _lead_done(stack, finish_interest(stack, user, OLDER))
    assert SENT in stack.texts(user)[-1]


def test_parent_confirmation_survives_action_server_and_bot_kills(stack: Stack) -> None:
    child, parent = 7003, 7004
    interest_until(stack, child, YOUNGER)
    assert PARENT_TURN in stack.texts(child)[-1]
    code = parent_code(stack, child)
    step(stack, parent, "say", f"/start ouder_{code}")
    assert "telefoonnummer of e-mailadres" in stack.texts(parent)[-1]
    old = stack.kill9("actions")
    stack.faults.append("kill -9 action server (parent confirmation)")
    step(stack, parent, "say", "0612345678")
    stack.wait_restarted("actions", old)
    assert any("ik geef toestemming" in b for b in stack.buttons(parent)), stack.texts(parent)[-2:]
    old = stack.kill9("bot")
    stack.faults.append("kill -9 bot (parent confirmation)")
    stack.wait_restarted("bot", old)
    step(stack, parent, "press", "ik geef toestemming")
    assert PARENT_DONE in stack.texts(parent)[-1]
    _lead_done(stack, stack.texts(parent)[-1])
    (lead,) = stack.rows("SELECT MAX(lead_id) FROM lead_consents WHERE given_by = 'parent'")[0]
    assert stack.count("lead_consents", f"lead_id = {lead} AND given_by = 'parent'") == 1


def _enrol_ambassador(stack: Stack, user: int) -> int:
    replies = "\n".join(str(m["text"]) for m in stack.say(ADMIN, "/ambnodig Fouten-college 2026"))
    token = re.search(r"start=amb_([A-Za-z0-9_-]+)", replies)  # an admin alert may come too
    assert token, replies
    stack.say(user, f"/start amb_{token.group(1)}")
    stack.press(user, "16 of ouder")
    (ambassador_id,) = stack.rows("SELECT MAX(id) FROM amb_ambassadors")[0]
    return int(ambassador_id)


def test_reminder_run_survives_a_bot_kill(stack: Stack) -> None:
    user = 7005
    ambassador = _enrol_ambassador(stack, user)
    # A task due today (or yesterday before 08:00), enrolled and planned a day ago, so its
    # "on the day" reminder (08:00) is due now, inside the grace window.
    local = datetime.now(ZoneInfo("Europe/Amsterdam"))
    due = (local if local.hour >= 9 else local - timedelta(days=1)).date()
    (task,) = stack.rows(
        f"SELECT MIN(t.id) FROM amb_tasks t JOIN amb_ambassadors a ON a.team_id = t.team_id "
        f"WHERE a.id = {ambassador}"
    )[0]
    with sqlite3.connect(stack.data_dir / "joinus.db", timeout=30) as db:
        db.execute(
            "UPDATE amb_tasks SET title = 'Foutentest-taak', due_date = ?, "
            "updated_at = datetime('now', '-2 days') WHERE id = ?",
            (due.isoformat(), task),
        )
        db.execute(
            "UPDATE amb_ambassadors SET enrolled_at = datetime('now', '-2 days'), "
            "active_since = datetime('now', '-2 days') WHERE id = ?",
            (ambassador,),
        )
    with stack.database_locked():
        time.sleep(7)  # the job (every 5 s) now waits on the lock, in the middle of its run
        old = stack.kill9("bot")
        stack.faults.append("kill -9 bot (reminder run)")
    stack.wait_restarted("bot", old)
    stack.api.wait_for(
        lambda: any("Foutentest-taak" in t for t in stack.api.sent_texts(user)), timeout=60
    )
    time.sleep(12)  # two more runs of the job: still one reminder
    reminders = [t for t in stack.api.sent_texts(user) if "Foutentest-taak" in t]
    assert len(reminders) == 1, reminders
    assert stack.count("outbox", f"dedupe_key LIKE 'reminder:{task}:%'") == 1


def test_telegram_429_500_and_timeouts(stack: Stack) -> None:
    users = [7101, 7102, 7103]
    finisher = 7104
    interest_until(stack, finisher, OLDER, stop_at="Dit stuur ik naar Join us")
    for fault, user in zip(("429", "500", "timeout"), users, strict=True):
        stack.api.set_fault(fault, retry_after=2, delay=8)
        stack.faults.append(f"Telegram {fault} for 7 s")
        stack.api.push_text(user, "wat is join us?")
        stack.api.push_text(user + 50, CRISIS)
        if fault == "500":  # a consent given while Telegram fails: the card must still go out
            message, data = stack.button(finisher, "dit mag naar Join us")
            stack.api.push_callback(finisher, data, int(message["message_id"]))
        time.sleep(7)
        stack.api.set_fault(None)
        for who in (user, user + 50):
            stack.api.wait_for_messages(who, 1, 90)
    stack.api.wait_for(lambda: SENT in "\n".join(stack.api.sent_texts(finisher)), timeout=90)
    _lead_done(stack, SENT)
    time.sleep(3)
    for user in users:
        texts = stack.texts(user)
        assert len(texts) >= 1 and all("Join us" in t or UNAVAILABLE in t for t in texts), texts
        assert "113" in stack.texts(user + 50)[0]


def test_database_locked_for_ten_seconds(stack: Stack) -> None:
    asker, crisis = 7201, 7202
    with stack.database_locked():
        stack.faults.append("database locked 10 s")
        begin = time.monotonic()
        stack.api.push_text(asker, "wat is join us?")
        seconds = _crisis_within(stack, crisis, 5)
        time.sleep(max(0.0, 10 - (time.monotonic() - begin)))
    print(f"\ncrisis reply with the database locked: {seconds * 1000:.0f} ms")
    assert seconds < 5
    answer = stack.replies(asker, 0, 90)
    assert answer and str(answer[0]["text"]).strip()
    # The database works normally afterwards: a whole flow goes through.
    interest_until(stack, 7203, OLDER)
    _lead_done(stack, stack.texts(7203)[-1])


def test_rasa_hanging(stack: Stack) -> None:
    asker, crisis = 7301, 7302
    with stack.paused("rasa"):
        stack.faults.append("Rasa hanging 15 s")
        begin = time.monotonic()
        stack.api.push_text(asker, "wat is join us?")
        seconds = _crisis_within(stack, crisis, 5)
        stack.api.wait_for_messages(asker, 1, 20)
        assert UNAVAILABLE in stack.texts(asker)[0]
        time.sleep(max(0.0, 15 - (time.monotonic() - begin)))
    assert seconds < 5
    step(stack, asker, "say", "wat is join us?")
    assert "Join us" in stack.texts(asker)[-1] and UNAVAILABLE not in stack.texts(asker)[-1]


def test_rasa_killed_mid_interest_flow(stack: Stack) -> None:
    user, crisis = 7401, 7402
    interest_until(stack, user, OLDER, stop_at="gemeente")
    old = stack.kill9("rasa")
    stack.faults.append("kill -9 Rasa (interest flow)")
    begin = time.monotonic()
    _crisis_within(stack, crisis, 5)  # no Rasa needed
    step(stack, user, "say", "Veghel", retries=80)  # "even niet bereikbaar" until Rasa is back
    stack.wait_restarted("rasa", old)
    print(f"\nRasa back after kill -9 in {time.monotonic() - begin:.0f} s")
    _lead_done(stack, finish_interest(stack, user, OLDER))
    assert SENT in stack.texts(user)[-1]


def test_nothing_lost_nothing_duplicated(stack: Stack) -> None:
    time.sleep(3)  # the last cards leave the outbox
    leads = stack.count("leads")
    card_codes = cards(stack)
    routed = stack.count("leads", "status != 'awaiting_parent'")
    print(
        f"\nfault suite: {len(stack.faults)} faults survived ({'; '.join(stack.faults)}); "
        f"{stack.leads_done} journeys completed, {leads} leads, {len(card_codes)} staff cards, "
        f"{len(stack.outages)} 'even niet bereikbaar' answers, then retried"
    )
    assert leads == stack.leads_done  # none lost, none created twice
    assert len(card_codes) == len(set(card_codes)) == routed  # each consented lead once
    assert stack.count("lead_consents", "purpose = 'route_to_staff'") == routed
    assert stack.count("outbox", "status = 'failed'") == 0
    waiting = stack.rows("SELECT kind, dedupe_key FROM outbox WHERE status = 'pending'")
    assert all(kind == "admin_alert" for kind, _ in waiting), waiting
    # The bot died three times within ten minutes: admins were told (through the outbox).
    admin = stack.api.sent_texts(ADMIN)
    assert any("bot is" in t and "keer gestopt" in t for t in admin), admin[-3:]
    assert STAFF_GROUP < 0
