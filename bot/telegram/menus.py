"""Telegram's command menu ("/" button) per audience, with BotCommandScope.

Young people get the default menu. Staff, coaches and admins get their own menu in their
private chat with the bot (``BotCommandScopeChat``; a private chat's id is the person's
Telegram id), from who they are: admins from ADMIN_TELEGRAM_IDS, staff and coaches from the
staff members table (invite links). Set at start, at once when someone redeems an invite or is
removed with /staf, and every few minutes (``sync``), which also catches changes made in the
console, which runs in another process.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence

from telegram import Bot, BotCommand, BotCommandScopeChat, BotCommandScopeDefault
from telegram.error import TelegramError

from bot.staff.members import ADMIN, COACH, STAFF, StaffDirectory
from bot.telegram import texts

log = logging.getLogger(__name__)

SYNC_SECONDS = 10 * 60


def _menu(descriptions: Mapping[str, str]) -> tuple[BotCommand, ...]:
    return tuple(BotCommand(command, text) for command, text in descriptions.items())


YOUNG_PEOPLE = _menu(texts.YOUNG_PEOPLE_MENU)
CONSOLE = _menu(texts.CONSOLE_MENU)
AMBASSADOR_PROGRAMME = _menu(texts.AMBASSADOR_PROGRAMME_MENU)
LEADS_AND_SCHOOLS = _menu(texts.LEADS_AND_SCHOOLS_MENU)
ADMINISTRATION = _menu(texts.ADMINISTRATION_MENU)

# A coach runs the ambassador programme only (bot/staff/members.py), so sees only that.
MENUS: Mapping[str, Sequence[BotCommand]] = {
    COACH: (*AMBASSADOR_PROGRAMME, *CONSOLE),
    STAFF: (*LEADS_AND_SCHOOLS, *AMBASSADOR_PROGRAMME, *CONSOLE),
    ADMIN: (*LEADS_AND_SCHOOLS, *ADMINISTRATION, *AMBASSADOR_PROGRAMME, *CONSOLE),
}


class CommandMenus:
    """Which menu each staff chat has; only changes are sent to Telegram."""

    def __init__(self, staff: StaffDirectory, admin_ids: frozenset[int]) -> None:
        self._staff = staff
        self._admins = admin_ids
        self._applied: dict[int, str] = {}
        self._default_done = False
        self._lock = asyncio.Lock()

    def wanted(self) -> dict[int, str]:
        """Telegram id -> role, for everyone who gets a staff menu (reads the database)."""
        roles = {member.telegram_id: member.role for member in self._staff.roster()}
        roles.update(dict.fromkeys(self._admins, ADMIN))
        return roles

    async def sync(self, bot: Bot) -> None:
        """Bring every menu in line with the settings and the staff table."""
        wanted = await asyncio.to_thread(self.wanted)
        async with self._lock:
            if not self._default_done:
                await bot.set_my_commands(YOUNG_PEOPLE, scope=BotCommandScopeDefault())
                self._default_done = True
            for chat_id, role in wanted.items():
                if self._applied.get(chat_id) != role:
                    await self._set(bot, chat_id, role)
            for chat_id in set(self._applied) - set(wanted):
                await self._set(bot, chat_id, None)

    async def apply(self, bot: Bot, chat_id: int, role: str | None) -> None:
        """One person's menu now (after an invite or removal); None = the young people's."""
        async with self._lock:
            await self._set(bot, chat_id, role)

    async def _set(self, bot: Bot, chat_id: int, role: str | None) -> None:
        scope = BotCommandScopeChat(chat_id)
        try:
            if role is None:
                await bot.delete_my_commands(scope=scope)  # falls back to the default menu
            else:
                await bot.set_my_commands(MENUS[role], scope=scope)
        except TelegramError as exc:
            # E.g. an admin who never opened the chat ("chat not found"): tried again next sync.
            log.info("command menu for a %s chat not set: %s", role or "former staff", exc)
            return
        if role is None:
            self._applied.pop(chat_id, None)
        else:
            self._applied[chat_id] = role
