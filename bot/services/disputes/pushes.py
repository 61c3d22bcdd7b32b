"""What a queued dispute push is about, checked against the dispute as it is now.

A push is dropped when it is no longer true: a message or offer about a dispute that was
closed (or answered) meanwhile, a reminder whose date moved or whose turn has passed, a
decision that is not the dispute's current outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.enums import DisputeStatus
from bot.db.models import Dispute, DisputeMessage, Order, OutboxMessage
from bot.db.uow import UnitOfWork
from bot.services.disputes.rules import OPEN
from bot.services.events import NoticeKind

S = DisputeStatus
DISPUTE_KINDS = frozenset(
    {
        NoticeKind.DISPUTE_MESSAGE,
        NoticeKind.DISPUTE_OFFER,
        NoticeKind.DISPUTE_DECISION,
        NoticeKind.DISPUTE_DUE,
        NoticeKind.DISPUTE_SELLER_LATE,
    }
)


@dataclass(frozen=True)
class DisputePush:
    dispute: Dispute
    order: Order
    message: DisputeMessage | None = None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _still_true(row: OutboxMessage, dispute: Dispute, message: DisputeMessage | None) -> bool:
    kind, payload = row.kind, row.payload
    due = payload.get("due_at")
    if kind == NoticeKind.DISPUTE_MESSAGE:
        return dispute.status in OPEN and message is not None and message.dispute_id == dispute.id
    if kind == NoticeKind.DISPUTE_OFFER:
        return dispute.status is S.AWAITING_BUYER and dispute.offered_minor == payload.get(
            "offered_minor"
        )
    if kind == NoticeKind.DISPUTE_DECISION:
        return dispute.status.value == payload.get("status")
    if kind == NoticeKind.DISPUTE_SELLER_LATE:
        return dispute.status is S.AWAITING_SELLER and _iso(dispute.seller_due_at) == due
    if kind == NoticeKind.DISPUTE_DUE:
        if dispute.status is S.AWAITING_BUYER:
            return _iso(dispute.buyer_due_at) == due
        return dispute.status is S.AWAITING_RETURN and _iso(dispute.return_due_at) == due
    return False


async def load_dispute_pushes(
    uow: UnitOfWork, rows: list[OutboxMessage]
) -> dict[int, DisputePush | None]:
    """By outbox row id, for the dispute kinds only (inside the caller's unit of work)."""
    wanted = [row for row in rows if row.kind in DISPUTE_KINDS]
    ids = {v for row in wanted if isinstance(v := row.payload.get("dispute_id"), int)}
    if not ids:
        return dict.fromkeys((row.id for row in wanted), None)
    found = await uow.disputes.by_ids(ids)
    orders = await uow.orders.by_ids({d.order_id for d in found.values()})
    message_ids = {v for row in wanted if isinstance(v := row.payload.get("message_id"), int)}
    messages = await uow.disputes.messages_by_ids(message_ids)
    result: dict[int, DisputePush | None] = {}
    for row in wanted:
        dispute = found.get(row.payload.get("dispute_id"))  # type: ignore[arg-type]
        message = messages.get(row.payload.get("message_id"))  # type: ignore[arg-type]
        ok = dispute is not None and dispute.buyer_id == row.user_id
        if not ok or not _still_true(row, dispute, message):  # type: ignore[arg-type]
            result[row.id] = None
            continue
        assert dispute is not None
        result[row.id] = DisputePush(dispute, orders[dispute.order_id], message)
    return result
