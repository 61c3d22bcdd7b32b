"""My orders: tabs, search, the order card, tracking, confirming receipt, extending protection."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.db.enums import OrderStatus
from bot.db.models import Dispute, Order, TrackingEvent
from bot.db.uow import UnitOfWork
from bot.services import order_status
from bot.services.deadlines import sync_order_deadlines
from bot.services.disputes import rules as dispute_rules
from bot.services.disputes.lists import refuse_if_in_dispute
from bot.services.errors import (
    Blocked,
    OrderNotFound,
    ProtectionAlreadyExtended,
    ProtectionNotRunning,
    ReceiptNotConfirmable,
    SearchQueryTooLong,
    SearchQueryTooShort,
)
from bot.services.events import EventKind, record_order_event
from bot.services.paging import clamp_page, page_count

SEARCH_MIN_LENGTH = 2
SEARCH_MAX_LENGTH = 100


class OrderTab(StrEnum):
    """The tabs of My orders, as on the web cabinet."""

    ALL = "all"
    TO_PAY = "pay"
    TO_SHIP = "ship"
    TO_RECEIVE = "recv"
    COMPLETED = "done"
    CLOSED = "closed"


TAB_STATUSES: dict[OrderTab, frozenset[OrderStatus] | None] = {
    OrderTab.ALL: None,
    OrderTab.TO_PAY: frozenset({OrderStatus.AWAITING_PAYMENT}),
    OrderTab.TO_SHIP: frozenset({OrderStatus.AWAITING_SHIPMENT}),
    OrderTab.TO_RECEIVE: order_status.IN_TRANSIT,
    OrderTab.COMPLETED: frozenset({OrderStatus.COMPLETED}),
    OrderTab.CLOSED: frozenset({OrderStatus.CLOSED}),
}


@dataclass(frozen=True)
class OrderPage:
    orders: list[Order]
    tab: OrderTab
    page: int
    pages: int
    tab_counts: dict[OrderTab, int]
    trashed: int


@dataclass(frozen=True)
class SearchPage:
    query: str
    orders: list[Order]
    total: int
    page: int
    pages: int


@dataclass(frozen=True)
class OrderCard:
    order: Order
    latest_event: TrackingEvent | None
    seller_blocked: bool = False  # the conversation with the seller is hidden then


def tab_counts(counts: dict[OrderStatus, int]) -> dict[OrderTab, int]:
    result = {}
    for tab, statuses in TAB_STATUSES.items():
        wanted = counts.keys() if statuses is None else statuses
        result[tab] = sum(counts.get(status, 0) for status in wanted)
    return result


async def list_orders(
    uow: UnitOfWork, buyer_id: int, tab: OrderTab, page: int, page_size: int
) -> OrderPage:
    """One page of a tab, with the counts of every tab and of the trash."""
    async with uow:
        counts, trashed = await uow.orders.status_counts(buyer_id)
        per_tab = tab_counts(counts)
        pages = page_count(per_tab[tab], page_size)
        page = clamp_page(page, pages)
        orders = await uow.orders.page_for_buyer(
            buyer_id, TAB_STATUSES[tab], page * page_size, page_size
        )
        return OrderPage(orders, tab, page, pages, per_tab, trashed)


def normalize_query(query: str) -> str:
    """Case-folded, whitespace-squeezed text, the same way `search_text` is stored."""
    return " ".join(query.casefold().split())


async def search_orders(
    uow: UnitOfWork, buyer_id: int, query: str, page: int, page_size: int
) -> SearchPage:
    """Orders whose number, product titles or store name contain the query; trash included."""
    needle = normalize_query(query)
    if len(needle) < SEARCH_MIN_LENGTH:
        raise SearchQueryTooShort(min_length=SEARCH_MIN_LENGTH)
    if len(needle) > SEARCH_MAX_LENGTH:
        raise SearchQueryTooLong(max_length=SEARCH_MAX_LENGTH)
    async with uow:
        total = await uow.orders.count_matching(buyer_id, needle)
        pages = page_count(total, page_size)
        page = clamp_page(page, pages)
        orders = await uow.orders.page_matching(buyer_id, needle, page * page_size, page_size)
        return SearchPage(query.strip(), orders, total, page, pages)


async def get_order_card(uow: UnitOfWork, buyer_id: int, order_id: int) -> OrderCard:
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, with_details=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        blocked = await uow.notices.blocked(buyer_id, order.store_id) is not None
        return OrderCard(order, await uow.orders.latest_event(order.id), blocked)


async def get_tracking(
    uow: UnitOfWork, buyer_id: int, order_id: int
) -> tuple[Order, list[TrackingEvent]]:
    """The order and its tracking events, newest first."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        return order, await uow.orders.events(order.id)


