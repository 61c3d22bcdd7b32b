"""The stores each buyer saved."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import FavouriteStore


class FavouriteStoreRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: FavouriteStore) -> None:
        self._session.add(row)

    async def get(self, user_id: int, store_id: int) -> FavouriteStore | None:
        return await self._session.get(FavouriteStore, (user_id, store_id))
