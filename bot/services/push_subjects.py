"""What a batch of queued pushes is about, loaded in a few queries for the whole batch.

A push is dropped (its subject is None) when what it speaks of is gone or changed since it
was queued: the order deleted or (for a purge warning) restored, the scan or message removed,
a reminder whose date moved or whose order left transit, a coupon used, withdrawn, moved or
expired meanwhile. The push never tells the buyer something that is no longer true.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from bot.db.enums import OrderStatus
from bot.db.models import Coupon, Order, OrderMessage, OutboxMessage, TrackingEvent
from bot.db.uow import UnitOfWork
from bot.services.events import NoticeKind
from bot.services.order_status import IN_TRANSIT


@dataclass(frozen=True)
class Subject:
    """The order a push is about, with the scan or message that caused it; or the coupon."""

    order: Order | None = None
    event: TrackingEvent | None = None
    message: OrderMessage | None = None
    coupon: Coupon | None = None


def _ints(rows: Iterable[OutboxMessage], key: str) -> set[int]:
    return {value for row in rows if isinstance(value := row.payload.get(key), int)}


@dataclass
class _Loaded:
    orders: dict[int, Order]
    events: dict[tuple[int, str], TrackingEvent]
    messages: dict[int, OrderMessage]
    coupons: dict[int, Coupon]


async def _load(uow: UnitOfWork, rows: list[OutboxMessage]) -> _Loaded:
    session = uow.session
    order_ids = _ints(rows, "order_id")
    orders = {}
    if order_ids:
        found = await session.scalars(select(Order).where(Order.id.in_(order_ids)))
        orders = {order.id: order for order in found}
    scans = {
        str(row.payload.get("carrier_event_id"))
        for row in rows
        if row.kind == NoticeKind.TRACKING_EVENT
    }
    events = {}
    if scans:
        query = select(TrackingEvent).where(
            TrackingEvent.order_id.in_(order_ids), TrackingEvent.carrier_event_id.in_(scans)
        )
        events = {(e.order_id, e.carrier_event_id or ""): e for e in await session.scalars(query)}
    messages = {}
    if message_ids := _ints(rows, "message_id"):
        query = select(OrderMessage).where(OrderMessage.id.in_(message_ids))
        messages = {message.id: message for message in await session.scalars(query)}
    coupons = {}
    if coupon_ids := _ints(rows, "coupon_id"):
        query = (
            select(Coupon)
            .where(Coupon.id.in_(coupon_ids))
            .options(joinedload(Coupon.store), joinedload(Coupon.order))
        )
        coupons = {coupon.id: coupon for coupon in (await session.scalars(query)).unique()}
    return _Loaded(orders, events, messages, coupons)


def _coupon_subject(row: OutboxMessage, loaded: _Loaded, now: datetime) -> Subject | None:
    """Only while the coupon is unused, not expired, and still expires when the push says."""
    coupon = loaded.coupons.get(row.payload.get("coupon_id"))  # type: ignore[arg-type]
    if coupon is None or coupon.user_id != row.user_id or coupon.used_at is not None:
        return None
    if coupon.expires_at.isoformat() != row.payload.get("due_at"):
        return None  # moved: the reminders for the new date come on their own
    return Subject(coupon=coupon) if coupon.expires_at > now else None


def _order_subject(row: OutboxMessage, loaded: _Loaded) -> Subject | None:
    order = loaded.orders.get(row.payload.get("order_id"))  # type: ignore[arg-type]
    if order is None or order.buyer_id != row.user_id:
        return None
    in_trash = row.kind == NoticeKind.TRASH_PURGE
    if (order.deleted_at is not None) != in_trash:
        return None
    due = row.payload.get("due_at")
    if row.kind == NoticeKind.TRACKING_STALLED:
        return Subject(order) if order.status is OrderStatus.SHIPPED else None
    if row.kind == NoticeKind.AUTO_CONFIRM_SOON:
        at = order.auto_confirm_at.isoformat() if order.auto_confirm_at else None
        return Subject(order) if order.status in IN_TRANSIT and at == due else None
    if row.kind == NoticeKind.PROTECTION_ENDING:
        at = order.protection_ends_at.isoformat() if order.protection_ends_at else None
        return Subject(order) if order.status in IN_TRANSIT and at == due else None
    if row.kind == NoticeKind.TRACKING_EVENT:
        event = loaded.events.get((order.id, str(row.payload.get("carrier_event_id"))))
        return Subject(order, event=event) if event is not None else None
    if row.kind == NoticeKind.SELLER_MESSAGE:
        message = loaded.messages.get(row.payload.get("message_id"))  # type: ignore[arg-type]
        if message is None or message.order_id != order.id:
            return None
        return Subject(order, message=message)
    return Subject(order)


async def load_subjects(
    uow: UnitOfWork, rows: list[OutboxMessage], now: datetime
) -> list[Subject | None]:
    """The subject of each row (None: skip the push), in the rows' order."""
    async with uow:
        loaded = await _load(uow, rows)
        return [
            _coupon_subject(row, loaded, now)
            if row.kind == NoticeKind.COUPON_EXPIRING
            else _order_subject(row, loaded)
            for row in rows
        ]
