"""Stores and their products, found by the marketplace's external ids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Product, Store


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

    async def ensure_product(
        self, store: Store, external_id: str, title: str, now: datetime
    ) -> Product:
        found = await self._session.scalar(
            select(Product).where(Product.store_id == store.id, Product.external_id == external_id)
        )
        if found is not None:
            return found
        product = Product(store_id=store.id, external_id=external_id, title=title, created_at=now)
        self._session.add(product)
        await self._session.flush()
        return product
