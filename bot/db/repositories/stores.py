"""Stores and their products, found by the marketplace's external ids."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Product, ProductPrice, Store


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

    async def by_external_id(self, external_id: str) -> Store | None:
        return await self._session.scalar(select(Store).where(Store.external_id == external_id))

    def add(self, row: Store | Product | ProductPrice) -> None:
        self._session.add(row)

    async def flush(self) -> None:
        await self._session.flush()

    async def page(self, offset: int, limit: int) -> tuple[list[Store], int]:
        total = await self._session.scalar(select(func.count()).select_from(Store)) or 0
        query = select(Store).order_by(Store.id).offset(offset).limit(limit)
        return list((await self._session.scalars(query)).all()), total

    async def product(self, store_id: int, external_id: str) -> Product | None:
        return await self._session.scalar(
            select(Product).where(Product.store_id == store_id, Product.external_id == external_id)
        )

    async def products_page(
        self, store_id: int | None, offset: int, limit: int
    ) -> tuple[list[Product], int]:
        condition = Product.store_id == store_id if store_id is not None else true()
        total = await self._session.scalar(select(func.count()).where(condition)) or 0
        query = select(Product).where(condition).order_by(Product.id).offset(offset).limit(limit)
        return list((await self._session.scalars(query)).all()), total

    async def external_ids(self, store_ids: Collection[int]) -> dict[int, str]:
        query = select(Store.id, Store.external_id).where(Store.id.in_(store_ids))
        return {row.id: row.external_id or "" for row in await self._session.execute(query)}

    async def price_histories(
        self, product_ids: Collection[int], limit: int = 50
    ) -> dict[int, list[ProductPrice]]:
        """Newest first, up to `limit` per product, for a page of products in one query."""
        query = (
            select(ProductPrice)
            .where(ProductPrice.product_id.in_(product_ids))
            .order_by(ProductPrice.changed_at.desc(), ProductPrice.id.desc())
        )
        histories: dict[int, list[ProductPrice]] = {pid: [] for pid in product_ids}
        for price in (await self._session.scalars(query)).all():
            if len(histories[price.product_id]) < limit:
                histories[price.product_id].append(price)
        return histories

    async def price_history(self, product_id: int, limit: int = 50) -> list[ProductPrice]:
        query = (
            select(ProductPrice)
            .where(ProductPrice.product_id == product_id)
            .order_by(ProductPrice.changed_at.desc(), ProductPrice.id.desc())
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())
