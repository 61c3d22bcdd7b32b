"""Orders as the marketplace feeds them: create, advance, tracking events, seller messages.

Every change also queues the buyer's push in the outbox (sent by the notifications worker).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.db.enums import CloseReason, MessageSender, OrderStatus, TrackingEventKind
from bot.db.models import Order, OrderMessage, TrackingEvent, User
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import is_account
from bot.services.deadlines import sync_order_deadlines
from bot.services.errors import (
    BuyerNotFound,
    OrderNumberNotFound,
    OrderNumberTaken,
    StoreNotFound,
)
from bot.services.events import NoticeKind, notify
from bot.services.orders import status as order_status
from bot.services.orders.factory import NewItem, build_order


@dataclass(frozen=True)
class ItemSpec:
    title: str
    unit_price_minor: int
    quantity: int
    variant: str | None = None
    product_external_id: str | None = None


@dataclass(frozen=True)
class OrderSpec:
    number: str
    store_external_id: str
    currency: str
    items: Sequence[ItemSpec]
    shipping_minor: int
    shipping_address: dict[str, Any]
    placed_at: datetime
    paid_at: datetime | None = None


@dataclass(frozen=True)
class StatusChange:
    status: OrderStatus
    at: datetime | None = None
    close_reason: CloseReason | None = None
    protection_days: int | None = None
    tracking_number: str | None = None
    carrier: str | None = None
    auto_confirm_at: datetime | None = None


@dataclass(frozen=True)
class TrackingSpec:
    carrier_event_id: str
    occurred_at: datetime
    description: str
    kind: TrackingEventKind | None = None
    location: str | None = None


async def _account(uow: UnitOfWork, buyer_id: int) -> User:
    user = await uow.users.by_id(buyer_id)
    if user is None or not is_account(user):
        raise BuyerNotFound(buyer_id=buyer_id)
    return user


async def _order(uow: UnitOfWork, number: str) -> Order:
    order = await uow.orders.by_number(number)
    if order is None:
        raise OrderNumberNotFound(number=number)
    return order


async def create_order(
    uow: UnitOfWork, buyer_id: int, spec: OrderSpec, now: datetime
) -> OrderDetails:
    """A new order for the buyer, awaiting payment (or shipment when already paid)."""
    async with uow:
        buyer = await _account(uow, buyer_id)
        if await uow.orders.by_number(spec.number) is not None:
            raise OrderNumberTaken(number=spec.number)
        store = await uow.stores.by_external_id(spec.store_external_id)
        if store is None:
            raise StoreNotFound(external_id=spec.store_external_id)
        items = []
        for item in spec.items:
            product_id = None
            if item.product_external_id is not None:
                product = await uow.products.by_external_id(store.id, item.product_external_id)
                product_id = product.id if product is not None else None
            items.append(
                NewItem(item.title, item.unit_price_minor, item.quantity, item.variant, product_id)
            )
        order = build_order(
            buyer_id=buyer.id,
            store=store,
            number=spec.number,
            currency=spec.currency,
            items=items,
            placed_at=spec.placed_at,
            shipping_address=spec.shipping_address,
            shipping_minor=spec.shipping_minor,
        )
        order.events = []
        if spec.paid_at is not None:
            order_status.advance(order, OrderStatus.AWAITING_SHIPMENT, spec.paid_at)
        uow.orders.add(order)
        await uow.orders.flush()
        await notify(
            uow,
            buyer.id,
            NoticeKind.ORDER_CREATED,
            {"order_id": order.id, "number": order.number},
            f"order:{order.id}:created",
            now,
        )
        await uow.commit()
        return await get_order(uow, spec.number)


async def change_status(
    uow: UnitOfWork,
    number: str,
    change: StatusChange,
    now: datetime,
    default_protection: int,
    feedback_window_days: int | None = None,
) -> OrderDetails:
    """Move the order through the status machine; repeating the current status is a no-op."""
    async with uow:
        order = await _order(uow, number)
        if order.status is not change.status:
            order_status.advance(
                order,
                change.status,
                change.at or now,
                protection_days=change.protection_days or default_protection,
                close_reason=change.close_reason,
            )
            await notify(
                uow,
                order.buyer_id,
                NoticeKind.ORDER_STATUS,
                {"order_id": order.id, "number": order.number, "status": change.status.value},
                f"order:{order.id}:status:{change.status.value}",
                now,
            )
        if change.tracking_number is not None:
            order.tracking_number = change.tracking_number
        if change.carrier is not None:
            order.carrier = change.carrier
        if change.auto_confirm_at is not None:
            order.auto_confirm_at = change.auto_confirm_at
        await sync_order_deadlines(uow, order, feedback_window_days=feedback_window_days)
        order.updated_at = now
        await uow.commit()
        return await get_order(uow, number)


async def add_tracking_events(
    uow: UnitOfWork, number: str, events: Sequence[TrackingSpec], now: datetime
) -> tuple[OrderDetails, int]:
    """Store the carrier's scans; a scan already known (by carrier event id) is skipped."""
    async with uow:
        order = await _order(uow, number)
        known = await uow.orders.carrier_event_ids(order.id)
        added = 0
        for spec in sorted(events, key=lambda event: event.occurred_at):
            if spec.carrier_event_id in known:
                continue
            known.add(spec.carrier_event_id)
            event = TrackingEvent(
                order_id=order.id,
                occurred_at=spec.occurred_at,
                kind=spec.kind,
                description=spec.description,
                location=spec.location,
                carrier_event_id=spec.carrier_event_id,
            )
            uow.orders.add_event(event)
            added += 1
            await notify(
                uow,
                order.buyer_id,
                NoticeKind.TRACKING_EVENT,
                {
                    "order_id": order.id,
                    "number": order.number,
                    "carrier_event_id": spec.carrier_event_id,
                },
                f"tracking:{order.id}:{spec.carrier_event_id}",
                now,
            )
        await uow.commit()
        return await get_order(uow, number), added


