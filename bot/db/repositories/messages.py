"""Messages about orders, and the buyer's conversations with sellers made of them."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from bot.db.enums import MessageSender
from bot.db.models import Order, OrderMessage
from bot.db.repositories.blocked_stores import blocked_store_ids


class MessageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, message: OrderMessage) -> None:
        self._session.add(message)

    async def get(self, message_id: int) -> OrderMessage | None:
        """For the marketplace, which may address any message (never for a buyer's button)."""
        return await self._session.get(OrderMessage, message_id)

    async def by_ids(self, message_ids: Collection[int]) -> dict[int, OrderMessage]:
        """By id, for a batch of pushes (each push checks that the message is its buyer's)."""
        if not message_ids:
            return {}
        query = select(OrderMessage).where(OrderMessage.id.in_(message_ids))
        return {message.id: message for message in await self._session.scalars(query)}

    async def by_external_id(self, order_id: int, external_id: str) -> OrderMessage | None:
        query = select(OrderMessage).where(
            OrderMessage.order_id == order_id, OrderMessage.external_id == external_id
        )
        return await self._session.scalar(query)

    async def for_order(
        self, order_id: int, offset: int = 0, limit: int = 100
    ) -> list[OrderMessage]:
        query = (
            select(OrderMessage)
            .where(OrderMessage.order_id == order_id)
            .order_by(OrderMessage.sent_at, OrderMessage.id)
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())

    async def with_order_for_buyer(
        self, user_id: int, message_id: int
    ) -> tuple[OrderMessage, Order] | None:
        """A message about one of the buyer's orders (trash included), with that order."""
        query = (
            select(OrderMessage, Order)
            .join(Order, Order.id == OrderMessage.order_id)
            .where(OrderMessage.id == message_id, Order.buyer_id == user_id)
        )
        row = (await self._session.execute(query)).one_or_none()
        return (row[0], row[1]) if row is not None else None

    # --- conversations (the buyer's messages grouped by store or by order) ----------------

    def _conversations(self, user_id: int) -> Select[tuple[OrderMessage, Order]]:
        """The buyer's messages outside the trash, without the stores they blocked."""
        return (
            select(OrderMessage, Order)
            .join(Order, Order.id == OrderMessage.order_id)
            .where(
                Order.buyer_id == user_id,
                Order.deleted_at.is_(None),
                Order.store_id.not_in(blocked_store_ids(user_id)),
            )
        )

    async def conversation_rows(self, user_id: int) -> list[tuple[OrderMessage, Order]]:
        """Every message of the buyer's conversations with its order (store loaded), newest
        first."""
        query = (
            self._conversations(user_id)
            .options(joinedload(Order.store))
            .order_by(OrderMessage.sent_at.desc(), OrderMessage.id.desc())
        )
        return [(row[0], row[1]) for row in await self._session.execute(query)]

    async def unread_for_buyer(
        self, user_id: int, store_id: int | None = None
    ) -> list[OrderMessage]:
        """Messages to the buyer not read yet (only the store's, with `store_id`)."""
        query = self._conversations(user_id).where(
            OrderMessage.sender != MessageSender.BUYER, OrderMessage.read_at.is_(None)
        )
        if store_id is not None:
            query = query.where(Order.store_id == store_id)
        return [row[0] for row in await self._session.execute(query)]

    async def count_unread_for_buyer(self, user_id: int) -> int:
        """What `unread_for_buyer` would return, counted by the database (the home screen
        asks on every visit)."""
        unread = self._conversations(user_id).where(
            OrderMessage.sender != MessageSender.BUYER, OrderMessage.read_at.is_(None)
        )
        counted = select(func.count()).select_from(unread.subquery())
        return int(await self._session.scalar(counted) or 0)
