"""The order status machine shared by the bot, the demo data and the integration API."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.enums import CloseReason, OrderStatus
from bot.db.models import Order
from bot.services.errors import IllegalStatusChange

S = OrderStatus

TRANSITIONS: dict[OrderStatus, frozenset[OrderStatus]] = {
    S.AWAITING_PAYMENT: frozenset({S.AWAITING_SHIPMENT, S.CLOSED}),
    S.AWAITING_SHIPMENT: frozenset({S.SHIPPED, S.CLOSED}),
    S.SHIPPED: frozenset({S.DELIVERED, S.COMPLETED, S.CLOSED}),
    S.DELIVERED: frozenset({S.COMPLETED, S.CLOSED}),
    S.COMPLETED: frozenset(),
    S.CLOSED: frozenset(),
}

IN_TRANSIT = frozenset({S.SHIPPED, S.DELIVERED})
FINISHED = frozenset({S.COMPLETED, S.CLOSED})


def can_move(current: OrderStatus, requested: OrderStatus) -> bool:
    return requested in TRANSITIONS[current]


def advance(
    order: Order,
    requested: OrderStatus,
    now: datetime,
    *,
    protection_days: int | None = None,
    close_reason: CloseReason | None = None,
) -> None:
    """Move `order` to `requested`, stamping the date of the step; refuse illegal moves.

    Shipping starts buyer protection for `protection_days`; completing or closing ends it.
    """
    if not can_move(order.status, requested):
        raise IllegalStatusChange(current=order.status, requested=requested)
    order.status = requested
    order.updated_at = now
    if requested is S.AWAITING_SHIPMENT:
        order.paid_at = now
    elif requested is S.SHIPPED:
        order.shipped_at = now
        if protection_days is not None:
            order.protection_ends_at = now + timedelta(days=protection_days)
    elif requested is S.DELIVERED:
        order.delivered_at = now
    elif requested is S.COMPLETED:
        order.completed_at = now
        _end_protection(order, now)
    elif requested is S.CLOSED:
        order.closed_at = now
        order.close_reason = close_reason or CloseReason.CANCELLED_BY_SELLER
        _end_protection(order, now)


def _end_protection(order: Order, now: datetime) -> None:
    if order.protection_ends_at is not None and order.protection_ends_at > now:
        order.protection_ends_at = now
