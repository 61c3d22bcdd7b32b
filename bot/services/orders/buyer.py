"""My orders: tabs, search, the order card, tracking, confirming receipt, extending protection.

A screen is one read (`list_orders`, `order_screen`); a move (`confirm_receipt`,
`extend_protection`) returns the screen it leaves behind, built from the rows it changed."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.db.enums import OrderStatus
from bot.db.models import Dispute, Order, TrackingEvent
from bot.db.uow import UnitOfWork
from bot.services.deadlines import sync_order_deadlines
from bot.services.disputes import rules as dispute_rules
from bot.services.disputes.lists import OrderDispute
from bot.services.disputes.rules import DisputeRules
from bot.services.errors import (
    Blocked,
    OrderInDispute,
    OrderNotFound,
    ProtectionAlreadyExtended,
    ProtectionNotRunning,
    ReceiptNotConfirmable,
    SearchQueryTooLong,
    SearchQueryTooShort,
)
from bot.services.events import EventKind, record_order_event
from bot.services.feedback.rules import FeedbackRules, feedback_refusal
from bot.services.orders import status as order_status
from bot.services.paging import Page, page_of

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
class OrderList:
    """My orders: one page of a tab, with the counts of every tab and of the trash."""

    page: Page[Order]
    tab: OrderTab
    tab_counts: dict[OrderTab, int]
    trashed: int


@dataclass(frozen=True)
class SearchResults:
    query: str
    page: Page[Order]


@dataclass(frozen=True)
class OrderScreen:
    """Everything the order card shows and offers, read in one transaction: a button is
    offered only when pressing it would not be refused."""

    order: Order  # store and items loaded
    latest_event: TrackingEvent | None
    seller_blocked: bool  # the conversation with the seller is hidden then
    dispute: OrderDispute  # the order's dispute, or whether one may be opened
    can_confirm: bool
    can_extend: bool
    can_rate: bool
    can_delete: bool


def tab_counts(counts: dict[OrderStatus, int]) -> dict[OrderTab, int]:
    result = {}
    for tab, statuses in TAB_STATUSES.items():
        wanted = counts.keys() if statuses is None else statuses
        result[tab] = sum(counts.get(status, 0) for status in wanted)
    return result


async def list_orders(
    uow: UnitOfWork, buyer_id: int, tab: OrderTab, page: int, page_size: int
) -> OrderList:
    async with uow:
        counts, trashed = await uow.orders.status_counts(buyer_id)
        per_tab = tab_counts(counts)

        async def fetch(offset: int, limit: int) -> list[Order]:
            return await uow.orders.page_for_buyer(buyer_id, TAB_STATUSES[tab], offset, limit)

        found = await page_of(per_tab[tab], page, page_size, fetch)
        return OrderList(found, tab, per_tab, trashed)


def normalize_query(query: str) -> str:
    """Case-folded, whitespace-squeezed text, the same way `search_text` is stored."""
    return " ".join(query.casefold().split())


async def search_orders(
    uow: UnitOfWork, buyer_id: int, query: str, page: int, page_size: int
) -> SearchResults:
    """Orders whose number, product titles or store name contain the query; trash included."""
    needle = normalize_query(query)
    if len(needle) < SEARCH_MIN_LENGTH:
        raise SearchQueryTooShort(min_length=SEARCH_MIN_LENGTH)
    if len(needle) > SEARCH_MAX_LENGTH:
        raise SearchQueryTooLong(max_length=SEARCH_MAX_LENGTH)
    async with uow:
        total = await uow.orders.count_matching(buyer_id, needle)

        async def fetch(offset: int, limit: int) -> list[Order]:
            return await uow.orders.page_matching(buyer_id, needle, offset, limit)

        return SearchResults(query.strip(), await page_of(total, page, page_size, fetch))


async def buyer_order(uow: UnitOfWork, buyer_id: int, order_id: int) -> Order:
    """The buyer's order with its store and items (for a form that names it)."""
    async with uow:
        return await _details(uow, buyer_id, order_id)


