"""The stores each buyer blocked: whose messages and promotions the buyer never sees."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Select, delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import BlockedStore, Store


def blocked_store_ids(user_id: int) -> Select[tuple[int]]:
    """A subquery of the stores the buyer blocked, for the reads that hide them."""
    return select(BlockedStore.store_id).where(BlockedStore.user_id == user_id)


class BlockedStoreRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: BlockedStore) -> None:
        self._session.add(row)

    async def get(self, user_id: int, store_id: int) -> BlockedStore | None:
        return await self._session.get(BlockedStore, (user_id, store_id))

    async def which_of(self, pairs: Collection[tuple[int, int]]) -> set[tuple[int, int]]:
        """Which of these (user id, store id) pairs are blocked, for a batch of pushes."""
        if not pairs:
            return set()
        users = {user for user, _ in pairs}
        query = select(BlockedStore.user_id, BlockedStore.store_id).where(
            BlockedStore.user_id.in_(users)
        )
        found = {(row.user_id, row.store_id) for row in await self._session.execute(query)}
        return found & set(pairs)

    async def stores_of(self, user_id: int) -> list[tuple[Store, datetime]]:
        """The stores the buyer blocked, with when, the latest first."""
        query = (
            select(Store, BlockedStore.created_at)
            .join(BlockedStore, BlockedStore.store_id == Store.id)
            .where(BlockedStore.user_id == user_id)
            .order_by(BlockedStore.created_at.desc(), Store.id)
        )
        return [(row[0], row[1]) for row in await self._session.execute(query)]

    async def delete(self, user_id: int, store_id: int) -> bool:
        """True when the store was blocked."""
        result = await self._session.execute(
            delete(BlockedStore).where(
                BlockedStore.user_id == user_id, BlockedStore.store_id == store_id
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]
