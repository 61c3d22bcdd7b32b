"""The order status machine, checked on random walks (hypothesis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from bot.db.enums import OrderStatus
from bot.db.models import Order, Store
from bot.services.errors import IllegalStatusChange
from bot.services.orders import status as order_status
from bot.services.orders.factory import NewItem, build_order

START = datetime(2026, 1, 1, tzinfo=UTC)


def fresh_order() -> Order:
    store = Store(id=1, name="Store")
    return build_order(
        buyer_id=1,
        store=store,
        number="1",
        currency="USD",
        items=[NewItem("x", 100)],
        placed_at=START,
        shipping_address={},
    )


@given(st.lists(st.sampled_from(list(OrderStatus)), max_size=12))
def test_random_requests_only_ever_follow_allowed_moves(requests: list[OrderStatus]) -> None:
    order = fresh_order()
    now = START
    for requested in requests:
        now += timedelta(hours=1)
        before = order.status
        try:
            order_status.advance(order, requested, now, protection_days=30)
        except IllegalStatusChange as refused:
            assert refused.current is before
            assert requested not in order_status.TRANSITIONS[before]
            assert order.status is before
        else:
            assert requested in order_status.TRANSITIONS[before]
            assert order.status is requested
            assert order.updated_at == now
    if order.status in order_status.FINISHED:
        assert all(not order_status.can_move(order.status, s) for s in OrderStatus)
    if order.status is OrderStatus.COMPLETED:
        assert order.completed_at is not None
        assert order.protection_ends_at is None or order.protection_ends_at <= order.completed_at
    if order.shipped_at is not None:
        assert order.protection_ends_at is not None


def test_every_status_is_reachable_from_a_new_order() -> None:
    reachable = {OrderStatus.AWAITING_PAYMENT}
    frontier = [OrderStatus.AWAITING_PAYMENT]
    while frontier:
        for nxt in order_status.TRANSITIONS[frontier.pop()]:
            if nxt not in reachable:
                reachable.add(nxt)
                frontier.append(nxt)
    assert reachable == set(OrderStatus)
