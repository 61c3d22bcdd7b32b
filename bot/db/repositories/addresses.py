"""Shipping addresses, always looked up together with their owner, so one buyer never reaches
another's: an address id from a button finds nothing unless it is the buyer's own."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Address


class AddressRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, address: Address) -> None:
        self._session.add(address)

    async def flush(self) -> None:
        await self._session.flush()

    async def delete(self, address: Address) -> None:
        await self._session.delete(address)

    async def get_for_buyer(self, buyer_id: int, address_id: int) -> Address | None:
        query = select(Address).where(Address.id == address_id, Address.user_id == buyer_id)
        return (await self._session.execute(query)).scalar_one_or_none()

    async def list_for_buyer(self, buyer_id: int) -> list[Address]:
        """The default first, then the newest first."""
        query = (
            select(Address)
            .where(Address.user_id == buyer_id)
            .order_by(Address.is_default.desc(), Address.created_at.desc(), Address.id.desc())
        )
        return list((await self._session.scalars(query)).all())

    async def count_for_buyer(self, buyer_id: int) -> int:
        query = select(func.count()).where(Address.user_id == buyer_id)
        return await self._session.scalar(query) or 0

    async def newest_for_buyer(self, buyer_id: int) -> Address | None:
        query = (
            select(Address)
            .where(Address.user_id == buyer_id)
            .order_by(Address.created_at.desc(), Address.id.desc())
            .limit(1)
        )
        return await self._session.scalar(query)

    async def clear_default(self, buyer_id: int) -> None:
        """No address of the buyer is the default (the caller then marks exactly one)."""
        await self._session.execute(
            update(Address)
            .where(Address.user_id == buyer_id, Address.is_default.is_(True))
            .values(is_default=False)
            .execution_options(synchronize_session="fetch")
        )
