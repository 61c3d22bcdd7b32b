"""Stores, found by the marketplace's external ids."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Store


class StoreRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def ensure_store(self, external_id: str, name: str, now: datetime) -> Store:
        """The store with this external id, created on first sight."""
        found = await self._session.scalar(select(Store).where(Store.external_id == external_id))
        if found is not None:
            return found
        store = Store(external_id=external_id, name=name, created_at=now)
        self._session.add(store)
        await self._session.flush()
        return store

    async def get(self, store_id: int) -> Store | None:
        return await self._session.get(Store, store_id)

    async def by_external_id(self, external_id: str) -> Store | None:
        return await self._session.scalar(select(Store).where(Store.external_id == external_id))

    def add(self, row: Store) -> None:
        self._session.add(row)

    async def page(self, offset: int, limit: int) -> tuple[list[Store], int]:
        total = await self._session.scalar(select(func.count()).select_from(Store)) or 0
        query = select(Store).order_by(Store.id).offset(offset).limit(limit)
        return list((await self._session.scalars(query)).all()), total

    async def rated_ids(self) -> list[int]:
        """The stores whose rating counts any feedback, whose numbers may have to change."""
        return list(
            (await self._session.scalars(select(Store.id).where(Store.rating_count > 0))).all()
        )

    async def external_ids(self, store_ids: Collection[int]) -> dict[int, str]:
        query = select(Store.id, Store.external_id).where(Store.id.in_(store_ids))
        return {row.id: row.external_id or "" for row in await self._session.execute(query)}
