"""What the buyer's dispute screens load: the Active and Closed tabs, the dispute of an order
with whether one may be opened, and the moves the state machine allows right now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.db.models import Dispute, Order
from bot.db.uow import UnitOfWork
from bot.services.disputes import rules as rules_
from bot.services.disputes.rules import DisputeAction, DisputeRules, Eligibility
from bot.services.errors import Blocked, OrderInDispute, OrderNotFound
from bot.services.paging import clamp_page, page_count

A = DisputeAction
# The buttons of a dispute card, in the order they are shown.
BUYER_MOVES = (A.RETURN_SHIPPED, A.ACCEPT, A.REJECT, A.ESCALATE, A.MESSAGE, A.CANCEL)


class DisputeTab(StrEnum):
    ACTIVE = "a"
    CLOSED = "c"


TAB_STATUSES = {DisputeTab.ACTIVE: rules_.OPEN, DisputeTab.CLOSED: rules_.CLOSED}


@dataclass(frozen=True)
class DisputePage:
    rows: list[tuple[Dispute, Order]]
    tab: DisputeTab
    page: int
    pages: int
    counts: dict[DisputeTab, int]


@dataclass(frozen=True)
class OrderDispute:
    """The order's dispute if it has one, and whether one may be opened now."""

    order_id: int
    dispute: Dispute | None
    eligibility: Eligibility


async def list_dispute_tab(
    uow: UnitOfWork, buyer_id: int, tab: DisputeTab, page: int, page_size: int
) -> DisputePage:
    """One page of a tab; a page past the end shows the last one."""
    async with uow:
        counts = {
            each: await uow.disputes.count_in(buyer_id, statuses)
            for each, statuses in TAB_STATUSES.items()
        }
        pages = page_count(counts[tab], page_size)
        page = clamp_page(page, pages)
        rows, _total = await uow.disputes.tab_page_for_buyer(
            buyer_id, TAB_STATUSES[tab], page * page_size, page_size
        )
        return DisputePage(rows, tab, page, pages, counts)


async def order_dispute(
    uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime, rules: DisputeRules
) -> OrderDispute:
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        existing = await uow.disputes.for_order(order.id)
        allowed = rules_.eligibility(order, now, rules, disputed=existing is not None)
        return OrderDispute(order.id, existing, allowed)


def buyer_moves(dispute: Dispute, now: datetime) -> list[DisputeAction]:
    """The buyer's moves that would not be refused now (escalation also needs its time)."""
    return [move for move in BUYER_MOVES if _may(dispute, move, now)]


def _may(dispute: Dispute, move: DisputeAction, now: datetime) -> bool:
    if move is A.ESCALATE:
        return rules_.can_escalate(dispute, now)
    if move is A.RETURN_SHIPPED and dispute.return_due_at is None:
        return False  # the tracking number was already given
    return rules_.can(dispute, move)


async def refuse_if_in_dispute(
    uow: UnitOfWork, order: Order, blocked: Blocked = Blocked.DELETE_ORDER
) -> None:
    """Raise `OrderInDispute` when the order's dispute is still open (inside a transaction)."""
    dispute = await uow.disputes.for_order(order.id)
    if dispute is not None and rules_.is_open(dispute):
        raise OrderInDispute(order.number, dispute.id, dispute.status, blocked)


async def refuse_if_any_dispute_open(uow: UnitOfWork, buyer_id: int, blocked: Blocked) -> None:
    """Raise `OrderInDispute` naming the buyer's latest open dispute, if any."""
    rows, _total = await uow.disputes.tab_page_for_buyer(buyer_id, rules_.OPEN, 0, 1)
    if rows:
        dispute, order = rows[0]
        raise OrderInDispute(order.number, dispute.id, dispute.status, blocked)
