"""Deleted orders: what may be deleted, restoring, deleting forever, and the purge an operator
may configure (never of an order whose dispute is open)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from bot.clock import FixedClock
from bot.db.enums import DisputeReason, DisputeStatus, OrderStatus, TrackingEventKind
from bot.db.models import Dispute, Order, OrderItem, TrackingEvent, User
from bot.db.uow import UnitOfWork
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.errors import Blocked, OrderInDispute, OrderNotDeletable, OrderNotFound
from bot.services.orders import buyer as orders
from bot.services.orders import trash
from bot.services.orders.buyer import OrderTab
from tests.conftest import make_settings
from tests.factories import CARD_RULES, make_buyer, make_order

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
    assert (listing.page.items, listing.trashed) == ([], 1)
    assert [o.id for o in in_trash.page.items] == [order.id]

    await trash.restore_order(uow, buyer.id, order.id, clock.now(), *CARD_RULES)
    listing = await orders.list_orders(uow, buyer.id, OrderTab.ALL, 0, 5)
    assert ([o.id for o in listing.page.items], listing.trashed) == ([order.id], 0)


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
        await trash.restore_order(uow, buyer.id, order.id, clock.now(), *CARD_RULES)


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
    assert [o.id for o in remaining.page.items] == [fresh.id]
    assert trash.purge_date(remaining.page.items[0], 30) == fresh.deleted_at + timedelta(days=30)
    listing = await orders.list_orders(uow, buyer.id, OrderTab.ALL, 0, 5)
    assert [o.id for o in listing.page.items] == [kept.id]
    assert old.id not in {o.id for o in remaining.page.items}


async def test_one_buyer_cannot_touch_another_buyers_trash(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    anna = await make_buyer(uow, 1, clock.now())
    boris = await make_buyer(uow, 2, clock.now())
    order = await make_order(uow, boris, clock.now(), status=S.COMPLETED, deleted_days_ago=1)

    for action in (
        trash.restore_order(uow, anna.id, order.id, clock.now(), *CARD_RULES),
        trash.delete_forever(uow, anna.id, order.id, clock.now()),
        trash.get_trashed(uow, anna.id, order.id),
    ):
        with pytest.raises(OrderNotFound):
            await action
    assert (await trash.list_trash(uow, boris.id, 0, 5)).page.total == 1


async def _disputed(uow: UnitOfWork, buyer: User, now: datetime, status: S = S.COMPLETED) -> Order:
    """An order with an open dispute (damaged goods, disputable as soon as delivered)."""
    order = await make_order(uow, buyer, now, status=status, title="Vase", shipped_days_ago=8)
    spec = DisputeSpec(DisputeReason.DAMAGED, None, False, "Arrived broken")
    await disputes.open_dispute(uow, buyer, order.id, spec, now, DisputeRules())
    return order


async def _put_in_trash_directly(uow: UnitOfWork, order: Order, deleted_at: datetime) -> None:
    """As a database from before the dispute rule could hold it."""
    async with uow:
        row = await uow.session.get(Order, order.id)
        assert row is not None
        row.deleted_at = deleted_at
        await uow.commit()


async def test_by_default_nothing_is_purged_however_old(uow: UnitOfWork, clock: FixedClock) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    old = await make_order(uow, buyer, clock.now(), status=S.COMPLETED, deleted_days_ago=400)
    retention = make_settings().trash_retention_days

    assert retention == 0
    assert await trash.purge_expired(uow, clock.now(), retention) == 0
    listing = await trash.list_trash(uow, buyer.id, 0, 5)
    assert [o.id for o in listing.page.items] == [old.id]
    assert trash.purge_date(listing.page.items[0], retention) is None


async def test_an_order_with_an_open_dispute_cannot_be_deleted_until_the_dispute_ends(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await _disputed(uow, buyer, clock.now())

    with pytest.raises(OrderInDispute) as refused:
        await trash.move_to_trash(uow, buyer.id, order.id, clock.now())
    assert refused.value.order_number == order.number
    assert refused.value.blocked is Blocked.DELETE_ORDER
    assert refused.value.dispute_status is DisputeStatus.AWAITING_SELLER
    assert (await orders.list_orders(uow, buyer.id, OrderTab.ALL, 0, 5)).trashed == 0

    dispute_id = refused.value.dispute_id
    await disputes.cancel(uow, buyer.id, dispute_id, clock.now())
    await trash.move_to_trash(uow, buyer.id, order.id, clock.now())
    await trash.delete_forever(uow, buyer.id, order.id, clock.now())  # the buyer's choice
    assert (await trash.list_trash(uow, buyer.id, 0, 5)).page.total == 0


async def test_a_trashed_order_whose_dispute_is_open_is_never_deleted_nor_purged(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await _disputed(uow, buyer, clock.now())
    plain = await make_order(uow, buyer, clock.now(), status=S.CLOSED, deleted_days_ago=40)
    await _put_in_trash_directly(uow, order, clock.now() - timedelta(days=40))

    assert await trash.purge_expired(uow, clock.now(), 30) == 1  # the plain one only
    listing = await trash.list_trash(uow, buyer.id, 0, 5)
    assert [o.id for o in listing.page.items] == [order.id]
    assert listing.held == {order.id}
    assert (await trash.get_trashed(uow, buyer.id, order.id)).in_dispute
    for action in (
        trash.check_purgeable(uow, buyer.id, order.id),
        trash.delete_forever(uow, buyer.id, order.id, clock.now()),
    ):
        with pytest.raises(OrderInDispute):
            await action
    async with uow:
        assert await uow.session.get(Dispute, 1) is not None
    assert plain.id not in {o.id for o in listing.page.items}
