"""The one table that turns a domain error into words for the buyer (each section's part of it
is in its own views), and what the buyer is told when something failed on our side."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.accounts.auth import PasswordChecksExhausted
from bot.services.accounts.code_limits import CodeGuessesSpent, CodeMailsSpent
from bot.services.accounts.hashing import PasswordCheckBusy, PasswordQueueFull
from bot.services.addresses.book import AddressFieldRefused
from bot.services.errors import (
    AddressLimitReached,
    AddressNotFound,
    CouponNotFound,
    DomainError,
    IllegalStatusChange,
    LinkCodeInvalid,
    MessageTooLong,
    OrderNotDeletable,
    OrderNotFound,
    ProtectionAlreadyExtended,
    ProtectionNotRunning,
    ReceiptNotConfirmable,
    SearchQueryTooLong,
    SearchQueryTooShort,
    SignOutWouldLoseAccount,
)
from bot.services.orders.status import IN_TRANSIT
from bot.views import format as fmt
from bot.views.accounts.auth import code_budget_text, password_refused_text
from bot.views.addresses.form import field_label
from bot.views.addresses.screens import limit_text, problem_sentence
from bot.views.disputes.errors import dispute_error_text
from bot.views.feedback.errors import feedback_error_text
from bot.views.fit import too_long_text
from bot.views.labels import status_label
from bot.views.messages.errors import message_center_error_text


def error_text(error: DomainError, tz: tzinfo) -> str:  # noqa: PLR0911, PLR0912 - a table
    """The one table that turns a domain error into words for the buyer."""
    match error:
        case OrderNotFound():
            return _("This order is not available. It may have been deleted.")
        case CouponNotFound():
            return _("This coupon is not available. It may have been withdrawn.")
        case AddressNotFound():
            return _("This address is not available. It may have been deleted.")
        case AddressLimitReached(limit=limit):
            return limit_text(limit)
        case PasswordCheckBusy() | PasswordQueueFull() | PasswordChecksExhausted():
            return password_refused_text(error, tz)
        case CodeGuessesSpent() | CodeMailsSpent():
            return code_budget_text(error, tz)
        case AddressFieldRefused(field=field, refusal=refusal, country=country):
            # NOTE: {field} is a field of a shipping address, e.g. "Postal code".
            return _("Check the field “{field}”: {problem}").format(
                field=field_label(field), problem=problem_sentence(field, refusal, country)
            )
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
        case MessageTooLong(max_length=limit, length=length):
            return too_long_text(length, limit)
        case LinkCodeInvalid(reason="used"):
            return _(
                "This sign-in link has already been used. Open your account on the marketplace "
                "website and ask for a new one."
            )
        case LinkCodeInvalid(reason="expired"):
            return _(
                "This sign-in link has expired. Open your account on the marketplace website "
                "and ask for a new one."
            )
        case LinkCodeInvalid():
            return _(
                "This sign-in link is not valid. Check that it was copied whole, or ask the "
                "marketplace for a new one."
            )
        case SignOutWouldLoseAccount():
            return _(
                "Add an e-mail to your account first: it has no other way back, so after "
                "signing out it could never be reached again. Profile → E-mail."
            )
        case IllegalStatusChange(current=current):
            return _("This order cannot change like that now. It is: {status}.").format(
                status=status_label(current)
            )
    if (text := dispute_error_text(error, tz)) is not None:
        return text
    if (text := feedback_error_text(error, tz)) is not None:
        return text
    if (text := message_center_error_text(error)) is not None:
        return text
    return _("That cannot be done right now.")


def something_went_wrong() -> str:
    return _("😔 Something went wrong on our side. Please try again in a minute.")
