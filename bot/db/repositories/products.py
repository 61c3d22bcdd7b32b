"""Products of stores and every price each one had."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, select, true
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

    async def prices_since(self, product_id: int, since: datetime) -> list[ProductPrice]:
        """The price in force at `since` (the last change before it) and every change after,
        oldest first: what a price chart over the period draws."""
        before = (
            select(ProductPrice)
            .where(ProductPrice.product_id == product_id, ProductPrice.changed_at <= since)
            .order_by(ProductPrice.changed_at.desc(), ProductPrice.id.desc())
            .limit(1)
        )
        after = (
            select(ProductPrice)
            .where(ProductPrice.product_id == product_id, ProductPrice.changed_at > since)
            .order_by(ProductPrice.changed_at, ProductPrice.id)
        )
        first = list((await self._session.scalars(before)).all())
        return first + list((await self._session.scalars(after)).all())

    async def count_matching(self, where: ProductFilter) -> int:
        query = select(func.count(Product.id)).where(*where.conditions())
        return await self._session.scalar(query) or 0

    async def matching(
        self, where: ProductFilter, sort: str, offset: int, limit: int
    ) -> list[Product]:
        """A page of the products `where` lets through, in `sort` order.

        `sort`: "pu"/"pd" price up/down, "new" newest, "rat" rating, "pop" popularity;
        anything else by id. Words match titles with LIKE (full text replaces this)."""
        conditions = where.conditions()
        orders = {
            "pu": (Product.price_minor.asc(),),
            "pd": (Product.price_minor.desc(),),
            "new": (Product.created_at.desc(),),
            "rat": (Product.rating_average.desc().nulls_last(),),
            "pop": (Product.orders_count.desc(),),
        }.get(sort, ())
        query = (
            select(Product)
            .where(*conditions)
            .order_by(*orders, Product.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())


@dataclass(frozen=True)
class ProductFilter:
    """Which products a list shows; prices in minor units of `currency`."""

    words: str = ""
    category_ids: Collection[int] | None = None
    store_id: int | None = None
    price_min_minor: int | None = None
    price_max_minor: int | None = None
    currency: str | None = None
    min_rating: float | None = None
    in_stock: bool = False
    created_since: datetime | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        for word in self.words.split():
            escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            found.append(Product.title.ilike(f"%{escaped}%", escape="\\"))
        if self.category_ids is not None:
            found.append(Product.category_id.in_(self.category_ids))
        if self.store_id is not None:
            found.append(Product.store_id == self.store_id)
        if self.currency is not None and (
            self.price_min_minor is not None or self.price_max_minor is not None
        ):
            found.append(Product.currency == self.currency)
        if self.price_min_minor is not None:
            found.append(Product.price_minor >= self.price_min_minor)
        if self.price_max_minor is not None:
            found.append(Product.price_minor <= self.price_max_minor)
        if self.min_rating is not None:
            found.append(Product.rating_average >= self.min_rating)
        if self.in_stock:
            found.append(Product.stock > 0)
        if self.created_since is not None:
            found.append(Product.created_at >= self.created_since)
        return found