async def _details(uow: UnitOfWork, buyer_id: int, order_id: int) -> Order:
    order = await uow.orders.get_for_buyer(buyer_id, order_id, with_details=True)
    if order is None:
        raise OrderNotFound(order_id=order_id)
    return order


async def order_screen(
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    now: datetime,
    disputes: DisputeRules,
    feedback: FeedbackRules,
) -> OrderScreen:
    async with uow:
        order = await _details(uow, buyer_id, order_id)
        dispute = await uow.disputes.for_order(order.id)
        return await screen_of(uow, order, dispute, now, disputes, feedback)


async def screen_of(  # noqa: PLR0913 - what the card is made of
    uow: UnitOfWork,
    order: Order,
    dispute: Dispute | None,
    now: datetime,
    disputes: DisputeRules,
    feedback: FeedbackRules,
) -> OrderScreen:
    """The card of an order already read in this transaction (after a move, too)."""
    blocked = await uow.blocked_stores.get(order.buyer_id, order.store_id) is not None
    allowed = dispute_rules.eligibility(order, now, disputes, disputed=dispute is not None)
    return OrderScreen(
        order,
        await uow.orders.latest_event(order.id),
        blocked,
        OrderDispute(order.id, dispute, allowed),
        can_confirm=can_confirm_receipt(order, dispute),
        can_extend=can_extend_protection(order, now),
        can_rate=feedback_refusal(order, now, feedback) is None,
        can_delete=can_delete(order, dispute),
    )


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


def can_delete(order: Order, dispute: Dispute | None = None) -> bool:
    """Finished, and no dispute running (deleting must never erase a claim for money)."""
    return order.status in order_status.FINISHED and not dispute_rules.is_open(dispute)


def _refuse_receipt(order: Order, dispute: Dispute | None) -> None:
    """Confirming is possible only once the order ships, and not while its dispute is open
    (the buyer cancels it first, or waits for its end)."""
    if order.status not in order_status.IN_TRANSIT:
        raise ReceiptNotConfirmable(status=order.status)
    if dispute is not None and dispute_rules.is_open(dispute):
        raise OrderInDispute(order.number, dispute.id, dispute.status, Blocked.CONFIRM_RECEIPT)


async def check_receipt_confirmable(uow: UnitOfWork, buyer_id: int, order_id: int) -> Order:
    """Before the warning screen: is confirming possible at all?"""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        _refuse_receipt(order, await uow.disputes.for_order(order.id))
        return order


async def confirm_receipt(  # noqa: PLR0913 - the move and the rules of the card it shows
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    now: datetime,
    disputes: DisputeRules,
    feedback: FeedbackRules,
) -> OrderScreen:
    """The buyer got the goods: the order completes, protection ends, the seller is paid;
    the feedback window opens (its closing is reminded of). Returns the card as it is now,
    without reading the order again."""
    async with uow:
        order = await _details(uow, buyer_id, order_id)
        dispute = await uow.disputes.for_order(order.id)
        _refuse_receipt(order, dispute)
        order_status.advance(order, OrderStatus.COMPLETED, now)
        await sync_order_deadlines(uow, order, feedback_window_days=feedback.window_days)
        record_order_event(uow, EventKind.RECEIPT_CONFIRMED, order, now)
        screen = await screen_of(uow, order, dispute, now, disputes, feedback)
        await uow.commit()
        return screen


async def extend_protection(  # noqa: PLR0913 - the move and the rules of the card it shows
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    now: datetime,
    days: int,
    disputes: DisputeRules,
    feedback: FeedbackRules,
) -> OrderScreen:
    """Give the parcel more time: once per order, only while protection still runs.
    Returns the card as it is now, without reading the order again."""
    async with uow:
        order = await _details(uow, buyer_id, order_id)
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
        screen = await screen_of(
            uow, order, await uow.disputes.for_order(order.id), now, disputes, feedback
        )
        await uow.commit()
        return screen
