"""Domain errors: they carry data, never text; `bot.handlers.errors` translates them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.enums import OrderStatus


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


@dataclass
class AddressNotFound(DomainError):
    """No such shipping address for this buyer (deleted meanwhile, or a forged button)."""

    address_id: int


@dataclass
class AddressLimitReached(DomainError):
    """A buyer keeps at most `limit` addresses, as on the web cabinet."""

    limit: int
