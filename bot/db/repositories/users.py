"""Users by Telegram id."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import User

_BY_TELEGRAM_ID = select(User).where(User.telegram_id == bindparam("telegram_id"))


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def by_telegram_id(self, telegram_id: int) -> User | None:
        result = await self._session.execute(_BY_TELEGRAM_ID, {"telegram_id": telegram_id})
        return result.scalar_one_or_none()

    async def by_id(self, user_id: int) -> User | None:
        return await self._session.get(User, user_id)

    async def fresh(self, user_id: int) -> User | None:
        """The user as stored now, even if this session loaded them before a long wait."""
        query = select(User).where(User.id == user_id)
        return await self._session.scalar(query.execution_options(populate_existing=True))

    async def by_telegram_owner(self, telegram_id: int) -> User | None:
        """The account this Telegram user owns (made with Continue with Telegram), if any."""
        query = select(User).where(User.telegram_owner_id == telegram_id)
        return await self._session.scalar(query.execution_options(populate_existing=True))

    async def claim_for_telegram(self, guest_id: int, telegram_id: int, now: datetime) -> bool:
        """The guest becomes an account owned by this Telegram user; False when it is one
        already (a concurrent tap made it first). One conditional UPDATE, so two taps at once
        never both make it, and the unique owner column refuses a second account."""
        result = await self._session.execute(
            update(User)
            .where(User.id == guest_id, User.registered_at.is_(None), User.deleted_at.is_(None))
            .values(registered_at=now, telegram_owner_id=telegram_id)
            .execution_options(synchronize_session="fetch")
        )
        return bool(getattr(result, "rowcount", 0))

    async def by_external_id(self, external_id: str) -> User | None:
        return await self._session.scalar(select(User).where(User.external_id == external_id))

    async def by_email(self, email: str) -> User | None:
        return await self._session.scalar(select(User).where(User.email == email))

    async def page(self, offset: int, limit: int) -> tuple[list[User], int]:
        """Marketplace accounts (with an external id or an e-mail), oldest first."""
        condition = or_(User.external_id.is_not(None), User.email.is_not(None))
        total = await self._session.scalar(select(func.count()).where(condition)) or 0
        query = select(User).where(condition).order_by(User.id).offset(offset).limit(limit)
        return list((await self._session.scalars(query)).all()), total

    async def mark_unreachable(self, user_id: int, now: datetime) -> None:
        """Telegram said the buyer blocked the bot; pushes wait until they write again."""
        await self._session.execute(
            update(User).where(User.id == user_id).values(unreachable_at=now)
        )

    async def delete(self, user: User) -> None:
        await self._session.delete(user)

    def add(self, user: User) -> None:
        self._session.add(user)

    async def flush(self) -> None:
        await self._session.flush()
