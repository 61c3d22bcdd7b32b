"""The words for the message center's and the complaints' refusals (used by the one
error-to-text table in bot/views/errors.py)."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _

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
from bot.views.fit import too_long_text


def message_center_error_text(error: DomainError, tz: tzinfo) -> str | None:  # noqa: ARG001  # noqa: PLR0911 - a table
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
        case TextTooLong(max_length=limit, length=length):
            return too_long_text(length, limit)
    return None
