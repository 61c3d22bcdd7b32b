"""Buyers' own choices: language, onboarding. (Who a Telegram user is: accounts/sessions.py.)"""

from __future__ import annotations

from datetime import datetime

from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.profile import record_profile_change


async def set_locale(uow: UnitOfWork, user: User, locale: str, now: datetime) -> None:
    """Remember the buyer's language; `user` must belong to this unit of work's session."""
    async with uow:
        user.locale = locale
        record_profile_change(uow, user, now, locale=locale)
        await uow.commit()


async def mark_onboarded(uow: UnitOfWork, user: User, now: datetime) -> bool:
    """True the first time the buyer opens the cabinet (their first /start)."""
    if user.onboarded_at is not None:
        return False
    async with uow:
        user.onboarded_at = now
        await uow.commit()
        return True
