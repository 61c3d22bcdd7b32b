"""Dates a buyer must not miss, and the reminders they turn into.

Services call `sync_order_deadlines` whenever an order's dates change; the scan turns each
deadline into one push at the nearest offset already reached (3 days, then 1 day before), so
a deadline created late does not send a stale "3 days left", and nothing is sent twice (the
outbox's dedup key includes the offset and the date, so an extension reminds again).
A later section adds a kind by adding it to `OFFSETS` and `NOTICES` (and to `SUBJECTS` when
its subject is not an order). An offset of 0 pushes when the deadline passes (the seller's
answer to a dispute): the scan also looks back over the deadlines that passed within
`KEEP_PASSED`, for those kinds only, and the dedup key sends that push once.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from bot.db.enums import OrderStatus
from bot.db.models import Coupon, Dispute, Order
from bot.db.uow import UnitOfWork
from bot.services.events import NoticeKind, notify
from bot.services.orders import status as order_status


class DeadlineKind(StrEnum):
    PROTECTION_ENDS = "protection_ends"
    AUTO_CONFIRM = "auto_confirm"
    TRASH_PURGE = "trash_purge"
    COUPON_EXPIRES = "coupon_expires"
    DISPUTE_SELLER_DUE = "dispute_seller_due"
    DISPUTE_BUYER_DUE = "dispute_buyer_due"
    DISPUTE_RETURN_DUE = "dispute_return_due"
    FEEDBACK_CLOSES = "feedback_closes"


ORDER_KINDS = (
    DeadlineKind.PROTECTION_ENDS,
    DeadlineKind.AUTO_CONFIRM,
    DeadlineKind.TRASH_PURGE,
    DeadlineKind.FEEDBACK_CLOSES,
)
OFFSETS: dict[DeadlineKind, tuple[timedelta, ...]] = {
    DeadlineKind.PROTECTION_ENDS: (timedelta(days=3), timedelta(days=1)),
    DeadlineKind.AUTO_CONFIRM: (timedelta(days=3), timedelta(days=1)),
    DeadlineKind.TRASH_PURGE: (timedelta(days=1),),
    DeadlineKind.COUPON_EXPIRES: (timedelta(days=3), timedelta(days=1)),
    DeadlineKind.FEEDBACK_CLOSES: (timedelta(days=3),),
    DeadlineKind.DISPUTE_SELLER_DUE: (timedelta(0),),
    DeadlineKind.DISPUTE_BUYER_DUE: (timedelta(days=3), timedelta(days=1)),
    DeadlineKind.DISPUTE_RETURN_DUE: (timedelta(days=3), timedelta(days=1)),
}
NOTICES = {
    DeadlineKind.PROTECTION_ENDS: NoticeKind.PROTECTION_ENDING,
    DeadlineKind.AUTO_CONFIRM: NoticeKind.AUTO_CONFIRM_SOON,
    DeadlineKind.TRASH_PURGE: NoticeKind.TRASH_PURGE,
    DeadlineKind.COUPON_EXPIRES: NoticeKind.COUPON_EXPIRING,
    DeadlineKind.FEEDBACK_CLOSES: NoticeKind.FEEDBACK_CLOSING,
    DeadlineKind.DISPUTE_SELLER_DUE: NoticeKind.DISPUTE_SELLER_LATE,
    DeadlineKind.DISPUTE_BUYER_DUE: NoticeKind.DISPUTE_DUE,
    DeadlineKind.DISPUTE_RETURN_DUE: NoticeKind.DISPUTE_DUE,
}
# The payload key that names a deadline's subject; orders unless said otherwise.
SUBJECTS = {
    DeadlineKind.COUPON_EXPIRES: "coupon_id",
    DeadlineKind.DISPUTE_SELLER_DUE: "dispute_id",
    DeadlineKind.DISPUTE_BUYER_DUE: "dispute_id",
    DeadlineKind.DISPUTE_RETURN_DUE: "dispute_id",
}
AT_PASSING = frozenset(kind for kind, offsets in OFFSETS.items() if timedelta(0) in offsets)
KEEP_PASSED = timedelta(days=1)


async def sync_order_deadlines(
    uow: UnitOfWork,
    order: Order,
    retention_days: int | None = None,
    feedback_window_days: int | None = None,
) -> None:
    """Keep the order's deadlines in step with its dates (inside the caller's transaction).

    `retention_days` is given by the trash actions; without it the purge deadline is only
    removed (when the order is not in the trash), never set. `feedback_window_days` likewise
    is given where an order completes; a trashed order keeps its feedback deadline (restoring
    it brings the reminder back), the push is dropped while it is in the trash.
    """
    due: dict[str, datetime | None] = {}  # kinds left out stay as they are
    feedback = DeadlineKind.FEEDBACK_CLOSES.value
    if order.status is not OrderStatus.COMPLETED or order.feedback_at is not None:
        due[feedback] = None
    elif feedback_window_days is not None and order.completed_at is not None:
        due[feedback] = order.completed_at + timedelta(days=feedback_window_days)
    in_transit = order.status in order_status.IN_TRANSIT
    due[DeadlineKind.PROTECTION_ENDS.value] = order.protection_ends_at if in_transit else None
    due[DeadlineKind.AUTO_CONFIRM.value] = order.auto_confirm_at if in_transit else None
    purge = DeadlineKind.TRASH_PURGE.value
    if order.deleted_at is None:
        due[purge] = None
    elif retention_days is not None:
        due[purge] = order.deleted_at + timedelta(days=retention_days)
    await uow.deadlines.keep(order.buyer_id, order.id, due)


async def forget_order_deadlines(uow: UnitOfWork, order_id: int) -> None:
    # Only the order kinds: a coupon may have the same id as the order.
    await uow.deadlines.clear([kind.value for kind in ORDER_KINDS], order_id)


async def sync_coupon_deadline(uow: UnitOfWork, coupon: Coupon, now: datetime) -> None:
    """An unused coupon that has not expired is reminded of; any other is not (inside the
    caller's transaction, after the coupon has an id)."""
    kind = DeadlineKind.COUPON_EXPIRES.value
    if coupon.used_at is None and coupon.expires_at > now:
        await uow.deadlines.set(coupon.user_id, kind, coupon.id, coupon.expires_at)
    else:
        await uow.deadlines.clear(kind, coupon.id)


async def sync_dispute_deadlines(uow: UnitOfWork, dispute: Dispute) -> None:
    """Exactly the deadline of whoever must act next, none once the dispute is closed (inside
    the caller's transaction, after the dispute has an id)."""
    due = {
        DeadlineKind.DISPUTE_SELLER_DUE.value: dispute.seller_due_at,
        DeadlineKind.DISPUTE_BUYER_DUE.value: dispute.buyer_due_at,
        DeadlineKind.DISPUTE_RETURN_DUE.value: dispute.return_due_at,
    }
    await uow.deadlines.keep(dispute.buyer_id, dispute.id, due)


async def scan_deadlines(uow: UnitOfWork, now: datetime) -> int:
    """Queue the reminders that are due; returns how many deadlines were looked at."""
    horizon = max(offset for offsets in OFFSETS.values() for offset in offsets)
    async with uow:
        deadlines = await uow.deadlines.between(now, now + horizon)
        passing = {kind.value for kind in AT_PASSING}
        deadlines = await uow.deadlines.between(now - KEEP_PASSED, now, passing) + deadlines
        for deadline in deadlines:
            kind = DeadlineKind(deadline.kind)
            reached = [offset for offset in OFFSETS[kind] if deadline.due_at - offset <= now]
            if not reached:
                continue
            offset = min(reached)
            key = (
                f"deadline:{kind.value}:{deadline.subject_id}:"
                f"{int(offset.total_seconds())}:{deadline.due_at.isoformat()}"
            )
            payload = {
                SUBJECTS.get(kind, "order_id"): deadline.subject_id,
                "due_at": deadline.due_at.isoformat(),
            }
            await notify(uow, deadline.user_id, NOTICES[kind], payload, key, now)
        await uow.deadlines.delete_passed(now - KEEP_PASSED)
        await uow.commit()
        return len(deadlines)
