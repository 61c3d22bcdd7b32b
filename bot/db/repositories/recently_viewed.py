"""The products each buyer opened lately."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Product, RecentlyViewed


class RecentlyViewedRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: RecentlyViewed) -> None:
        self._session.add(row)

    async def get(self, user_id: int, product_id: int) -> RecentlyViewed | None:
        return await self._session.get(RecentlyViewed, (user_id, product_id))

    async def of_user(self, user_id: int) -> list[RecentlyViewed]:
        query = select(RecentlyViewed).where(RecentlyViewed.user_id == user_id)
        return list((await self._session.scalars(query)).all())

    async def count(self, user_id: int) -> int:
        query = select(func.count()).where(RecentlyViewed.user_id == user_id)
        return await self._session.scalar(query) or 0

    async def page(self, user_id: int, offset: int, limit: int) -> list[tuple[Product, datetime]]:
        """Newest first: the products with the time each was last opened."""
        query = (
            select(Product, RecentlyViewed.viewed_at)
            .join(RecentlyViewed, RecentlyViewed.product_id == Product.id)
            .where(RecentlyViewed.user_id == user_id)
            .order_by(RecentlyViewed.viewed_at.desc(), Product.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [(row[0], row[1]) for row in (await self._session.execute(query)).all()]

    async def trim(self, user_id: int, keep: int) -> None:
        """Only the `keep` newest stay."""
        newest = (
            select(RecentlyViewed.product_id)
            .where(RecentlyViewed.user_id == user_id)
            .order_by(RecentlyViewed.viewed_at.desc(), RecentlyViewed.product_id.desc())
            .limit(keep)
        )
        kept = list((await self._session.scalars(newest)).all())
        await self._session.execute(
            delete(RecentlyViewed).where(
                RecentlyViewed.user_id == user_id, RecentlyViewed.product_id.not_in(kept)
            )
        )

    async def remove(self, user_id: int, product_id: int) -> bool:
        result = await self._session.execute(
            delete(RecentlyViewed).where(
                RecentlyViewed.user_id == user_id, RecentlyViewed.product_id == product_id
            )
        )
        return bool(getattr(result, "rowcount", 0))

    async def clear(self, user_id: int) -> None:
        await self._session.execute(delete(RecentlyViewed).where(RecentlyViewed.user_id == user_id))

    async def flush(self) -> None:
        await self._session.flush()
