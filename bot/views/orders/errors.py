"""The words for the refusals of My orders: the card's moves, the trash, search, statuses."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.errors import (
    DomainError,
    IllegalStatusChange,
    OrderNotDeletable,
    OrderNotFound,
    ProtectionAlreadyExtended,
    ProtectionNotRunning,
    ReceiptNotConfirmable,
    SearchQueryTooLong,
    SearchQueryTooShort,
)
from bot.services.orders.status import IN_TRANSIT
from bot.views import format as fmt
from bot.views.labels import status_label


def order_error_text(error: DomainError, tz: tzinfo) -> str | None:  # noqa: PLR0911 - a table
    match error:
        case OrderNotFound():
            return _("This order is not available. It may have been deleted.")
        case ReceiptNotConfirmable(status=status):
            return _(
                "Receipt can be confirmed only for an order that has been shipped. "
                "This order is: {status}."
            ).format(status=status_label(status))
        case ProtectionAlreadyExtended(extended_at=extended_at, ends_at=ends_at):
            return _(
                "Protection for this order was already extended on {date}. It can be "
                "extended only once; it now runs until {until}."
            ).format(date=fmt.day(extended_at, tz), until=fmt.day(ends_at, tz))
        case ProtectionNotRunning(ended_at=ended_at) if ended_at is not None:
            return _(
                "Buyer protection for this order ended on {date}, so it can no longer be extended."
            ).format(date=fmt.day(ended_at, tz))
        case ProtectionNotRunning(status=status):
            return _(
                "Buyer protection can be extended only while the order is on its way. "
                "This order is: {status}."
            ).format(status=status_label(status))
        case OrderNotDeletable(status=status) if status in IN_TRANSIT:
            return _(
                "Only completed or closed orders can be deleted. This order is: {status}. "
                "Confirm receipt when it arrives, then you can delete it."
            ).format(status=status_label(status))
        case OrderNotDeletable(status=status):
            return _(
                "Only completed or closed orders can be deleted. This order is: {status}."
            ).format(status=status_label(status))
        case SearchQueryTooShort(min_length=length):
            return ngettext(
                "Type at least {count} character to search.",
                "Type at least {count} characters to search.",
                length,
            ).format(count=fmt.number(length))
        case SearchQueryTooLong(max_length=length):
            return ngettext(
                "That is too long to search for; use at most {count} character.",
                "That is too long to search for; use at most {count} characters.",
                length,
            ).format(count=fmt.number(length))
        case IllegalStatusChange(current=current):
            return _("This order cannot change like that now. It is: {status}.").format(
                status=status_label(current)
            )
    return None
