"""The cabinet's home: what needs the buyer's attention, like the web cabinet's summary."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.enums import OrderStatus
from bot.db.uow import UnitOfWork
from bot.services.messages import center as message_center


@dataclass(frozen=True)
class CabinetSummary:
    to_pay: int
    to_ship: int
    to_receive: int
    to_review: int
    total: int
    trashed: int
    coupons: int = 0  # active ones
    messages: int = 0  # unread in the message center


async def cabinet_summary(
    uow: UnitOfWork, buyer_id: int, now: datetime, feedback_window_days: int
) -> CabinetSummary:
    async with uow:
        counts, trashed = await uow.orders.status_counts(buyer_id)
        to_review = await uow.orders.count_awaiting_feedback(
            buyer_id, now - timedelta(days=feedback_window_days)
        )
        return CabinetSummary(
            to_pay=counts.get(OrderStatus.AWAITING_PAYMENT, 0),
            to_ship=counts.get(OrderStatus.AWAITING_SHIPMENT, 0),
            to_receive=counts.get(OrderStatus.SHIPPED, 0) + counts.get(OrderStatus.DELIVERED, 0),
            to_review=to_review,
            total=sum(counts.values()),
            trashed=trashed,
            coupons=await uow.coupons.count_active(buyer_id, now),
            messages=(await message_center.inbox(uow, buyer_id)).total,
        )
