"""Turns a domain error into words for the buyer: each section has one table of its own
(`<section>_error_text(error, tz) -> str | None`, in its views), and this asks them in turn;
and what the buyer is told when something failed on our side."""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo

from aiogram.utils.i18n import gettext as _

from bot.services.errors import CouponNotFound, DomainError, MessageTooLong
from bot.views.accounts.errors import account_error_text
from bot.views.addresses.errors import address_error_text
from bot.views.browse.errors import browse_error_text
from bot.views.disputes.errors import dispute_error_text
from bot.views.favourites.errors import favourite_error_text
from bot.views.feedback.errors import feedback_error_text
from bot.views.fit import too_long_text
from bot.views.messages.errors import message_center_error_text
from bot.views.orders.errors import order_error_text
from bot.views.profile import profile_error_text
from bot.views.wishes.errors import wishes_error_text

ErrorTable = Callable[[DomainError, tzinfo], str | None]


def _common_error_text(error: DomainError, tz: tzinfo) -> str | None:  # noqa: ARG001 - a table
    """Refusals more than one section raises, and the sections too small for a table."""
    match error:
        case MessageTooLong(max_length=limit, length=length):
            return too_long_text(length, limit)
        case CouponNotFound():
            return _("This coupon is not available. It may have been withdrawn.")
    return None


SECTION_TABLES: tuple[ErrorTable, ...] = (
    order_error_text,
    dispute_error_text,
    feedback_error_text,
    message_center_error_text,
    address_error_text,
    account_error_text,
    profile_error_text,
    favourite_error_text,
    browse_error_text,
    wishes_error_text,
    _common_error_text,
)


def error_text(error: DomainError, tz: tzinfo) -> str:
    """The words of the section table that knows the error."""
    for table in SECTION_TABLES:
        if (text := table(error, tz)) is not None:
            return text
    return _("That cannot be done right now.")


def something_went_wrong() -> str:
    return _("😔 Something went wrong on our side. Please try again in a minute.")
