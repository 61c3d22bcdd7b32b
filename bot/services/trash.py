"""Deleted orders: a trash the buyer can restore from, emptied after a retention period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.models import Order
from bot.db.uow import UnitOfWork
from bot.services import order_status
from bot.services.deadlines import forget_order_deadlines, sync_order_deadlines
from bot.services.errors import OrderNotDeletable, OrderNotFound
from bot.services.events import EventKind, record_order_event
from bot.services.orders import clamp_page, page_count


@dataclass(frozen=True)
class TrashPage:
    orders: list[Order]
    page: int
    pages: int
    total: int


def can_delete(order: Order) -> bool:
    return order.status in order_status.FINISHED


def purge_date(order: Order, retention_days: int) -> datetime:
    """When the trash will drop this order for good."""
    assert order.deleted_at is not None
    return order.deleted_at + timedelta(days=retention_days)


async def move_to_trash(
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    now: datetime,
    *,
    retention_days: int | None = None,
) -> Order:
    """Hide a finished order from My orders; it can be restored until it is purged (and the
    buyer is reminded a day before, when `retention_days` is known)."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        if not can_delete(order):
            raise OrderNotDeletable(status=order.status)
        order.deleted_at = now
        order.updated_at = now
        await sync_order_deadlines(uow, order, retention_days)
        record_order_event(uow, EventKind.ORDER_DELETED, order, now)
        await uow.commit()
        return order


async def restore_order(uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime) -> Order:
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, in_trash=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        order.deleted_at = None
        order.updated_at = now
        await sync_order_deadlines(uow, order)
        record_order_event(uow, EventKind.ORDER_RESTORED, order, now)
        await uow.commit()
        return order


async def get_trashed(uow: UnitOfWork, buyer_id: int, order_id: int) -> Order:
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, in_trash=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        return order


async def delete_forever(uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime) -> str:
    """Remove a trashed order and its items and tracking for good; returns its number."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, in_trash=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        number = order.number
        record_order_event(uow, EventKind.ORDER_PURGED, order, now)
        await forget_order_deadlines(uow, order.id)
        await uow.orders.delete(order)
        await uow.commit()
        return number


async def list_trash(uow: UnitOfWork, buyer_id: int, page: int, page_size: int) -> TrashPage:
    async with uow:
        _, total = await uow.orders.status_counts(buyer_id)
        pages = page_count(total, page_size)
        page = clamp_page(page, pages)
        orders = await uow.orders.trash_page(buyer_id, page * page_size, page_size)
        return TrashPage(orders, page, pages, total)


async def purge_expired(uow: UnitOfWork, now: datetime, retention_days: int) -> int:
    """Empty the trash of everything older than the retention period (a scheduler job)."""
    async with uow:
        purged = await uow.orders.purge_deleted_before(now - timedelta(days=retention_days))
        await uow.commit()
        return purged
