"""The words for the refusals of the address book: a missing address, a full book, and why
an answer to a field of the address form was refused (also on its own, to ask the step again)."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.addresses.errors import (
    AddressFieldRefused,
    AddressLimitReached,
    AddressNotFound,
    CountryUnknown,
    FieldRefused,
    FieldTooLong,
    FieldTooShort,
    FieldWithoutLetters,
    HouseNumberMissing,
    PhoneNeedsCountryCode,
    PhoneNoSuchNumber,
    PhoneRefused,
    PhoneWrongLength,
    PlaceHasSymbols,
    PostalCodeMalformed,
    RecipientHasSymbols,
)
from bot.services.errors import DomainError
from bot.views import format as fmt
from bot.views.addresses.form import field_label
from bot.views.addresses.screens import country_label


def address_error_text(error: DomainError, tz: tzinfo) -> str | None:  # noqa: ARG001 - the table's shape
    match error:
        case AddressNotFound():
            return _("This address is not available. It may have been deleted.")
        case AddressLimitReached(limit=limit):
            return limit_text(limit)
        case AddressFieldRefused(field=field, refusal=refusal):
            # NOTE: {field} is a field of a shipping address, e.g. "Postal code".
            return _("Check the field “{field}”: {problem}").format(
                field=field_label(field), problem=refusal_sentence(refusal)
            )
        case FieldRefused():
            return refusal_sentence(error)
    return None


def limit_text(limit: int) -> str:
    return ngettext(
        "You can keep at most {count} address. Delete one to add another.",
        "You can keep at most {count} addresses. Delete one to add another.",
        limit,
    ).format(count=fmt.number(limit))


def refused_text(refusal: FieldRefused) -> str:
    """Why the buyer's answer was refused, escaped for the step's message that asks again."""
    return fmt.quote(refusal_sentence(refusal))


def refusal_sentence(refusal: FieldRefused) -> str:
    """Why an answer to a field was refused, in words (plain text, not escaped); with an
    example of the expected format when the refusal has one."""
    text = _reason(refusal)
    if refusal.example is not None:
        text += " " + _("For example: {example}").format(example=refusal.example)
    return text


def _reason(refusal: FieldRefused) -> str:  # noqa: PLR0911 - a table
    match refusal:
        case FieldTooShort(limit=limit):
            return ngettext(
                "That is too short: use at least {count} character.",
                "That is too short: use at least {count} characters.",
                limit,
            ).format(count=fmt.number(limit))
        case FieldTooLong(limit=limit):
            return ngettext(
                "That is too long: use at most {count} character.",
                "That is too long: use at most {count} characters.",
                limit,
            ).format(count=fmt.number(limit))
        case RecipientHasSymbols():
            return _("A name can have only letters, spaces, hyphens, apostrophes and dots.")
        case PlaceHasSymbols():
            return _("Use only letters, digits, punctuation and the signs № # & + / °.")
        case FieldWithoutLetters():
            return _("There must be at least one letter.")
        case HouseNumberMissing():
            return _("No house number? Send it again to keep it as is, or add the number.")
        case CountryUnknown():
            return _("Choose the country from the list.")
        case PostalCodeMalformed(expected=None):
            return _("A postal code has 2 to 10 letters and digits.")
        case PostalCodeMalformed(country=country, expected=expected):
            return _("A postal code in {country} looks like {example}.").format(
                country=country_label(country), example=expected
            )
        case PhoneRefused():
            return _phone_reason(refusal)
    return _("This cannot be empty.")


def _phone_reason(refusal: PhoneRefused) -> str:
    match refusal:
        case PhoneNeedsCountryCode():
            return _("Start the number with + and its country code.")
        case PhoneWrongLength():
            return _("The number has too few or too many digits.")
        case PhoneNoSuchNumber():
            return _("There are no such numbers. Check the digits.")
    return _("That does not look like a phone number.")
