"""Commands win over forms: a command typed at any step of any form leaves the form and runs.

`CommandsFirst` is an outer middleware of the dispatcher's messages, so it runs before any
router's filters: a message that begins with a command (a `bot_command` entity at offset 0)
while a form is open clears the form (and what its step showed, such as a reply keyboard)
before the command is routed, so no form handler, and no seller chat, ever sees it. A command
the bot does not have gets a hint and the form stays open: a typo loses nothing.

One exception: at a step that reads a secret (a password or a code) an unknown "/word" is the
secret itself, since a password may begin with "/"; the form reads it and deletes it at once,
as it does with any secret. A command of the bot's own is never taken as a password, but the
message is deleted all the same before the command runs: "/menu hunter2", or a password that
happens to be "/help", must not stay on the screen.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Any

from aiogram import BaseMiddleware, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import Message, ReplyKeyboardRemove, TelegramObject
from aiogram.utils.i18n import gettext as _

from bot.services.operator import is_operator
from bot.views.home import cancelled_text


class Step(State):
    """A form step that needs care when a command leaves it: `secret` (the buyer's message is
    a password or a code), `reply_keyboard` (the question showed one, to be removed)."""

    def __init__(self, *, secret: bool = False, reply_keyboard: bool = False) -> None:
        super().__init__()
        self.secret = secret
        self.reply_keyboard = reply_keyboard


@dataclass(frozen=True, slots=True)
class LeftForm:
    """The form a command left (handler data `left_form`); `announced`: the buyer was told."""

    state: str
    announced: bool


def form_states() -> list[State]:
    """Every step of every form of the app (imported ones), found by walking StatesGroups."""
    found: list[State] = []
    groups = list(StatesGroup.__subclasses__())
    while groups:
        group = groups.pop()
        groups.extend(group.__subclasses__())
        if group.__module__.startswith("bot."):
            found.extend(group.__all_states__)
    return found


def registered_commands(routers: Iterable[Router]) -> frozenset[str]:
    """The names of the commands some message handler of these routers answers."""
    names: set[str] = set()
    stack = list(routers)
    while stack:
        router = stack.pop()
        stack.extend(router.sub_routers)
        for handler in router.message.handlers:
            for each in handler.filters or ():
                if isinstance(each.callback, Command):
                    names.update(c for c in each.callback.commands if isinstance(c, str))
    return frozenset(names)


def command_name(message: Message) -> str | None:
    """`orders` for "/orders", "/orders@cabinet_bot" or "/orders 123"; None when the message
    does not begin with a command (Telegram marks one with a `bot_command` entity)."""
    text = message.text or ""
    for entity in message.entities or ():
        if entity.type == "bot_command" and entity.offset == 0 and text.startswith("/"):
            return text[1 : entity.length].split("@", 1)[0].lower()
    return None


async def delete_secret(message: Message) -> None:
    """Take a message holding a password or a code out of the chat (never logging it); one
    already gone, or too old for Telegram to delete, is no reason to fail."""
    with contextlib.suppress(TelegramBadRequest):
        await message.delete()


def unknown_command_text() -> str:
    return _("Unknown command. Send /cancel to leave the form, or /help.")


async def leave_form(message: Message, state: FSMContext, step: Step | None) -> LeftForm | None:
    """Close the open form; remove the reply keyboard its step showed (saying so)."""
    current = await state.get_state()
    await state.clear()
    if current is None:
        return None
    if step is not None and step.reply_keyboard:
        # One message cannot both remove a reply keyboard and carry inline buttons.
        await message.answer(cancelled_text(True), reply_markup=ReplyKeyboardRemove())
        return LeftForm(current, announced=True)
    return LeftForm(current, announced=False)


class CommandsFirst(BaseMiddleware):
    """`operator_commands` are known only to the operators (ADMIN_IDS): to anybody else they
    are like a command the bot does not have, inside a form too, so nothing tells them apart."""

    def __init__(
        self,
        commands: frozenset[str],
        states: Iterable[State],
        operator_commands: frozenset[str] = frozenset(),
    ) -> None:
        self.commands = commands
        self.operator_commands = operator_commands
        self.steps = {s.state: s for s in states if isinstance(s, Step) and s.state}

    def knows(self, name: str, message: Message, data: dict[str, Any]) -> bool:
        if name in self.operator_commands:
            sender = message.from_user
            return sender is not None and is_operator(sender.id, data["settings"].admin_ids)
        return name in self.commands

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        raw_state = data.get("raw_state")
        name = command_name(event) if isinstance(event, Message) else None
        if raw_state is None or name is None or not isinstance(event, Message):
            return await handler(event, data)
        step = self.steps.get(raw_state)
        secret = step is not None and step.secret
        if not self.knows(name, event, data):
            if secret:
                return await handler(event, data)  # the form reads and deletes it
            await event.answer(unknown_command_text())
            return None
        if secret:
            await delete_secret(event)
        data["left_form"] = await leave_form(event, data["state"], step)
        data["raw_state"] = None
        return await handler(event, data)
