"""Why the address book refuses something: a missing address, a full book, and each reason an
answer to a field of the address form is refused. They carry data (a limit, an example of the
expected format), never words: `bot/views/addresses/errors.py` says them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.services.errors import DomainError

if TYPE_CHECKING:
    from bot.services.addresses.book import AddressField


@dataclass
class AddressNotFound(DomainError):
    """No such shipping address for this buyer (deleted meanwhile, or a forged button)."""

    address_id: int


@dataclass
class AddressLimitReached(DomainError):
    """A buyer keeps at most `limit` addresses, as on the web cabinet."""

    limit: int


# --- one field of the form -----------------------------------------------------------------


@dataclass(kw_only=True)
class FieldRefused(DomainError):
    """Why an answer to one field is refused; `example` is a value of the expected format
    (a phone number of the address's country), shown after the reason."""

    example: str | None = None


@dataclass
class FieldEmpty(FieldRefused):
    pass


@dataclass
class FieldTooShort(FieldRefused):
    limit: int


@dataclass
class FieldTooLong(FieldRefused):
    limit: int


@dataclass
class FieldWithoutLetters(FieldRefused):
    pass


@dataclass
class RecipientHasSymbols(FieldRefused):
    """A name has letters, marks, spaces, hyphens, apostrophes and dots only."""


@dataclass
class PlaceHasSymbols(FieldRefused):
    """A region, city or street has letters, digits, punctuation and a few signs (№ # & + / °)."""


@dataclass
class HouseNumberMissing(FieldRefused):
    """A street without a house number: usually one was forgotten, so the form asks first;
    the same street sent again is taken as it is (named houses, rural addresses)."""

    street: str


@dataclass
class CountryUnknown(FieldRefused):
    code: str


@dataclass
class PostalCodeMalformed(FieldRefused):
    """Not a postal code of `country`; `expected` is one of its format, where it is known."""

    country: str
    expected: str | None


@dataclass
class PhoneRefused(FieldRefused):
    """Why a phone number is refused (the subclasses say which)."""


@dataclass
class PhoneNotANumber(PhoneRefused):
    pass


@dataclass
class PhoneNeedsCountryCode(PhoneRefused):
    """An unknown country code, or a country whose numbers are only dialled with "+code"."""


@dataclass
class PhoneWrongLength(PhoneRefused):
    pass


@dataclass
class PhoneNoSuchNumber(PhoneRefused):
    """The right length, but no such numbers exist in that country."""


@dataclass
class AddressFieldRefused(DomainError):
    """A saved address whose field no longer passes its check (e.g. a form kept across an
    upgrade of the rules): `refusal` says why."""

    field: AddressField
    refusal: FieldRefused
