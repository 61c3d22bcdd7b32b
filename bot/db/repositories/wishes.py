"""A buyer's wish lists and their items; every lookup is scoped to the buyer."""

from __future__ import annotations

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Product, WishItem, WishList


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

    async def list_ids_with(self, user_id: int, product_id: int) -> list[int]:
        """The buyer's lists that hold this product (for the card's "in your wishes")."""
        query = select(WishItem.list_id).where(
            WishItem.user_id == user_id, WishItem.product_id == product_id
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
