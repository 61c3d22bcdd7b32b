"""Checks of the shipping-address form, one field (one step of the form) at a time.

Each check takes the buyer's text and returns `Accepted` with the normalized value to store,
or `Refused` with an `AddressProblem` and what the bot needs to explain it (the length limit,
an example of the expected format); the bot translates. Nothing here raises on any input.
Countries live in `countries`, postal codes in `postal_codes` (beside this module).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeAlias, TypeVar

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from phonenumbers import ValidationResult as PhoneLength

T = TypeVar("T")

NAME_LENGTH = (2, 100)
REGION_LENGTH = (1, 100)
STREET_LENGTH = (3, 200)
PHONE_MAX_LENGTH = 40  # "+7 (912) 345-67-89 доб. 1234" fits; an essay is not a phone
NAME_PUNCTUATION = frozenset(" -\u2010\u2011'\u2019\u2018`.")  # spaces, hyphens, apostrophes
# Punctuation is fine in a street or a city ("ул. Ленина, д. 5/2", "St. John's"); symbols are
# not (emoji, "<", "=", "$"), except these few that real addresses use.
ADDRESS_SYMBOLS = frozenset("№#&+/°")
# Kept in names of Persian, Indic and other scripts; all other format characters (bidi
# marks, zero-width spaces that copy-paste brings along) are dropped.
_JOINERS = frozenset("\u200c\u200d")
# "No number" markers: a street without a house number on purpose (Spanish, Russian, Italian).
NO_NUMBER_MARKER = re.compile(r"(?<!\w)(?:s/n|б/н|snc)(?!\w)")


class AddressProblem(StrEnum):
    """Why a field of the address form is refused (or, as a notice, worth a second look)."""

    EMPTY = "empty"
    TOO_SHORT = "too_short"  # limit: the minimum length
    TOO_LONG = "too_long"  # limit: the maximum length
    INVALID_CHARACTERS = "invalid_characters"
    NO_LETTERS = "no_letters"
    NO_HOUSE_NUMBER = "no_house_number"  # a notice: accepted, but ask "no house number?"
    PHONE_NOT_A_NUMBER = "phone_not_a_number"
    PHONE_COUNTRY_CODE = "phone_country_code"  # unknown code, or a country needing "+code"
    PHONE_WRONG_LENGTH = "phone_wrong_length"
    PHONE_INVALID = "phone_invalid"  # right length, but no such numbers in that country
    UNKNOWN_COUNTRY = "unknown_country"
    POSTAL_CODE_FORMAT = "postal_code_format"  # example: a code of the expected format


@dataclass(frozen=True, slots=True)
class Accepted(Generic[T]):
    """The value to store; `notice` asks the buyer to confirm something unusual about it."""

    value: T
    notice: AddressProblem | None = None


@dataclass(frozen=True, slots=True)
class Refused:
    """Why the text was refused; `limit` or `example` fill the placeholders of the message."""

    problem: AddressProblem
    limit: int | None = None
    example: str | None = None


FieldCheck: TypeAlias = Accepted[str] | Refused


@dataclass(frozen=True, slots=True)
class Phone:
    """A recipient's phone: E.164 to store and give carriers, international form to show."""

    e164: str
    international: str
    region: str | None  # the country the number belongs to, which may differ from the address


def clean_text(text: str) -> str:
    """NFC, one space for any run of whitespace, no invisible format characters, no edges."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if ch in _JOINERS or unicodedata.category(ch) != "Cf")
    return " ".join(text.split())


def _length(text: str, bounds: tuple[int, int]) -> Refused | None:
    low, high = bounds
    if not text:
        return Refused(AddressProblem.EMPTY)
    if len(text) < low:
        return Refused(AddressProblem.TOO_SHORT, limit=low)
    if len(text) > high:
        return Refused(AddressProblem.TOO_LONG, limit=high)
    return None


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L"


def _address_char(ch: str) -> bool:
    kind = unicodedata.category(ch)[0]
    return kind in "LMNP" or ch == " " or ch in ADDRESS_SYMBOLS or ch in _JOINERS


def check_recipient_name(text: str) -> FieldCheck:
    """A person's name in any script: letters and marks, spaces, hyphens, apostrophes, dots."""
    name = clean_text(text)
    if refused := _length(name, NAME_LENGTH):
        return refused
    if not all(
        _is_letter(ch)
        or unicodedata.category(ch)[0] == "M"
        or ch in NAME_PUNCTUATION
        or ch in _JOINERS
        for ch in name
    ):
        return Refused(AddressProblem.INVALID_CHARACTERS)
    if not any(_is_letter(ch) for ch in name):
        return Refused(AddressProblem.NO_LETTERS)
    return Accepted(name)


