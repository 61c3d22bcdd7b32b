"""The buyer's display currency and the rates to reach it, for every screen of the update."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from bot.clock import Clock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.exchange_rates import RateRules, rates_for
from bot.views import format as fmt


class DisplayCurrencyMiddleware(BaseMiddleware):
    """Loads rates only for buyers who chose a display currency; the others cost nothing."""

    def __init__(self, clock: Clock, rules: RateRules) -> None:
        self._clock = clock
        self._rules = rules

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("user")
        if user is None or user.display_currency is None:
            return await handler(event, data)
        uow: UnitOfWork = data["uow"]
        rates = await rates_for(uow, user.display_currency)
        display = fmt.Display(
            user.display_currency, rates, self._rules, self._clock.now(), data["tz"]
        )
        with fmt.converting(display if rates else None):
            return await handler(event, data)
