"""The stores each buyer saved."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import FavouriteStore, Product, Store


class FavouriteStoreRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: FavouriteStore) -> None:
        self._session.add(row)

    async def get(self, user_id: int, store_id: int) -> FavouriteStore | None:
        return await self._session.get(FavouriteStore, (user_id, store_id))

    async def delete(self, user_id: int, store_id: int) -> bool:
        """True when the store was saved."""
        result = await self._session.execute(
            delete(FavouriteStore).where(
                FavouriteStore.user_id == user_id, FavouriteStore.store_id == store_id
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def count(self, user_id: int) -> int:
        query = select(func.count()).where(FavouriteStore.user_id == user_id)
        return await self._session.scalar(query) or 0

    async def page(
        self, user_id: int, offset: int, limit: int
    ) -> list[tuple[FavouriteStore, Store, int]]:
        """The buyer's saved stores, the most recently saved first, each with how many of its
        products arrived since the buyer's last visit."""
        new = (
            select(func.count(Product.id))
            .where(Product.store_id == FavouriteStore.store_id)
            .where(Product.created_at > FavouriteStore.seen_at)
            .correlate(FavouriteStore)
            .scalar_subquery()
        )
        query = (
            select(FavouriteStore, Store, new)
            .join(Store, Store.id == FavouriteStore.store_id)
            .where(FavouriteStore.user_id == user_id)
            .order_by(FavouriteStore.saved_at.desc(), Store.id)
            .offset(offset)
            .limit(limit)
        )
        return [(row[0], row[1], int(row[2])) for row in await self._session.execute(query)]

    async def new_arrivals(
        self, store_id: int, since: datetime, limit: int
    ) -> tuple[list[Product], int]:
        """The newest products of the store added after `since`, and how many there are."""
        condition = (Product.store_id == store_id, Product.created_at > since)
        total = await self._session.scalar(select(func.count(Product.id)).where(*condition))
        query = (
            select(Product)
            .where(*condition)
            .order_by(Product.created_at.desc(), Product.id.desc())
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all()), total or 0

    async def mark_seen(self, user_id: int, store_id: int, now: datetime) -> None:
        await self._session.execute(
            update(FavouriteStore)
            .where(FavouriteStore.user_id == user_id, FavouriteStore.store_id == store_id)
            .values(seen_at=now)
        )

    async def news_followers(self, store_id: int) -> list[int]:
        """The buyers who saved the store and asked for its news."""
        query = select(FavouriteStore.user_id).where(
            FavouriteStore.store_id == store_id, FavouriteStore.news.is_(True)
        )
        return list((await self._session.scalars(query)).all())

    async def count_new_arrivals(self, user_id: int) -> int:
        """Products added to the buyer's saved stores since their last visit to each (home)."""
        query = (
            select(func.count(Product.id))
            .join(FavouriteStore, FavouriteStore.store_id == Product.store_id)
            .where(FavouriteStore.user_id == user_id, Product.created_at > FavouriteStore.seen_at)
        )
        return await self._session.scalar(query) or 0
