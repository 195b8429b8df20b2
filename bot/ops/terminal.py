"""Local mode: a Dutch chat in the terminal through the real pipeline (no Telegram token needed)."""

from __future__ import annotations

import asyncio
import getpass
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from bot.core.settings import Settings
from bot.ops.runtime import Runtime
from bot.pipeline.conversation import ChannelUser, Conversation
from bot.pipeline.messages import Button, Reply

if TYPE_CHECKING:
    from bot.ops.supervisor import Supervisor

INTRO = """
────────────────────────────────────────────────────────────
 Join us-assistent — lokale chat in de terminal
 Typ een bericht en druk op Enter. Knoppen verschijnen als
 genummerde keuzes: typ het nummer. Stoppen: /exit of Ctrl-D.
────────────────────────────────────────────────────────────
Tip (English): to connect a real Telegram bot, create one with @BotFather,
then run `TELEGRAM_BOT_TOKEN=<token> make run`. Set TELEGRAM_BASE_URL to use a
self-hosted Bot API server. Logs of Rasa and the action server: {logs}
"""


def format_replies(replies: Sequence[Reply]) -> tuple[str, list[Button]]:
    """Text to print and the buttons that numbers now refer to (those of the last reply)."""
    lines: list[str] = []
    buttons: list[Button] = []
    for reply in replies:
        if reply.text:
            lines.append(f"🤖 {reply.text}")
        if reply.buttons:
            buttons = list(reply.buttons)
            lines.extend(f"   [{i}] {b.title}" for i, b in enumerate(buttons, 1))
    return "\n".join(lines), buttons


async def chat(
    conversation: Conversation, stdin: TextIO, stdout: TextIO, user: ChannelUser
) -> None:
    buttons: list[Button] = []

    async def show(replies: Sequence[Reply]) -> None:
        nonlocal buttons
        text, new_buttons = format_replies(replies)
        buttons = new_buttons
        print(text, file=stdout, flush=True)

    await show(await conversation.command(user, "start"))
    while True:
        print("jij › ", end="", file=stdout, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line:  # EOF (Ctrl-D or end of piped input)
            print(file=stdout)
            return
        text = line.strip()
        if text in {"/exit", "/quit"}:
            return
        if text.isdigit() and buttons and 1 <= int(text) <= len(buttons):
            await show(await conversation.button(user, buttons[int(text) - 1].payload))
        else:
            await show(await conversation.text(user, text))


async def _main(settings: Settings) -> None:
    runtime = Runtime(settings)
    await runtime.start()
    try:
        user = ChannelUser("terminal", getpass.getuser(), "terminal")
        await chat(runtime.conversation, sys.stdin, sys.stdout, user)
    finally:
        await runtime.stop()


def run_terminal(settings: Settings, supervisor: Supervisor | None = None) -> int:
    print(INTRO.format(logs=settings.log_dir), flush=True)
    try:
        asyncio.run(_main(settings))
    except KeyboardInterrupt:
        print()
    print("Tot ziens! 👋")
    return 0
