"""The stores each buyer saved."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import FavouriteStore, Product


class FavouriteStoreRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: FavouriteStore) -> None:
        self._session.add(row)

    async def get(self, user_id: int, store_id: int) -> FavouriteStore | None:
        return await self._session.get(FavouriteStore, (user_id, store_id))

    async def count_new_arrivals(self, user_id: int) -> int:
        """Products added to the buyer's saved stores since their last visit to each (home)."""
        query = (
            select(func.count(Product.id))
            .join(FavouriteStore, FavouriteStore.store_id == Product.store_id)
            .where(FavouriteStore.user_id == user_id, Product.created_at > FavouriteStore.seen_at)
        )
        return await self._session.scalar(query) or 0