async def add_seller_message(
    uow: UnitOfWork,
    number: str,
    external_id: str,
    text: str,
    sent_at: datetime,
    now: datetime,
    sender: MessageSender = MessageSender.SELLER,
) -> tuple[OrderMessage, bool]:
    """A seller's (or the platform's) message about an order; the same external id is kept once."""
    async with uow:
        order = await _order(uow, number)
        existing = await uow.messages.by_external_id(order.id, external_id)
        if existing is not None:
            return existing, False
        message = OrderMessage(
            order_id=order.id, sender=sender, text=text, external_id=external_id, sent_at=sent_at
        )
        uow.messages.add(message)
        await uow.orders.flush()
        # A blocked seller is kept (the buyer may unblock) but never pushed.
        blocked = sender is MessageSender.SELLER and (
            await uow.blocked_stores.get(order.buyer_id, order.store_id) is not None
        )
        if not blocked:
            await notify(
                uow,
                order.buyer_id,
                NoticeKind.SELLER_MESSAGE,
                {"order_id": order.id, "number": order.number, "message_id": message.id},
                f"message:{message.id}",
                now,
            )
        await uow.commit()
        return message, True


@dataclass(frozen=True)
class OrderDetails:
    order: Order
    events: list[TrackingEvent]


async def get_order(uow: UnitOfWork, number: str) -> OrderDetails:
    """The order with items, store and tracking (newest first), for the marketplace."""
    async with uow:
        order = await uow.orders.by_number(number, with_details=True)
        if order is None:
            raise OrderNumberNotFound(number=number)
        return OrderDetails(order, await uow.orders.events(order.id))


async def list_buyer_orders(
    uow: UnitOfWork, buyer_id: int, offset: int, limit: int
) -> tuple[list[Order], int]:
    async with uow:
        await _account(uow, buyer_id)
        return await uow.orders.all_for_buyer(buyer_id, offset, limit)


async def list_messages(
    uow: UnitOfWork, number: str, offset: int, limit: int
) -> list[OrderMessage]:
    async with uow:
        order = await _order(uow, number)
        return await uow.messages.for_order(order.id, offset, limit)
