"""Domain errors: they carry data, never text; `bot.views.errors` translates them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.db.enums import DisputeStatus, OrderStatus


class DomainError(Exception):
    """A rule of the cabinet refused the action; the buyer is told why."""


@dataclass
class OrderNotFound(DomainError):
    """No such order for this buyer (or it moved to/from the trash meanwhile)."""

    order_id: int


@dataclass
class ReceiptNotConfirmable(DomainError):
    """Receipt can be confirmed only for a shipped or delivered order."""

    status: OrderStatus


@dataclass
class ProtectionAlreadyExtended(DomainError):
    """Buyer protection can be extended once per order."""

    extended_at: datetime
    ends_at: datetime


@dataclass
class ProtectionNotRunning(DomainError):
    """Protection runs only while the order is on its way and before its end date."""

    status: OrderStatus
    ended_at: datetime | None


@dataclass
class OrderNotDeletable(DomainError):
    """Only completed or closed orders may go to the trash."""

    status: OrderStatus


@dataclass
class SearchQueryTooShort(DomainError):
    min_length: int


@dataclass
class SearchQueryTooLong(DomainError):
    max_length: int


@dataclass
class IllegalStatusChange(DomainError):
    """The status machine does not allow this move."""

    current: OrderStatus
    requested: OrderStatus


@dataclass
class BuyerNotFound(DomainError):
    buyer_id: int


@dataclass
class StoreNotFound(DomainError):
    external_id: str


@dataclass
class ProductNotFound(DomainError):
    product_id: int


@dataclass
class OrderNumberNotFound(DomainError):
    number: str


@dataclass
class OrderNumberTaken(DomainError):
    """An order with this number exists already (for another buyer or with other content)."""

    number: str


@dataclass
class AccountConflict(DomainError):
    """The e-mail belongs to another marketplace account."""

    field: str
    value: str


@dataclass
class LinkCodeInvalid(DomainError):
    """A deep-link code that is unknown, used or expired."""

    reason: str


@dataclass
class MessageTooLong(DomainError):
    max_length: int
    length: int = 0  # how long the refused text was, in the same (UTF-16) units


@dataclass
class CouponNotFound(DomainError):
    """No such coupon for this buyer (withdrawn by the marketplace, or a forged button)."""

    coupon_id: int


@dataclass
class CouponExternalIdNotFound(DomainError):
    """The marketplace named a coupon this buyer does not have."""

    external_id: str


@dataclass
class CouponAlreadyUsed(DomainError):
    """The coupon was used on another order already; a coupon is used once."""

    external_id: str
    order_number: str | None


# --- feedback, complaints, message center ----------------------------------------------------


@dataclass
class FeedbackNotAllowed(DomainError):
    """Feedback is for completed orders only."""

    status: OrderStatus


@dataclass
class FeedbackWindowClosed(DomainError):
    """Feedback (or its one addition) can be left only until `closed_at`."""

    closed_at: datetime


@dataclass
class FeedbackAlreadyLeft(DomainError):
    """One feedback per order, and at most one addition to it."""

    order_id: int
    additional: bool = False


@dataclass
class FeedbackMissing(DomainError):
    """An addition or a seller's reply needs the feedback first."""

    order_id: int


@dataclass
class RatingOutOfRange(DomainError):
    """Every rating is 1 to 5 stars."""

    field: str
    value: int


@dataclass
class TextTooLong(DomainError):
    """Feedback and complaint texts have a length limit."""

    max_length: int
    length: int = 0  # how long the refused text was, in the same (UTF-16) units


@dataclass
class TooManyPhotos(DomainError):
    max_photos: int


@dataclass
class FeedbackReplyExists(DomainError):
    """The seller replied already; a reply is given once."""

    order_number: str


@dataclass
class NoticeConflict(DomainError):
    """A notice with this external id exists with other content, or the folder and the store
    disagree (a promotion needs a store; a platform notice has none)."""

    external_id: str
    reason: str


@dataclass
class ComplaintTargetNotFound(DomainError):
    """What the buyer reports does not exist or is not theirs to see."""

    target: str
    target_id: int


@dataclass
class ComplaintAlreadyOpen(DomainError):
    """The buyer's earlier complaint about the same thing is still being handled."""

    complaint_id: int


@dataclass
class ComplaintNotFound(DomainError):
    complaint_id: int


@dataclass
class IllegalComplaintStatusChange(DomainError):
    current: str
    requested: str


@dataclass
class DisputeNotFound(DomainError):
    """No such dispute (for this buyer), or a forged button."""

    dispute_id: int


@dataclass
class DisputeNotAllowed(DomainError):
    """The order cannot be disputed now; `refusal` is a `DisputeRefusal` value."""

    refusal: str
    opens_at: datetime | None = None
    closed_at: datetime | None = None
    dispute_id: int | None = None


@dataclass
class RefundAmountInvalid(DomainError):
    """A refund (asked, offered or decided) must be above 0 and at most what was paid."""

    amount_minor: int
    paid_minor: int
    currency: str


@dataclass
class DisputeMoveRefused(DomainError):
    """The dispute's state machine does not allow this action in this status."""

    dispute_id: int
    status: str
    action: str


@dataclass
class EscalationNotYet(DomainError):
    """Escalation is allowed after a rejected offer or once the seller's deadline passed."""

    dispute_id: int
    allowed_from: datetime | None


@dataclass
class DisputeMessageEmpty(DomainError):
    """A message needs text or at least one attachment."""


@dataclass
class TooManyAttachments(DomainError):
    limit: int


@dataclass
class StoreUnavailable(DomainError):
    """No such store (a forged or stale button)."""

    store_id: int


@dataclass
class NoticeNotFound(DomainError):
    """No such promotion or notice for this buyer, or its store is blocked now."""

    notice_id: int


class Blocked(StrEnum):
    """What an open dispute refuses."""

    DELETE_ORDER = "delete_order"  # to the trash, or forever: it would erase the claim
    CONFIRM_RECEIPT = "confirm_receipt"  # it would pay the seller what the dispute claims
    DELETE_ACCOUNT = "delete_account"  # the dispute would go on without the buyer


@dataclass
class OrderInDispute(DomainError):
    """An order's dispute is still open (a refund may be in progress): `blocked` must wait
    until the dispute ends."""

    order_number: str
    dispute_id: int
    dispute_status: DisputeStatus
    blocked: Blocked = Blocked.DELETE_ORDER


@dataclass
class SignOutWouldLoseAccount(DomainError):
    """Telegram is the account's only way in (no e-mail, no marketplace link) and no other
    Telegram account is signed in to it: signing out would leave it unreachable for good."""

    everywhere: bool


@dataclass
class CouponNeverValid(DomainError):
    """A coupon must expire after it starts (from the marketplace; never shown to a buyer)."""

    starts_at: datetime
    expires_at: datetime


@dataclass
class SellerBlocked(DomainError):
    """The buyer blocked this seller: no conversation with them until they unblock it."""

    store_id: int


@dataclass
class FileRefNotFound(DomainError):
    """No file behind this reference (a malformed or unknown one, or its feedback is gone)."""

    file_ref: str
