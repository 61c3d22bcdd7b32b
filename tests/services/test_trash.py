"""Deleted orders: what may be deleted, restoring, deleting forever, and the retention purge."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.db.enums import OrderStatus, TrackingEventKind
from bot.db.models import OrderItem, TrackingEvent
from bot.db.uow import UnitOfWork
from bot.services import orders, trash
from bot.services.errors import OrderNotDeletable, OrderNotFound
from bot.services.orders import OrderTab
from tests.factories import make_buyer, make_order

S = OrderStatus


@pytest.mark.parametrize("status", [S.COMPLETED, S.CLOSED])
async def test_finished_orders_move_to_the_trash_and_back(
    uow: UnitOfWork, clock: FixedClock, status: OrderStatus
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=status)

    await trash.move_to_trash(uow, buyer.id, order.id, clock.now())
    listing = await orders.list_orders(uow, buyer.id, OrderTab.ALL, 0, 5)
    in_trash = await trash.list_trash(uow, buyer.id, 0, 5)
    assert (listing.orders, listing.trashed) == ([], 1)
    assert [o.id for o in in_trash.orders] == [order.id]

    await trash.restore_order(uow, buyer.id, order.id, clock.now())
    listing = await orders.list_orders(uow, buyer.id, OrderTab.ALL, 0, 5)
    assert ([o.id for o in listing.orders], listing.trashed) == ([order.id], 0)


@pytest.mark.parametrize(
    "status", [S.AWAITING_PAYMENT, S.AWAITING_SHIPMENT, S.SHIPPED, S.DELIVERED]
)
async def test_unfinished_orders_cannot_be_deleted(
    uow: UnitOfWork, clock: FixedClock, status: OrderStatus
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=status)

    with pytest.raises(OrderNotDeletable) as refused:
        await trash.move_to_trash(uow, buyer.id, order.id, clock.now())
    assert refused.value.status is status
    assert (await orders.list_orders(uow, buyer.id, OrderTab.ALL, 0, 5)).trashed == 0


async def test_deleting_forever_removes_items_and_tracking_too(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(
        uow,
        buyer,
        clock.now(),
        status=S.COMPLETED,
        events=((TrackingEventKind.DELIVERED, 1, "Moscow"),),
        deleted_days_ago=1,
    )

    number = await trash.delete_forever(uow, buyer.id, order.id, clock.now())

    assert number == order.number
    async with uow:
        items = await uow.session.scalar(select(func.count()).select_from(OrderItem))
        events = await uow.session.scalar(select(func.count()).select_from(TrackingEvent))
    assert (items, events) == (0, 0)
    with pytest.raises(OrderNotFound):
        await trash.restore_order(uow, buyer.id, order.id, clock.now())


async def test_orders_outside_the_trash_cannot_be_deleted_forever(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=S.COMPLETED)

    with pytest.raises(OrderNotFound):
        await trash.delete_forever(uow, buyer.id, order.id, clock.now())


async def test_trash_empties_itself_after_the_retention_period(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    old = await make_order(uow, buyer, clock.now(), status=S.COMPLETED, deleted_days_ago=29)
    fresh = await make_order(uow, buyer, clock.now(), status=S.CLOSED, deleted_days_ago=2)
    kept = await make_order(uow, buyer, clock.now(), status=S.COMPLETED)

    assert await trash.purge_expired(uow, clock.now(), 30) == 0
    clock.advance(timedelta(days=1, seconds=1))
    assert await trash.purge_expired(uow, clock.now(), 30) == 1
    assert await trash.purge_expired(uow, clock.now(), 30) == 0

    remaining = await trash.list_trash(uow, buyer.id, 0, 5)
    assert [o.id for o in remaining.orders] == [fresh.id]
    assert trash.purge_date(remaining.orders[0], 30) == fresh.deleted_at + timedelta(days=30)
    listing = await orders.list_orders(uow, buyer.id, OrderTab.ALL, 0, 5)
    assert [o.id for o in listing.orders] == [kept.id]
    assert old.id not in {o.id for o in remaining.orders}


async def test_one_buyer_cannot_touch_another_buyers_trash(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    anna = await make_buyer(uow, 1, clock.now())
    boris = await make_buyer(uow, 2, clock.now())
    order = await make_order(uow, boris, clock.now(), status=S.COMPLETED, deleted_days_ago=1)

    for action in (
        trash.restore_order(uow, anna.id, order.id, clock.now()),
        trash.delete_forever(uow, anna.id, order.id, clock.now()),
        trash.get_trashed(uow, anna.id, order.id),
    ):
        with pytest.raises(OrderNotFound):
            await action
    assert (await trash.list_trash(uow, boris.id, 0, 5)).total == 1
