"""The words for the refusals of the address book."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _

from bot.services.addresses.book import AddressFieldRefused
from bot.services.errors import AddressLimitReached, AddressNotFound, DomainError
from bot.views.addresses.form import field_label
from bot.views.addresses.screens import limit_text, problem_sentence


def address_error_text(error: DomainError, tz: tzinfo) -> str | None:  # noqa: ARG001 - the table's shape
    match error:
        case AddressNotFound():
            return _("This address is not available. It may have been deleted.")
        case AddressLimitReached(limit=limit):
            return limit_text(limit)
        case AddressFieldRefused(field=field, refusal=refusal, country=country):
            # NOTE: {field} is a field of a shipping address, e.g. "Postal code".
            return _("Check the field “{field}”: {problem}").format(
                field=field_label(field), problem=problem_sentence(field, refusal, country)
            )
    return None
