"""Buyers: found or created from the Telegram user, with their language choice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.models import User
from bot.db.uow import UnitOfWork


@dataclass(frozen=True)
class TelegramProfile:
    """What an update tells about its sender; no aiogram types below the handlers."""

    telegram_id: int
    first_name: str
    username: str | None
    language_code: str | None


async def resolve_buyer(
    uow: UnitOfWork, profile: TelegramProfile, now: datetime
) -> tuple[User, bool]:
    """The buyer for this Telegram user; writes only when new or when the profile changed."""
    async with uow:
        user = await uow.users.by_telegram_id(profile.telegram_id)
        if user is None:
            user = User(
                telegram_id=profile.telegram_id,
                first_name=profile.first_name[:128],
                username=profile.username,
                language_code=profile.language_code,
                created_at=now,
            )
            uow.users.add(user)
            await uow.commit()
            return user, True
        fresh = (profile.first_name[:128], profile.username, profile.language_code)
        if (user.first_name, user.username, user.language_code) != fresh or user.unreachable_at:
            user.first_name, user.username, user.language_code = fresh
            user.unreachable_at = None  # they wrote to the bot: pushes may go out again
            await uow.commit()
        return user, False


async def set_locale(uow: UnitOfWork, user: User, locale: str) -> None:
    """Remember the buyer's language; `user` must belong to this unit of work's session."""
    async with uow:
        user.locale = locale
        await uow.commit()


async def mark_onboarded(uow: UnitOfWork, user: User, now: datetime) -> bool:
    """True the first time the buyer opens the cabinet (their first /start)."""
    if user.onboarded_at is not None:
        return False
    async with uow:
        user.onboarded_at = now
        await uow.commit()
        return True
