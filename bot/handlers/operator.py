"""Operator commands for the Telegram ids in ADMIN_IDS. To anybody else /admin is like any
command the bot does not have: nothing tells a buyer it exists, and it is not in the menu."""

from __future__ import annotations

from aiogram.filters import Command, Filter
from aiogram.types import Message

from bot.config import Settings
from bot.handlers.routes import Routes
from bot.middlewares.context import Ctx
from bot.services.operator import is_operator, operator_status
from bot.views.operator import operator_status_text

routes = Routes("operator")
OPERATOR_COMMANDS = frozenset({"admin"})  # known only to operators, inside forms too


class FromOperator(Filter):
    async def __call__(self, message: Message, settings: Settings) -> bool:
        sender = message.from_user
        return sender is not None and is_operator(sender.id, settings.admin_ids)


@routes.message(Command(*OPERATOR_COMMANDS), FromOperator())
async def operator_status_screen(message: Message, ctx: Ctx) -> None:
    now = ctx.now()
    status = await operator_status(ctx.uow, now, ctx.rules.rates)
    await message.answer(operator_status_text(status, now, ctx.tz))
