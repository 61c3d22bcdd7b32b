"""`Ctx`: what almost every handler needs from an update, in one typed object.

A handler takes `ctx: Ctx` instead of six parameters (the unit of work, the buyer, their time
zone, the clock, the rules, the form state); `ContextMiddleware` builds it once the buyer is
known, so it runs after `IdentityMiddleware`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, tzinfo
from typing import Any

from aiogram import BaseMiddleware
from aiogram.fsm.context import FSMContext
from aiogram.types import TelegramObject

from bot.clock import Clock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.rules import Rules


@dataclass(frozen=True, slots=True)
class Ctx:
    uow: UnitOfWork
    user: User
    tz: tzinfo
    clock: Clock
    rules: Rules
    # aiogram's form state of this chat and user (every private update has one).
    state: FSMContext

    def now(self) -> datetime:
        return self.clock.now()

    def signed_in_as(self, account: User) -> Ctx:
        """The same update, now on behalf of the account the buyer just signed in to."""
        return replace(self, user=account)


class ContextMiddleware(BaseMiddleware):
    def __init__(self, clock: Clock, rules: Rules) -> None:
        self._clock = clock
        self._rules = rules

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        state: FSMContext | None = data.get("state")
        if state is not None:  # an update without a chat (none reach a section) gets none
            data["ctx"] = Ctx(
                data["uow"], data["user"], data["tz"], self._clock, self._rules, state
            )
        return await handler(event, data)
