"""The words for the feedback refusals (used by the one error-to-text table in
bot/views/errors.py)."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.errors import (
    DomainError,
    FeedbackAlreadyLeft,
    FeedbackMissing,
    FeedbackNotAllowed,
    FeedbackWindowClosed,
    RatingOutOfRange,
    TextTooLong,
    TooManyPhotos,
)
from bot.views import format as fmt
from bot.views.fit import too_long_text
from bot.views.labels import status_label


def feedback_error_text(error: DomainError, tz: tzinfo) -> str | None:  # noqa: PLR0911 - a table
    match error:
        case FeedbackNotAllowed(status=status):
            return _(
                "Feedback can be left once the order is completed. This order is: {status}."
            ).format(status=status_label(status))
        case FeedbackWindowClosed(closed_at=closed_at):
            return _("The time for this ended on {date}.").format(date=fmt.day(closed_at, tz))
        case FeedbackAlreadyLeft(additional=True):
            return _("You have already added to this feedback; it can be done only once.")
        case FeedbackAlreadyLeft():
            return _("You have already left feedback on this order.")
        case FeedbackMissing():
            return _("There is no feedback on this order yet.")
        case RatingOutOfRange():
            return _("Please tap one of the star buttons.")
        case TooManyPhotos(max_photos=limit):
            return ngettext(
                "At most {count} photo can be added.", "At most {count} photos can be added.", limit
            ).format(count=fmt.number(limit))
        case TextTooLong(max_length=limit, length=length):
            return too_long_text(length, limit)
    return None
