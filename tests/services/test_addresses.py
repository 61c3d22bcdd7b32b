"""The shipping-address form, field by field: names, places, streets and phones."""

from __future__ import annotations

from collections.abc import Callable

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from bot.services.addresses.countries import country_codes
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
    PhoneRefused,
    PhoneWrongLength,
    PlaceHasSymbols,
    RecipientHasSymbols,
)
from bot.services.addresses.fields import (
    NAME_LENGTH,
    STREET_LENGTH,
    Phone,
    check_house_number,
    check_phone,
    check_recipient_name,
    check_region,
    check_street,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Иван Петров", "Иван Петров"),
        ("  Jean-Luc   O’Neil ", "Jean-Luc O’Neil"),
        ("J. R. R. Tolkien", "J. R. R. Tolkien"),
        ("王芳", "王芳"),
        ("محمد علی", "محمد علی"),
        ("देवनागरी नाम", "देवनागरी नाम"),  # combining vowel signs are part of the letters
        ("Zoe\u0308 Smith", "Zoë Smith"),  # stored composed
        ("Anna\u202e Lee\u200b", "Anna Lee"),  # bidi override and zero-width space dropped
    ],
)
def test_recipient_names_in_any_script_are_stored_tidy(typed: str, stored: str) -> None:
    assert check_recipient_name(typed) == stored


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("", FieldEmpty()),
        ("   ", FieldEmpty()),
        ("Я", FieldTooShort(limit=NAME_LENGTH[0])),
        ("x" * 101, FieldTooLong(limit=NAME_LENGTH[1])),
        ("Ivan 2", RecipientHasSymbols()),
        ("<b>Ivan</b>", RecipientHasSymbols()),
        ("Ivan 🙂", RecipientHasSymbols()),
        ("-- ..", FieldWithoutLetters()),
    ],
)
def test_names_that_are_no_names_are_refused_with_a_reason(
    typed: str, refusal: FieldRefused
) -> None:
    with pytest.raises(FieldRefused) as refused:
        check_recipient_name(typed)
    assert refused.value == refusal


def _refusal(check: Callable[[], object]) -> FieldRefused:
    with pytest.raises(FieldRefused) as refused:
        check()
    return refused.value


def test_region_or_city_takes_one_to_a_hundred_characters_with_a_letter() -> None:
    assert check_region("Москва") == "Москва"
    assert check_region("Saint-Pierre (La Réunion)") == "Saint-Pierre (La Réunion)"
    assert _refusal(lambda: check_region("")) == FieldEmpty()
    assert _refusal(lambda: check_region("75")) == FieldWithoutLetters()
    assert _refusal(lambda: check_region("y" * 101)) == FieldTooLong(limit=100)


@pytest.mark.parametrize(
    "street", ["ул. Ленина, д. 5, кв. 12", "1600 Amphitheatre Pkwy", "1-2-3 Ginza", "No 5 #2"]
)
def test_street_with_a_house_number_is_accepted_as_is(street: str) -> None:
    assert check_street(street) == street
    check_house_number(street)  # no second look needed


@pytest.mark.parametrize("street", ["Calle Mayor s/n", "д. Ивановка, б/н"])
def test_street_marked_as_having_no_number_is_accepted_without_a_notice(street: str) -> None:
    assert check_street(street) == street
    check_house_number(street)  # no second look needed


def test_street_without_any_number_is_accepted_but_asks_for_a_second_look() -> None:
    assert check_street("Rose Cottage, Church Lane") == "Rose Cottage, Church Lane"
    assert _refusal(lambda: check_house_number("Rose Cottage, Church Lane")) == (
        HouseNumberMissing("Rose Cottage, Church Lane")
    )


@pytest.mark.parametrize(
    ("street", "refusal"),
    [
        ("5a", FieldTooShort(limit=STREET_LENGTH[0])),
        ("z" * 201, FieldTooLong(limit=STREET_LENGTH[1])),
        ("Main St 😀 5", PlaceHasSymbols()),
        ("12345", FieldWithoutLetters()),
    ],
)
def test_streets_that_cannot_be_delivered_to_are_refused(
    street: str, refusal: FieldRefused
) -> None:
    assert _refusal(lambda: check_street(street)) == refusal


@pytest.mark.parametrize(
    ("typed", "country", "phone"),
    [
        ("8 (912) 345-67-89", "RU", Phone("+79123456789", "+7 912 345-67-89", "RU")),
        ("+7 912 345 67 89", "US", Phone("+79123456789", "+7 912 345-67-89", "RU")),
        ("(201) 555-0123", "US", Phone("+12015550123", "+1 201-555-0123", "US")),
        ("050 123 4567", "AE", Phone("+971501234567", "+971 50 123 4567", "AE")),
        ("９１２３４５６７８９", "RU", Phone("+79123456789", "+7 912 345-67-89", "RU")),
        # no valid number of the country, but a valid international one without "+"
        ("447400123456", "RU", Phone("+447400123456", "+44 7400 123456", "GB")),
    ],
)
def test_phone_is_stored_in_e164_and_shown_internationally(
    typed: str, country: str, phone: Phone
) -> None:
    assert check_phone(typed, country) == phone


def test_shared_contact_number_is_read_as_international_even_without_plus() -> None:
    # "79123456789" is also a valid German number; a Telegram contact is always international
    assert check_phone("79123456789", "DE") == Phone("+4979123456789", "+49 791 23456789", "DE")
    assert check_phone("79123456789", "DE", international=True) == Phone(
        "+79123456789", "+7 912 345-67-89", "RU"
    )


@pytest.mark.parametrize(
    ("typed", "country", "refusal"),
    [
        ("", "RU", PhoneNotANumber),  # told as any other text that is no number
        ("call me", "RU", PhoneNotANumber),
        ("12", "RU", PhoneWrongLength),
        ("+999 123 456", "RU", PhoneNeedsCountryCode),
        ("1234567", "AQ", PhoneNeedsCountryCode),  # no numbering plan: needs +code
        ("+1 200 555 0123", "US", PhoneNoSuchNumber),  # area codes never start with 2-0-0
        ("1" * 41, "RU", FieldTooLong),
    ],
)
def test_phone_refusals_carry_an_example_of_the_countrys_numbers(
    typed: str, country: str, refusal: type[FieldRefused]
) -> None:
    refused = _refusal(lambda: check_phone(typed, country))

    assert type(refused) is refusal
    if country == "RU":
        assert refused.example == "+7 912 345-67-89"


@given(st.text(max_size=60), st.sampled_from([*country_codes(), "", "ZZ", "zz", "X", "EU"]))
def test_any_text_for_any_country_is_checked_without_failing_otherwise(
    typed: str, country: str
) -> None:
    try:
        phone = check_phone(typed, country)
    except FieldRefused as refused:
        assert isinstance(refused, PhoneRefused | FieldTooLong)
        return
    assert phonenumbers.is_valid_number(phonenumbers.parse(phone.e164))


MOBILE_REGIONS = sorted(
    region
    for region in phonenumbers.SUPPORTED_REGIONS
    if phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE) is not None
)


STYLES = [PhoneNumberFormat.E164, PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.NATIONAL]


@given(st.sampled_from(MOBILE_REGIONS), st.sampled_from(STYLES))
def test_a_real_number_written_any_usual_way_is_accepted(region: str, style: int) -> None:
    number = phonenumbers.example_number_for_type(region, PhoneNumberType.MOBILE)
    typed = phonenumbers.format_number(number, style)

    result = check_phone(typed, region)

    assert result.e164 == phonenumbers.format_number(number, PhoneNumberFormat.E164)
