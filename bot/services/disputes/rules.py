"""The rules of disputes without a database: when an order may be disputed, how much may be
asked, and the state machine every buyer, seller and platform action goes through.

The windows follow the marketplace: a dispute opens `opens_days_after_shipment` after the
parcel left (the buyer waits for it before claiming it lost), except that goods that arrived
damaged, wrong or not as described may be disputed as soon as they are delivered; it closes
`closes_days_after_completion` after the order completed. One dispute per order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.db.enums import DisputeReason, DisputeStatus, OrderStatus
from bot.db.models import Dispute, Order
from bot.services.errors import (
    DisputeMoveRefused,
    DisputeNotAllowed,
    EscalationNotYet,
    RefundAmountInvalid,
)

TOP_CLUB_LEVEL = 4
MAX_TEXT_LENGTH = 2000
MAX_ATTACHMENTS = 10
# Reasons the buyer can only judge with the goods in hand: delivery opens the window.
DELIVERY_REASONS = frozenset(
    {DisputeReason.DAMAGED, DisputeReason.WRONG_ITEM, DisputeReason.NOT_AS_DESCRIBED}
)


@dataclass(frozen=True)
class DisputeRules:
    """Configurable windows and response times (DISPUTE_*, built by bot.rules)."""

    opens_days_after_shipment: int = 3
    closes_days_after_completion: int = 15
    seller_response_days: int = 5
    buyer_response_days: int = 5
    return_days: int = 10


class DisputeRefusal(StrEnum):
    NOT_PAID = "not_paid"
    NOT_SHIPPED = "not_shipped"
    TOO_EARLY = "too_early"
    WINDOW_CLOSED = "window_closed"
    ORDER_CLOSED = "order_closed"
    ALREADY_DISPUTED = "already_disputed"


@dataclass(frozen=True)
class Eligibility:
    refusal: DisputeRefusal | None
    opens_at: datetime | None = None
    closes_at: datetime | None = None

    @property
    def allowed(self) -> bool:
        return self.refusal is None

    def check(self, dispute_id: int | None = None) -> None:
        """Raise the refusal as a domain error, with its dates."""
        if self.refusal is not None:
            raise DisputeNotAllowed(self.refusal.value, self.opens_at, self.closes_at, dispute_id)


def paid_minor(order: Order) -> int:
    """What the buyer paid for the order: the ceiling of any refund."""
    return order.total_minor if order.paid_at is not None else 0


def opens_at(order: Order, rules: DisputeRules, reason: DisputeReason | None) -> datetime | None:
    """When the order may be disputed for `reason` (None: for the reason that opens first)."""
    if order.shipped_at is None:
        return None
    start = order.shipped_at + timedelta(days=rules.opens_days_after_shipment)
    by_delivery = reason is None or reason in DELIVERY_REASONS
    if by_delivery and order.delivered_at is not None:
        start = min(start, order.delivered_at)
    return start


def closes_at(order: Order, rules: DisputeRules) -> datetime | None:
    if order.completed_at is None:
        return None  # still on its way: open until it completes, then the countdown starts
    return order.completed_at + timedelta(days=rules.closes_days_after_completion)


def eligibility(
    order: Order,
    now: datetime,
    rules: DisputeRules,
    *,
    reason: DisputeReason | None = None,
    disputed: bool = False,
) -> Eligibility:
    """May the buyer open a dispute on `order` now (for `reason`)? `disputed`: one exists."""
    start, end = opens_at(order, rules, reason), closes_at(order, rules)
    refusal = None
    if disputed:
        refusal = DisputeRefusal.ALREADY_DISPUTED
    elif order.status is OrderStatus.CLOSED:
        refusal = DisputeRefusal.ORDER_CLOSED
    elif order.paid_at is None:
        refusal = DisputeRefusal.NOT_PAID
    elif start is None:
        refusal = DisputeRefusal.NOT_SHIPPED
    elif now < start:
        refusal = DisputeRefusal.TOO_EARLY
    elif end is not None and now >= end:
        refusal = DisputeRefusal.WINDOW_CLOSED
    return Eligibility(refusal, start, end)


def check_refund(amount_minor: int, order: Order) -> int:
    """A refund above 0 and at most what was paid; returns it."""
    paid = paid_minor(order)
    if not 0 < amount_minor <= paid:
        raise RefundAmountInvalid(amount_minor, paid, order.currency)
    return amount_minor


class DisputeAction(StrEnum):
    MESSAGE = "message"
    SELLER_OFFER = "seller_offer"
    ACCEPT = "accept"
    REJECT = "reject"
    ESCALATE = "escalate"
    CANCEL = "cancel"
    RETURN_SHIPPED = "return_shipped"
    DECIDE = "decide"


S, A = DisputeStatus, DisputeAction
OPEN = frozenset({S.AWAITING_SELLER, S.AWAITING_BUYER, S.AWAITING_RETURN, S.ESCALATED})
CLOSED = frozenset({S.REFUNDED, S.REFUSED, S.CANCELLED})

# status -> action -> the statuses it may lead to (ACCEPT and DECIDE depend on their data).
TRANSITIONS: dict[DisputeStatus, dict[DisputeAction, frozenset[DisputeStatus]]] = {
    S.AWAITING_SELLER: {
        A.MESSAGE: frozenset({S.AWAITING_SELLER}),
        A.SELLER_OFFER: frozenset({S.AWAITING_BUYER}),
        A.ESCALATE: frozenset({S.ESCALATED}),  # after a rejection or the seller's deadline
        A.CANCEL: frozenset({S.CANCELLED}),
        A.DECIDE: frozenset({S.REFUNDED, S.REFUSED}),
    },
    S.AWAITING_BUYER: {
        A.MESSAGE: frozenset({S.AWAITING_BUYER}),
        A.SELLER_OFFER: frozenset({S.AWAITING_BUYER}),  # a revised offer
        A.ACCEPT: frozenset({S.AWAITING_RETURN, S.REFUNDED, S.REFUSED}),
        A.REJECT: frozenset({S.AWAITING_SELLER}),
        A.ESCALATE: frozenset({S.ESCALATED}),  # after an earlier rejection
        A.CANCEL: frozenset({S.CANCELLED}),
        A.DECIDE: frozenset({S.REFUNDED, S.REFUSED}),
    },
    S.AWAITING_RETURN: {
        A.MESSAGE: frozenset({S.AWAITING_RETURN}),
        A.RETURN_SHIPPED: frozenset({S.AWAITING_RETURN}),
        A.CANCEL: frozenset({S.CANCELLED}),
        A.DECIDE: frozenset({S.REFUNDED, S.REFUSED}),  # the seller got it back, or did not
    },
    S.ESCALATED: {
        A.MESSAGE: frozenset({S.ESCALATED}),
        A.CANCEL: frozenset({S.CANCELLED}),
        A.DECIDE: frozenset({S.REFUNDED, S.REFUSED}),
    },
    S.REFUNDED: {},
    S.REFUSED: {},
    S.CANCELLED: {},
}


def is_open(dispute: Dispute | None) -> bool:
    """A dispute still running: the seller, the buyer or the platform must act, or the goods
    are on their way back for a refund. Its order must stay as it is until it ends."""
    return dispute is not None and dispute.status in OPEN


def can(dispute: Dispute, action: DisputeAction) -> bool:
    return action in TRANSITIONS[dispute.status]


def require(dispute: Dispute, action: DisputeAction) -> None:
    if not can(dispute, action):
        raise DisputeMoveRefused(dispute.id, dispute.status.value, action.value)


def escalation_opens_at(dispute: Dispute) -> datetime | None:
    """None once escalation is allowed by a rejection; else the seller's deadline."""
    return None if dispute.rejections > 0 else dispute.seller_due_at


def can_escalate(dispute: Dispute, now: datetime) -> bool:
    if not can(dispute, A.ESCALATE):
        return False
    if dispute.rejections > 0:
        return True
    return (
        dispute.status is S.AWAITING_SELLER
        and dispute.seller_due_at is not None
        and dispute.seller_due_at <= now
    )


def check_escalation(dispute: Dispute, now: datetime) -> None:
    require(dispute, A.ESCALATE)
    if not can_escalate(dispute, now):
        raise EscalationNotYet(dispute.id, escalation_opens_at(dispute))


def move(dispute: Dispute, status: DisputeStatus, now: datetime) -> None:
    """Set the new status and the one deadline that goes with it; a closed dispute has none."""
    dispute.status = status
    dispute.updated_at = now
    dispute.seller_due_at = dispute.buyer_due_at = None
    if status is not S.AWAITING_RETURN:
        dispute.return_due_at = None
    if status in CLOSED:
        dispute.closed_at = now


def seller_late(dispute: Dispute, now: datetime) -> bool:
    return (
        dispute.status is S.AWAITING_SELLER
        and dispute.seller_due_at is not None
        and dispute.seller_due_at <= now
    )
