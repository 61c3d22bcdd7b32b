"""The words for the refusals of the shopping half."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _

from bot.services.browse.errors import (
    CategoryNotFound,
    PriceRangeInvalid,
    QuestionEmpty,
    SearchWordsEmpty,
    ShopNotFound,
)
from bot.services.errors import DomainError, ProductNotFound
from bot.views.browse.card import unknown_product_text


def browse_error_text(error: DomainError, tz: tzinfo) -> str | None:  # noqa: ARG001 - a table
    match error:
        case ProductNotFound():
            return unknown_product_text()
        case ShopNotFound():
            return _("This store is not available any more.")
        case CategoryNotFound():
            return _("This category is not available any more.")
        case QuestionEmpty():
            return _("Please type your question in words.")
        case PriceRangeInvalid():
            return _(
                "I could not read that price range. Type two numbers, like 10-50, "
                "or one with a dash: 10- (from) or -50 (up to)."
            )
        case SearchWordsEmpty():
            return _("Please type what you are looking for.")
    return None