def check_region(text: str) -> FieldCheck:
    """A region, district or city: any script, digits and usual punctuation allowed."""
    return _check_place(text, REGION_LENGTH)


def check_street(text: str) -> FieldCheck:
    """Street, house, flat. Without a digit it is still accepted (named houses, rural
    addresses, "s/n") but carries the `NO_HOUSE_NUMBER` notice: usually a number was forgotten.
    """
    checked = _check_place(text, STREET_LENGTH)
    if isinstance(checked, Refused):
        return checked
    street = checked.value
    if any(ch.isdecimal() for ch in street) or NO_NUMBER_MARKER.search(street.casefold()):
        return checked
    return Accepted(street, notice=AddressProblem.NO_HOUSE_NUMBER)


def _check_place(text: str, bounds: tuple[int, int]) -> FieldCheck:
    place = clean_text(text)
    if refused := _length(place, bounds):
        return refused
    if not all(_address_char(ch) for ch in place):
        return Refused(AddressProblem.INVALID_CHARACTERS)
    if not any(_is_letter(ch) for ch in place):
        return Refused(AddressProblem.NO_LETTERS)
    return Accepted(place)


def phone_example(country: str) -> str | None:
    """A mobile number of the country in international form, to show as the expected format."""
    example = phonenumbers.example_number_for_type(country, PhoneNumberType.MOBILE)
    if example is None:
        return None
    return phonenumbers.format_number(example, PhoneNumberFormat.INTERNATIONAL)


def check_phone(
    text: str, country: str, *, international: bool = False
) -> Accepted[Phone] | Refused:
    """A possible and valid phone number; national numbers are read as `country`'s.

    `international=True` is for a contact shared in Telegram: its number is international
    but may come without "+" ("79123456789", which is also a valid German number). Typed
    digits that are no valid number of `country` are tried once more as international.
    """
    typed = clean_text(text)
    example = phone_example(country)
    if not typed:
        return Refused(AddressProblem.EMPTY, example=example)
    if len(typed) > PHONE_MAX_LENGTH:
        return Refused(AddressProblem.TOO_LONG, limit=PHONE_MAX_LENGTH, example=example)
    bare_digits = not typed.startswith("+") and typed[:1].isdecimal()
    if international and bare_digits:
        typed = "+" + typed
    first = _phone_or_problem(typed, country)
    if isinstance(first, Refused) and bare_digits and not international:
        second = _phone_or_problem("+" + typed, country)
        if isinstance(second, Accepted):
            return second
    if isinstance(first, Refused):
        return Refused(first.problem, example=example)
    return first


def _phone_or_problem(typed: str, country: str) -> Accepted[Phone] | Refused:
    try:
        number = phonenumbers.parse(typed, country.upper() or None)
    except NumberParseException as exc:
        if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            return Refused(AddressProblem.PHONE_COUNTRY_CODE)
        return Refused(AddressProblem.PHONE_NOT_A_NUMBER)
    length = phonenumbers.is_possible_number_with_reason(number)
    if length == PhoneLength.INVALID_COUNTRY_CODE:
        return Refused(AddressProblem.PHONE_COUNTRY_CODE)
    if length != PhoneLength.IS_POSSIBLE:
        return Refused(AddressProblem.PHONE_WRONG_LENGTH)
    if not phonenumbers.is_valid_number(number):
        return Refused(AddressProblem.PHONE_INVALID)
    return Accepted(
        Phone(
            e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
            international=phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
            region=phonenumbers.region_code_for_number(number),
        )
    )
