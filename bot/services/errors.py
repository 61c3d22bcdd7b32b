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
