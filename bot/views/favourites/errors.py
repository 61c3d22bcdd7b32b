"""The words for favourite stores' refusals (used by the one error-to-text table in
bot/views/errors.py)."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _

from bot.services.errors import DomainError
from bot.services.favourites.errors import (
    OfferAlreadyTaken,
    OfferSoldOut,
    OfferUnavailable,
    StoreBlockedNotSaved,
)


def favourite_error_text(error: DomainError, tz: tzinfo) -> str | None:  # noqa: ARG001 - a table
    match error:
        case StoreBlockedNotSaved():
            return _(
                "You have blocked this seller, so the store cannot be saved. Unblock the "
                "seller first if you want to follow it."
            )
        case OfferSoldOut():
            return _("😔 All these coupons have been taken.")
        case OfferAlreadyTaken():
            return _("You have already taken this coupon: it is in My coupons.")
        case OfferUnavailable():
            return _("This coupon can no longer be taken.")
    return None