def can_confirm_receipt(order: Order, dispute: Dispute | None = None) -> bool:
    """On its way, and no dispute running: as on the marketplace, receipt cannot be confirmed
    while a dispute is open (confirming would pay the seller what the dispute claims)."""
    return order.status in order_status.IN_TRANSIT and not dispute_rules.is_open(dispute)


def protection_running(order: Order, now: datetime) -> bool:
    return (
        order.status in order_status.IN_TRANSIT
        and order.protection_ends_at is not None
        and order.protection_ends_at > now
    )


def can_extend_protection(order: Order, now: datetime) -> bool:
    return protection_running(order, now) and order.protection_extended_at is None


def protection_days_left(order: Order, now: datetime) -> int | None:
    """Whole days of protection left, counting a started day as a day; None if not running."""
    if not protection_running(order, now):
        return None
    assert order.protection_ends_at is not None
    return math.ceil((order.protection_ends_at - now) / timedelta(days=1))


async def check_receipt_confirmable(uow: UnitOfWork, buyer_id: int, order_id: int) -> Order:
    """Before the warning screen: is confirming possible at all? Not before the order ships,
    and not while its dispute is open (the buyer cancels it first, or waits for its end)."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        if order.status not in order_status.IN_TRANSIT:
            raise ReceiptNotConfirmable(status=order.status)
        await refuse_if_in_dispute(uow, order, Blocked.CONFIRM_RECEIPT)
        return order


async def confirm_receipt(
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    now: datetime,
    feedback_window_days: int | None = None,
) -> Order:
    """The buyer got the goods: the order completes, protection ends, the seller is paid;
    the feedback window opens (its closing is reminded of when the window is given)."""
    async with uow:
        order = await check_receipt_confirmable(uow, buyer_id, order_id)
        order_status.advance(order, OrderStatus.COMPLETED, now)
        await sync_order_deadlines(uow, order, feedback_window_days=feedback_window_days)
        record_order_event(uow, EventKind.RECEIPT_CONFIRMED, order, now)
        await uow.commit()
        return order


async def extend_protection(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime, days: int
) -> Order:
    """Give the parcel more time: once per order, only while protection still runs."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        if not protection_running(order, now):
            raise ProtectionNotRunning(status=order.status, ended_at=order.protection_ends_at)
        if order.protection_extended_at is not None:
            assert order.protection_ends_at is not None
            raise ProtectionAlreadyExtended(
                extended_at=order.protection_extended_at, ends_at=order.protection_ends_at
            )
        assert order.protection_ends_at is not None
        order.protection_ends_at += timedelta(days=days)
        if order.auto_confirm_at is not None:
            order.auto_confirm_at += timedelta(days=days)  # as on the marketplace: it waits too
        order.protection_extended_at = now
        order.updated_at = now
        await sync_order_deadlines(uow, order)
        record_order_event(
            uow,
            EventKind.PROTECTION_EXTENDED,
            order,
            now,
            days=days,
            protection_ends_at=order.protection_ends_at.isoformat(),
        )
        await uow.commit()
        return order
