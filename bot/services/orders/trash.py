"""Deleted orders: a trash the buyer can restore from; orders leave it only when the buyer
deletes them forever, or after a retention period if an operator configured one.

Orders never vanish on their own: by default (`TRASH_RETENTION_DAYS=0`) nothing is purged,
and no purge, nor the buyer, ever removes an order whose dispute is still open (a refund may
be in progress); such an order cannot even be moved to the trash until its dispute ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.models import Order
from bot.db.uow import UnitOfWork
from bot.services.deadlines import forget_order_deadlines, sync_order_deadlines
from bot.services.disputes import rules as dispute_rules
from bot.services.disputes.lists import refuse_if_in_dispute
from bot.services.disputes.rules import DisputeRules
from bot.services.errors import OrderNotDeletable, OrderNotFound
from bot.services.events import EventKind, record_order_event
from bot.services.feedback.rules import FeedbackRules
from bot.services.orders import status as order_status
from bot.services.orders.buyer import OrderScreen, screen_of
from bot.services.paging import Page, page_of


@dataclass(frozen=True)
class TrashList:
    page: Page[Order]
    held: frozenset[int] = frozenset()  # orders an open dispute keeps from any purge


@dataclass(frozen=True)
class TrashedOrder:
    order: Order
    in_dispute: bool  # its dispute is open: it may be restored, not deleted forever


def purges(retention_days: int) -> bool:
    """Does the trash empty itself? Only when an operator set TRASH_RETENTION_DAYS."""
    return retention_days > 0


def purge_date(order: Order, retention_days: int) -> datetime | None:
    """When a configured purge will drop this order; None when nothing purges the trash."""
    assert order.deleted_at is not None
    if not purges(retention_days):
        return None
    return order.deleted_at + timedelta(days=retention_days)


async def move_to_trash(
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    now: datetime,
    *,
    retention_days: int | None = None,
) -> Order:
    """Hide a finished order without an open dispute from My orders; it can be restored until
    the buyer deletes it forever, or until a configured purge (the buyer is reminded a day
    before, when `retention_days` is given and not 0)."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        if order.status not in order_status.FINISHED:
            raise OrderNotDeletable(status=order.status)
        await refuse_if_in_dispute(uow, order)
        order.deleted_at = now
        order.updated_at = now
        configured = retention_days if retention_days and purges(retention_days) else None
        await sync_order_deadlines(uow, order, configured)
        record_order_event(uow, EventKind.ORDER_DELETED, order, now)
        await uow.commit()
        return order


async def restore_order(  # noqa: PLR0913 - the move and the rules of the card it shows
    uow: UnitOfWork,
    buyer_id: int,
    order_id: int,
    now: datetime,
    disputes: DisputeRules,
    feedback: FeedbackRules,
) -> OrderScreen:
    """Back to My orders; returns the order's card as it is now, without reading it again."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, in_trash=True, with_details=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        order.deleted_at = None
        order.updated_at = now
        await sync_order_deadlines(uow, order)
        record_order_event(uow, EventKind.ORDER_RESTORED, order, now)
        dispute = await uow.disputes.for_order(order.id)
        card = await screen_of(uow, order, dispute, now, disputes, feedback)
        await uow.commit()
        return card


async def get_trashed(uow: UnitOfWork, buyer_id: int, order_id: int) -> TrashedOrder:
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, in_trash=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        dispute = await uow.disputes.for_order(order.id)
        return TrashedOrder(order, dispute_rules.is_open(dispute))


async def check_purgeable(uow: UnitOfWork, buyer_id: int, order_id: int) -> Order:
    """Before the "delete forever?" question: refused while the order's dispute is open."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, in_trash=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        await refuse_if_in_dispute(uow, order)
        return order


async def delete_forever(uow: UnitOfWork, buyer_id: int, order_id: int, now: datetime) -> str:
    """Remove a trashed order and its items, tracking, dispute and messages for good (the
    buyer's choice, refused while its dispute is open); returns its number."""
    async with uow:
        order = await uow.orders.get_for_buyer(buyer_id, order_id, in_trash=True)
        if order is None:
            raise OrderNotFound(order_id=order_id)
        await refuse_if_in_dispute(uow, order)
        number = order.number
        record_order_event(uow, EventKind.ORDER_PURGED, order, now)
        await forget_order_deadlines(uow, order.id)
        await uow.orders.delete(order)
        await uow.commit()
        return number


async def list_trash(uow: UnitOfWork, buyer_id: int, page: int, page_size: int) -> TrashList:
    async with uow:
        _, total = await uow.orders.status_counts(buyer_id)

        async def fetch(offset: int, limit: int) -> list[Order]:
            return await uow.orders.trash_page(buyer_id, offset, limit)

        found = await page_of(total, page, page_size, fetch)
        ids = [order.id for order in found.items]
        held = await uow.disputes.orders_disputed_in(ids, dispute_rules.OPEN)
        return TrashList(found, frozenset(held))


async def purge_expired(uow: UnitOfWork, now: datetime, retention_days: int) -> int:
    """Empty the trash of orders older than a configured retention period (a scheduler job);
    never an order whose dispute is open. Without a retention period nothing is purged."""
    if not purges(retention_days):
        return 0
    async with uow:
        cutoff = now - timedelta(days=retention_days)
        purged = await uow.orders.purge_deleted_before(cutoff, keep_disputed=dispute_rules.OPEN)
        await uow.commit()
        return purged
