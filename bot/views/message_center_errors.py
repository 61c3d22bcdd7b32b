"""The words for the message center's and the complaints' refusals (used by the one
error-to-text table in bot/handlers/errors.py)."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.errors import (
    ComplaintAlreadyOpen,
    ComplaintNotFound,
    ComplaintTargetNotFound,
    DomainError,
    NoticeNotFound,
    SellerBlocked,
    StoreUnavailable,
    TextTooLong,
)
from bot.views import format as fmt


def message_center_error_text(error: DomainError) -> str | None:  # noqa: PLR0911 - a table
    match error:
        case SellerBlocked():
            return _(
                "You have blocked this seller, so you cannot write to them or see their "
                "messages. Unblock the seller on the store screen of the order, or in the "
                "message center under “Blocked sellers”."
            )
        case StoreUnavailable():
            return _("This seller's conversation is not available.")
        case NoticeNotFound():
            return _("This message is not available. It may have been withdrawn.")
        case ComplaintTargetNotFound():
            return _("This can no longer be reported.")
        case ComplaintAlreadyOpen():
            return _(
                "You have already reported this; the marketplace is looking into it. "
                "See “My complaints”."
            )
        case ComplaintNotFound():
            return _("This complaint is not available.")
        case TextTooLong(max_length=length):
            return ngettext(
                "That is too long; use at most {count} character.",
                "That is too long; use at most {count} characters.",
                length,
            ).format(count=fmt.number(length))
    return None
