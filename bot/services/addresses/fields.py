"""Checks of the shipping-address form, one field (one step of the form) at a time.

Each check takes the buyer's text and returns the normalized value to store, or raises a
`FieldRefused` (bot/services/addresses/errors.py) that carries what the bot needs to explain
it (the length limit, an example of the expected format); the bot translates. Nothing else
is raised on any input. Countries live in `countries`, postal codes in `postal_codes`
(beside this module).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType
from phonenumbers import ValidationResult as PhoneLength

from bot.services.addresses.errors import (
    FieldEmpty,
    FieldRefused,
    FieldTooLong,
    FieldTooShort,
    FieldWithoutLetters,
    HouseNumberMissing,
    PhoneNeedsCountryCode,
    PhoneNoSuchNumber,
    PhoneNotANumber,
    PhoneWrongLength,
    PlaceHasSymbols,
    RecipientHasSymbols,
)

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


def _check_length(text: str, bounds: tuple[int, int]) -> None:
    low, high = bounds
    if not text:
        raise FieldEmpty()
    if len(text) < low:
        raise FieldTooShort(low)
    if len(text) > high:
        raise FieldTooLong(high)


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L"


def _address_char(ch: str) -> bool:
    kind = unicodedata.category(ch)[0]
    return kind in "LMNP" or ch == " " or ch in ADDRESS_SYMBOLS or ch in _JOINERS


def check_recipient_name(text: str) -> str:
    """A person's name in any script: letters and marks, spaces, hyphens, apostrophes, dots."""
    name = clean_text(text)
    _check_length(name, NAME_LENGTH)
    if not all(
        _is_letter(ch)
        or unicodedata.category(ch)[0] == "M"
        or ch in NAME_PUNCTUATION
        or ch in _JOINERS
        for ch in name
    ):
        raise RecipientHasSymbols()
    if not any(_is_letter(ch) for ch in name):
        raise FieldWithoutLetters()
    return name


def check_region(text: str) -> str:
    """A region, district or city: any script, digits and usual punctuation allowed."""
    return _check_place(text, REGION_LENGTH)


def check_street(text: str) -> str:
    """Street, house, flat; also without a house number (named houses, rural addresses, "s/n"),
    which the form asks about first (`check_house_number`)."""
    return _check_place(text, STREET_LENGTH)


def check_house_number(street: str) -> None:
    """Raises `HouseNumberMissing` for a checked street with no digit and no "no number"
    marker: usually a number was forgotten."""
    if not any(ch.isdecimal() for ch in street) and not NO_NUMBER_MARKER.search(street.casefold()):
        raise HouseNumberMissing(street)


def _check_place(text: str, bounds: tuple[int, int]) -> str:
    place = clean_text(text)
    _check_length(place, bounds)
    if not all(_address_char(ch) for ch in place):
        raise PlaceHasSymbols()
    if not any(_is_letter(ch) for ch in place):
        raise FieldWithoutLetters()
    return place


def phone_example(country: str) -> str | None:
    """A mobile number of the country in international form, to show as the expected format."""
    example = phonenumbers.example_number_for_type(country, PhoneNumberType.MOBILE)
    if example is None:
        return None
    return phonenumbers.format_number(example, PhoneNumberFormat.INTERNATIONAL)


def check_phone(text: str, country: str, *, international: bool = False) -> Phone:
    """A possible and valid phone number; national numbers are read as `country`'s. Every
    refusal carries an example of the country's numbers.

    `international=True` is for a contact shared in Telegram: its number is international
    but may come without "+" ("79123456789", which is also a valid German number). Typed
    digits that are no valid number of `country` are tried once more as international.
    """
    typed = clean_text(text)
    example = phone_example(country)
    if not typed:  # said like any other text that is no number
        raise PhoneNotANumber(example=example)
    if len(typed) > PHONE_MAX_LENGTH:
        raise FieldTooLong(PHONE_MAX_LENGTH, example=example)
    bare_digits = not typed.startswith("+") and typed[:1].isdecimal()
    if international and bare_digits:
        typed = "+" + typed
    try:
        return _phone(typed, country)
    except FieldRefused as first:
        if bare_digits and not international:
            try:
                return _phone("+" + typed, country)
            except FieldRefused:
                pass
        raise replace(first, example=example) from None


def _phone(typed: str, country: str) -> Phone:
    try:
        number = phonenumbers.parse(typed, country.upper() or None)
    except NumberParseException as exc:
        if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
            raise PhoneNeedsCountryCode() from None
        raise PhoneNotANumber() from None
    length = phonenumbers.is_possible_number_with_reason(number)
    if length == PhoneLength.INVALID_COUNTRY_CODE:
        raise PhoneNeedsCountryCode()
    if length != PhoneLength.IS_POSSIBLE:
        raise PhoneWrongLength()
    if not phonenumbers.is_valid_number(number):
        raise PhoneNoSuchNumber()
    return Phone(
        e164=phonenumbers.format_number(number, PhoneNumberFormat.E164),
        international=phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
        region=phonenumbers.region_code_for_number(number),
    )
