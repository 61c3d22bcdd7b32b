"""A buyer's wish lists and their items; every lookup is scoped to the buyer."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, distinct, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Product, ProductPrice, Store, User, WishItem, WishList

WishRow = tuple[WishItem, Product, Store]


class WishRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: WishList | WishItem) -> None:
        self._session.add(row)

    async def flush(self) -> None:
        await self._session.flush()

    async def lists_of(self, user_id: int) -> list[WishList]:
        """The default list first, then the themed ones in the order they were made."""
        query = (
            select(WishList)
            .where(WishList.user_id == user_id)
            .order_by(WishList.is_default.desc(), WishList.created_at, WishList.id)
        )
        return list((await self._session.scalars(query)).all())

    async def list_for(self, user_id: int, list_id: int) -> WishList | None:
        return await self._session.scalar(
            select(WishList).where(WishList.user_id == user_id, WishList.id == list_id)
        )

    async def default_list(self, user_id: int) -> WishList | None:
        return await self._session.scalar(
            select(WishList).where(WishList.user_id == user_id, WishList.is_default.is_(True))
        )

    async def item_counts(self, user_id: int) -> dict[int, int]:
        """How many items each of the buyer's lists holds (lists with none are left out)."""
        query = (
            select(WishItem.list_id, func.count())
            .where(WishItem.user_id == user_id)
            .group_by(WishItem.list_id)
        )
        return {int(row[0]): int(row[1]) for row in (await self._session.execute(query)).all()}

    async def count_in(self, list_id: int) -> int:
        query = select(func.count()).where(WishItem.list_id == list_id)
        return await self._session.scalar(query) or 0

    async def rows_in(self, list_id: int, offset: int, limit: int) -> list[WishRow]:
        """A page of a list's items with their products and stores, newest first."""
        query = (
            select(WishItem, Product, Store)
            .join(Product, Product.id == WishItem.product_id)
            .join(Store, Store.id == Product.store_id)
            .where(WishItem.list_id == list_id)
            .order_by(WishItem.added_at.desc(), WishItem.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [
            (item, product, store) for item, product, store in await self._session.execute(query)
        ]

    async def row_for(self, user_id: int, item_id: int) -> WishRow | None:
        query = (
            select(WishItem, Product, Store)
            .join(Product, Product.id == WishItem.product_id)
            .join(Store, Store.id == Product.store_id)
            .where(WishItem.user_id == user_id, WishItem.id == item_id)
        )
        found = (await self._session.execute(query)).first()
        return None if found is None else (found[0], found[1], found[2])

    async def item_in(self, list_id: int, product_id: int) -> WishItem | None:
        return await self._session.scalar(
            select(WishItem).where(WishItem.list_id == list_id, WishItem.product_id == product_id)
        )

    async def list_ids_with(self, user_id: int, product_id: int) -> list[int]:
        """The buyer's lists that hold this product (for the card's "in your wishes")."""
        query = select(WishItem.list_id).where(
            WishItem.user_id == user_id, WishItem.product_id == product_id
        )
        return list((await self._session.scalars(query)).all())

    async def delete_item(self, item: WishItem) -> None:
        await self._session.delete(item)
        await self._session.flush()

    async def move_all(self, from_list: int, to_list: int) -> int:
        """Move a list's items into another; a product already there stays once (the older
        item, with its price when added, is kept). Returns how many items the target gained."""
        there = select(WishItem.product_id).where(WishItem.list_id == to_list)
        await self._session.execute(
            delete(WishItem)
            .where(WishItem.list_id == from_list, WishItem.product_id.in_(there))
            .execution_options(synchronize_session=False)
        )
        moved = await self._session.execute(
            update(WishItem)
            .where(WishItem.list_id == from_list)
            .values(list_id=to_list)
            .execution_options(synchronize_session=False)
        )
        return int(moved.rowcount or 0)  # type: ignore[attr-defined]

    async def delete_list(self, wish_list: WishList) -> None:
        await self._session.execute(
            delete(WishItem)
            .where(WishItem.list_id == wish_list.id)
            .execution_options(synchronize_session=False)
        )
        await self._session.delete(wish_list)
        await self._session.flush()

    async def following(self, product_id: int) -> list[WishItem]:
        """Items of this product that follow its price or stock, for the alerts."""
        query = (
            select(WishItem)
            .where(
                WishItem.product_id == product_id,
                (WishItem.target_price_minor.is_not(None))
                | (WishItem.drop_percent.is_not(None))
                | WishItem.back_in_stock.is_(True)
                | WishItem.price_alerted.is_(True)
                | WishItem.stock_alerted.is_(True),
            )
            .order_by(WishItem.id)
        )
        return list((await self._session.scalars(query)).all())

    async def count_cheaper(self, user_id: int) -> int:
        """How many wished products cost less now than when the buyer added them (home)."""
        query = (
            select(func.count(distinct(WishItem.product_id)))
            .join(Product, Product.id == WishItem.product_id)
            .where(
                WishItem.user_id == user_id,
                Product.currency == WishItem.added_currency,
                Product.price_minor < WishItem.added_price_minor,
            )
        )
        return await self._session.scalar(query) or 0

    # --- the weekly digest of drops ---------------------------------------------------------

    async def weekly_readers(self, after_id: int, limit: int) -> list[User]:
        """Accounts that asked for the weekly digest of drops and have wishes, by id."""
        query = (
            select(User)
            .where(
                User.weekly_drops.is_(True),
                User.id > after_id,
                User.deleted_at.is_(None),
                User.id.in_(select(WishItem.user_id)),
            )
            .order_by(User.id)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())

    async def wished_products(self, user_id: int) -> list[tuple[Product, datetime]]:
        """Each product in any of the buyer's lists once, with when it was first wished."""
        first = (
            select(WishItem.product_id, func.min(WishItem.added_at).label("added_at"))
            .where(WishItem.user_id == user_id)
            .group_by(WishItem.product_id)
            .subquery()
        )
        query = select(Product, first.c.added_at).join(first, first.c.product_id == Product.id)
        return [(product, added) for product, added in await self._session.execute(query)]

    async def prices_before(
        self, product_ids: Collection[int], moment: datetime
    ) -> dict[int, ProductPrice]:
        """Each product's price as it stood at `moment` (its last change up to then)."""
        if not product_ids:
            return {}
        query = (
            select(ProductPrice)
            .where(ProductPrice.product_id.in_(product_ids), ProductPrice.changed_at <= moment)
            .order_by(ProductPrice.changed_at, ProductPrice.id)
        )
        found: dict[int, ProductPrice] = {}
        for price in (await self._session.scalars(query)).all():
            found[price.product_id] = price
        return found

    async def first_prices_since(
        self, product_ids: Collection[int], moment: datetime
    ) -> dict[int, ProductPrice]:
        """Each product's first price after `moment` (for one that came into being since)."""
        if not product_ids:
            return {}
        query = (
            select(ProductPrice)
            .where(ProductPrice.product_id.in_(product_ids), ProductPrice.changed_at > moment)
            .order_by(ProductPrice.changed_at.desc(), ProductPrice.id.desc())
        )
        found: dict[int, ProductPrice] = {}
        for price in (await self._session.scalars(query)).all():
            found[price.product_id] = price
        return found
