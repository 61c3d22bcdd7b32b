"""Everything stored about one buyer, for "Download my data"; every query is owner-scoped."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from bot.db.models import (
    Address,
    Coupon,
    NotificationPreference,
    Order,
    OrderMessage,
    TelegramSession,
)


class ExportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def orders(self, buyer_id: int) -> list[Order]:
        """All orders, deleted ones too, with store, items and tracking, oldest first."""
        query = (
            select(Order)
            .where(Order.buyer_id == buyer_id)
            .options(joinedload(Order.store), selectinload(Order.items), selectinload(Order.events))
            .order_by(Order.placed_at, Order.id)
        )
        return list((await self._session.scalars(query)).unique().all())

    async def messages(self, buyer_id: int) -> list[tuple[str, OrderMessage]]:
        """(order number, message) for every message about the buyer's orders."""
        query = (
            select(Order.number, OrderMessage)
            .join(Order, Order.id == OrderMessage.order_id)
            .where(Order.buyer_id == buyer_id)
            .order_by(OrderMessage.sent_at, OrderMessage.id)
        )
        return [(number, message) for number, message in (await self._session.execute(query))]

    async def coupons(self, buyer_id: int) -> list[Coupon]:
        query = (
            select(Coupon)
            .where(Coupon.user_id == buyer_id)
            .options(joinedload(Coupon.store), joinedload(Coupon.order))
            .order_by(Coupon.created_at, Coupon.id)
        )
        return list((await self._session.scalars(query)).unique().all())

    async def preferences(self, buyer_id: int) -> list[NotificationPreference]:
        query = (
            select(NotificationPreference)
            .where(NotificationPreference.user_id == buyer_id)
            .order_by(NotificationPreference.kind)
        )
        return list((await self._session.scalars(query)).all())

    async def addresses(self, buyer_id: int) -> list[Address]:
        query = select(Address).where(Address.user_id == buyer_id).order_by(Address.id)
        return list((await self._session.scalars(query)).all())

    async def sessions(self, buyer_id: int) -> list[TelegramSession]:
        query = (
            select(TelegramSession)
            .where(TelegramSession.user_id == buyer_id)
            .order_by(TelegramSession.signed_in_at)
        )
        return list((await self._session.scalars(query)).all())
