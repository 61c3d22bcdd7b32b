"""Who is asking: the buyer row for the Telegram user, and their time zone.

The cabinet is private: updates from groups and channels are ignored, so one buyer's orders
are never shown where others can read them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.types import Chat, TelegramObject
from aiogram.types import User as TelegramUser

from bot.clock import Clock
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import TelegramProfile, resolve_buyer


class IdentityMiddleware(BaseMiddleware):
    def __init__(self, clock: Clock, default_timezone: str) -> None:
        self._clock = clock
        self._default_zone = ZoneInfo(default_timezone)

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        sender: TelegramUser | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        if sender is None or sender.is_bot:
            return None
        if chat is not None and chat.type != ChatType.PRIVATE:
            return None
        uow: UnitOfWork = data["uow"]
        profile = TelegramProfile(
            telegram_id=sender.id,
            first_name=sender.first_name,
            username=sender.username,
            language_code=sender.language_code,
        )
        user, created = await resolve_buyer(uow, profile, self._clock.now())
        data["user"] = user
        data["user_is_new"] = created
        data["tz"] = ZoneInfo(user.time_zone) if user.time_zone else self._default_zone
        return await handler(event, data)
