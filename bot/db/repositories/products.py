"""Products of stores and every price each one had."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Product, ProductPrice


class ProductRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: Product | ProductPrice) -> None:
        self._session.add(row)

    async def flush(self) -> None:
        await self._session.flush()

    async def get(self, product_id: int) -> Product | None:
        return await self._session.get(Product, product_id)

    async def by_external_id(self, store_id: int, external_id: str) -> Product | None:
        return await self._session.scalar(
            select(Product).where(Product.store_id == store_id, Product.external_id == external_id)
        )

    async def page(
        self, store_id: int | None, offset: int, limit: int
    ) -> tuple[list[Product], int]:
        """Products of one store (of all, with None) by id, and how many there are."""
        condition = Product.store_id == store_id if store_id is not None else true()
        total = await self._session.scalar(select(func.count()).where(condition)) or 0
        query = select(Product).where(condition).order_by(Product.id).offset(offset).limit(limit)
        return list((await self._session.scalars(query)).all()), total

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
