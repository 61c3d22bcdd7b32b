"""Users by Telegram id."""

from __future__ import annotations

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import User

_BY_TELEGRAM_ID = select(User).where(User.telegram_id == bindparam("telegram_id"))


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_telegram_id(self, telegram_id: int) -> User | None:
        result = await self._session.execute(_BY_TELEGRAM_ID, {"telegram_id": telegram_id})
        return result.scalar_one_or_none()

    def add(self, user: User) -> None:
        self._session.add(user)

    async def flush(self) -> None:
        await self._session.flush()
