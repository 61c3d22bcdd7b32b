"""What the buyer's dispute lists load: the Active and Closed tabs, and the dispute of an order
with whether one may be opened."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.db.models import Dispute, Order
from bot.db.uow import UnitOfWork
from bot.services.disputes import rules as rules_
from bot.services.disputes.rules import Eligibility
from bot.services.errors import Blocked, OrderInDispute
from bot.services.paging import Page, page_of


class DisputeTab(StrEnum):
    ACTIVE = "a"
    CLOSED = "c"


TAB_STATUSES = {DisputeTab.ACTIVE: rules_.OPEN, DisputeTab.CLOSED: rules_.CLOSED}


@dataclass(frozen=True)
class DisputeList:
    """Returns & disputes: one page of a tab with the orders disputed, and every tab's count."""

    page: Page[tuple[Dispute, Order]]
    tab: DisputeTab
    counts: dict[DisputeTab, int]


@dataclass(frozen=True)
class OrderDispute:
    """The order's dispute if it has one, and whether one may be opened now."""

    order_id: int
    dispute: Dispute | None
    eligibility: Eligibility


async def list_disputes(
    uow: UnitOfWork, buyer_id: int, tab: DisputeTab, page: int, page_size: int
) -> DisputeList:
    """One page of a tab; a page past the end shows the last one."""
    async with uow:
        per_status = await uow.disputes.status_counts(buyer_id)
        counts = {
            each: sum(per_status.get(status, 0) for status in statuses)
            for each, statuses in TAB_STATUSES.items()
        }

        async def fetch(offset: int, limit: int) -> list[tuple[Dispute, Order]]:
            return await uow.disputes.tab_rows_for_buyer(buyer_id, TAB_STATUSES[tab], offset, limit)

        return DisputeList(await page_of(counts[tab], page, page_size, fetch), tab, counts)


async def refuse_if_in_dispute(
    uow: UnitOfWork, order: Order, blocked: Blocked = Blocked.DELETE_ORDER
) -> None:
    """Raise `OrderInDispute` when the order's dispute is still open (inside a transaction)."""
    dispute = await uow.disputes.for_order(order.id)
    if dispute is not None and rules_.is_open(dispute):
        raise OrderInDispute(order.number, dispute.id, dispute.status, blocked)


async def refuse_if_any_dispute_open(uow: UnitOfWork, buyer_id: int, blocked: Blocked) -> None:
    """Raise `OrderInDispute` naming the buyer's latest open dispute, if any."""
    rows = await uow.disputes.tab_rows_for_buyer(buyer_id, rules_.OPEN, 0, 1)
    if rows:
        dispute, order = rows[0]
        raise OrderInDispute(order.number, dispute.id, dispute.status, blocked)
