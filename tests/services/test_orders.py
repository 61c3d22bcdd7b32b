"""My orders rules: tabs, search, confirming receipt, extending protection, ownership."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.clock import FixedClock
from bot.db.enums import DisputeReason, OrderStatus
from bot.db.uow import UnitOfWork
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.errors import (
    Blocked,
    OrderInDispute,
    OrderNotFound,
    ProtectionAlreadyExtended,
    ProtectionNotRunning,
    ReceiptNotConfirmable,
    SearchQueryTooShort,
)
from bot.services.feedback.rules import FeedbackRules
from bot.services.orders import buyer as orders
from bot.services.orders.buyer import OrderTab
from tests.factories import make_buyer, make_order

S = OrderStatus

RULES = (DisputeRules(), FeedbackRules())


async def test_tabs_count_orders_by_status_and_trash_separately(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    for status in (S.AWAITING_PAYMENT, S.SHIPPED, S.DELIVERED, S.COMPLETED, S.CLOSED):
        await make_order(uow, buyer, clock.now(), status=status)
    await make_order(uow, buyer, clock.now(), status=S.COMPLETED, deleted_days_ago=1)

    page = await orders.list_orders(uow, buyer.id, OrderTab.TO_RECEIVE, 0, 5)

    assert page.tab_counts == {
        OrderTab.ALL: 5,
        OrderTab.TO_PAY: 1,
        OrderTab.TO_SHIP: 0,
        OrderTab.TO_RECEIVE: 2,
        OrderTab.COMPLETED: 1,
        OrderTab.CLOSED: 1,
    }
    assert page.trashed == 1
    assert {order.status for order in page.page.items} == {S.SHIPPED, S.DELIVERED}


async def test_pages_are_newest_first_and_a_page_past_the_end_shows_the_last(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    for days in range(7):
        await make_order(uow, buyer, clock.now(), title=f"item {days}", days_ago=days)

    first = await orders.list_orders(uow, buyer.id, OrderTab.ALL, 0, 5)
    beyond = await orders.list_orders(uow, buyer.id, OrderTab.ALL, 9, 5)

    assert [o.headline for o in first.page.items] == [f"item {d}" for d in range(5)]
    assert (beyond.page.number, beyond.page.pages) == (1, 2)
    assert [o.headline for o in beyond.page.items] == ["item 5", "item 6"]


async def test_search_finds_by_number_tail_and_by_title_in_any_case(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    await make_order(
        uow, buyer, clock.now(), title="Беспроводные НАУШНИКИ", number="8100000000004321"
    )
    await make_order(uow, buyer, clock.now(), title="Yoga mat", number="8100000000009999")

    by_tail = await orders.search_orders(uow, buyer.id, "4321", 0, 5)
    by_title = await orders.search_orders(uow, buyer.id, "  наушники ", 0, 5)
    by_store = await orders.search_orders(uow, buyer.id, "ugreen", 0, 5)

    assert [o.number for o in by_tail.page.items] == ["8100000000004321"]
    assert [o.headline for o in by_title.page.items] == ["Беспроводные НАУШНИКИ"]
    assert by_store.page.total == 2


async def test_search_treats_wildcards_literally_and_refuses_one_letter(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    await make_order(uow, buyer, clock.now(), title="Phone case")

    assert (await orders.search_orders(uow, buyer.id, "%%", 0, 5)).page.total == 0
    assert (await orders.search_orders(uow, buyer.id, "__", 0, 5)).page.total == 0
    with pytest.raises(SearchQueryTooShort):
        await orders.search_orders(uow, buyer.id, " a ", 0, 5)


async def test_search_never_returns_another_buyers_orders(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    anna = await make_buyer(uow, 1, clock.now())
    boris = await make_buyer(uow, 2, clock.now())
    await make_order(uow, boris, clock.now(), title="Secret gift")

    assert (await orders.search_orders(uow, anna.id, "secret", 0, 5)).page.total == 0


@pytest.mark.parametrize("status", [S.SHIPPED, S.DELIVERED])
async def test_confirming_receipt_completes_the_order_and_ends_protection(
    uow: UnitOfWork, clock: FixedClock, status: OrderStatus
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=status, shipped_days_ago=5)

    done = await orders.confirm_receipt(uow, buyer.id, order.id, clock.now(), *RULES)

    assert done.order.status is S.COMPLETED
    assert done.order.completed_at == clock.now()
    assert done.order.protection_ends_at == clock.now()
    assert orders.protection_days_left(done.order, clock.now()) is None
    # the card it leaves behind offers what comes next, not what was just done
    assert (done.can_confirm, done.can_extend, done.can_rate) == (False, False, True)


@pytest.mark.parametrize("status", [S.AWAITING_PAYMENT, S.AWAITING_SHIPMENT, S.COMPLETED, S.CLOSED])
async def test_receipt_cannot_be_confirmed_before_shipping_or_twice(
    uow: UnitOfWork, clock: FixedClock, status: OrderStatus
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=status)

    with pytest.raises(ReceiptNotConfirmable) as refused:
        await orders.confirm_receipt(uow, buyer.id, order.id, clock.now(), *RULES)
    assert refused.value.status is status


async def test_protection_extends_once_by_the_configured_days(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=S.SHIPPED, shipped_days_ago=50)
    assert orders.protection_days_left(order, clock.now()) == 10

    extended = await orders.extend_protection(uow, buyer.id, order.id, clock.now(), 15, *RULES)
    assert orders.protection_days_left(extended.order, clock.now()) == 25
    assert not extended.can_extend and extended.can_confirm

    clock.advance(timedelta(days=1))
    with pytest.raises(ProtectionAlreadyExtended) as again:
        await orders.extend_protection(uow, buyer.id, order.id, clock.now(), 15, *RULES)
    assert again.value.extended_at == clock.now() - timedelta(days=1)


async def test_protection_cannot_be_extended_after_it_ended(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=S.DELIVERED, shipped_days_ago=61)

    with pytest.raises(ProtectionNotRunning) as ended:
        await orders.extend_protection(uow, buyer.id, order.id, clock.now(), 15, *RULES)
    assert ended.value.ended_at == clock.now() - timedelta(days=1)


async def test_protection_cannot_be_extended_before_shipping(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=S.AWAITING_SHIPMENT)

    with pytest.raises(ProtectionNotRunning) as refused:
        await orders.extend_protection(uow, buyer.id, order.id, clock.now(), 15, *RULES)
    assert (refused.value.status, refused.value.ended_at) == (S.AWAITING_SHIPMENT, None)


async def test_a_started_day_of_protection_counts_as_a_day(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=S.SHIPPED, shipped_days_ago=59.9)

    assert orders.protection_days_left(order, clock.now()) == 1
    clock.advance(timedelta(hours=2.4))
    assert orders.protection_days_left(order, clock.now()) is None


async def test_another_buyers_order_is_simply_not_found(uow: UnitOfWork, clock: FixedClock) -> None:
    anna = await make_buyer(uow, 1, clock.now())
    boris = await make_buyer(uow, 2, clock.now())
    order = await make_order(uow, boris, clock.now(), status=S.SHIPPED, shipped_days_ago=1)

    for action in (
        orders.order_screen(uow, anna.id, order.id, clock.now(), *RULES),
        orders.get_tracking(uow, anna.id, order.id),
        orders.confirm_receipt(uow, anna.id, order.id, clock.now(), *RULES),
        orders.extend_protection(uow, anna.id, order.id, clock.now(), 15, *RULES),
    ):
        with pytest.raises(OrderNotFound):
            await action
    card = await orders.order_screen(uow, boris.id, order.id, clock.now(), *RULES)
    assert card.order.status is S.SHIPPED
    assert card.order.protection_extended_at is None


async def test_receipt_cannot_be_confirmed_while_a_dispute_is_open(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    """As on the marketplace: confirming would pay the seller what the dispute claims, so the
    buyer cancels the dispute first (or waits for its decision)."""
    buyer = await make_buyer(uow, 1, clock.now())
    order = await make_order(uow, buyer, clock.now(), status=S.SHIPPED, shipped_days_ago=20)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Still not here")
    dispute = (
        await disputes.open_dispute(uow, buyer, order.id, spec, clock.now(), DisputeRules())
    ).dispute

    for action in (
        orders.check_receipt_confirmable(uow, buyer.id, order.id),
        orders.confirm_receipt(uow, buyer.id, order.id, clock.now(), *RULES),
    ):
        with pytest.raises(OrderInDispute) as refused:
            await action
        assert (refused.value.dispute_id, refused.value.blocked) == (
            dispute.id,
            Blocked.CONFIRM_RECEIPT,
        )
    assert (
        await orders.order_screen(uow, buyer.id, order.id, clock.now(), *RULES)
    ).order.status is S.SHIPPED
    assert not orders.can_confirm_receipt(order, dispute)

    await disputes.cancel(uow, buyer.id, dispute.id, clock.now())
    done = await orders.confirm_receipt(uow, buyer.id, order.id, clock.now(), *RULES)
    assert done.order.status is S.COMPLETED
