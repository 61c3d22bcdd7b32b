"""Postal codes: read leniently, stored the way each country's post writes them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.addresses.countries import country_codes
from bot.services.addresses.errors import FieldEmpty, FieldRefused, PostalCodeMalformed
from bot.services.addresses.postal_codes import (
    POSTAL_FORMATS,
    WITHOUT_POSTAL_CODES,
    check_postal_code,
    postal_code_example,
    uses_postal_codes,
)

REQUIRED_TABLE = (
    "RU US GB DE FR CN ES IT BR CA UA BY KZ PL NL JP KR IN AU TR IL".split()  # noqa: SIM905
)


def test_the_table_covers_the_main_destinations_and_only_real_countries() -> None:
    assert set(REQUIRED_TABLE) <= set(POSTAL_FORMATS)
    assert set(POSTAL_FORMATS) <= set(country_codes())
    assert WITHOUT_POSTAL_CODES.issubset(country_codes())
    assert not WITHOUT_POSTAL_CODES & set(POSTAL_FORMATS)


@pytest.mark.parametrize("country", sorted(POSTAL_FORMATS))
def test_every_example_shown_to_buyers_is_itself_accepted_unchanged(country: str) -> None:
    example = postal_code_example(country)
    assert example
    assert check_postal_code(example, country) == example


@pytest.mark.parametrize(
    ("typed", "country", "stored"),
    [
        ("sw1a1aa", "GB", "SW1A 1AA"),
        (" ec1a  1bb ", "GB", "EC1A 1BB"),
        ("gir0aa", "GB", "GIR 0AA"),
        ("k1a0b1", "CA", "K1A 0B1"),
        ("1012ab", "NL", "1012 AB"),
        ("941051234", "US", "94105-1234"),
        ("94105", "US", "94105"),
        ("01310100", "BR", "01310-100"),
        ("00950", "PL", "00-950"),
        ("1000001", "JP", "100-0001"),
        ("１０１０００", "RU", "101000"),  # full-width digits from a CJK keyboard
        ("a15e3c5", "KZ", "A15E3C5"),
        ("110 001", "IN", "110001"),
    ],
)
def test_codes_are_stored_in_the_posts_own_form(typed: str, country: str, stored: str) -> None:
    assert check_postal_code(typed, country) == stored


@pytest.mark.parametrize(
    ("typed", "country"),
    [("10100", "RU"), ("1012 SA", "NL"), ("D1A 0B1", "CA"), ("99999", "ES"), ("012345", "IN")],
)
def test_wrong_format_is_refused_with_an_example(typed: str, country: str) -> None:
    with pytest.raises(PostalCodeMalformed) as refused:
        check_postal_code(typed, country)
    assert refused.value == PostalCodeMalformed(country, expected=postal_code_example(country))


def test_empty_code_is_refused_where_the_post_needs_one() -> None:
    with pytest.raises(FieldEmpty) as refused:
        check_postal_code(" ", "DE")
    assert refused.value == FieldEmpty(example="10115")


@pytest.mark.parametrize("country", ["HK", "AE", "ae"])
def test_countries_without_postal_codes_skip_the_step(country: str) -> None:
    assert not uses_postal_codes(country)
    assert check_postal_code("", country) == ""
    assert check_postal_code("000000", country) == ""


def test_countries_of_unknown_format_take_any_plausible_code_or_none() -> None:
    assert uses_postal_codes("AR")
    assert check_postal_code("", "AR") == ""
    assert check_postal_code("c1425 dkf", "AR") == "C1425 DKF"
    with pytest.raises(PostalCodeMalformed) as refused:
        check_postal_code("!!", "AR")
    assert refused.value == PostalCodeMalformed("AR", expected=None)


def _retyped(code: str, data: st.DataObject) -> str:
    """The same code as a buyer might type it: any case, stray spaces and hyphens."""
    out = []
    for ch in code:
        out.append(ch.lower() if data.draw(st.booleans()) else ch)
        out.append(data.draw(st.sampled_from(["", "", "", " ", "-"])))
    return data.draw(st.sampled_from(["", " "])) + "".join(out)


@given(st.sampled_from(sorted(POSTAL_FORMATS)), st.data())
def test_any_valid_code_typed_any_way_is_accepted_in_one_form(
    country: str, data: st.DataObject
) -> None:
    spec = POSTAL_FORMATS[country]
    code = data.draw(st.from_regex(re.compile(spec.pattern, re.ASCII), fullmatch=True))

    result = check_postal_code(_retyped(code, data), country)

    assert result == spec.layout(code)
    assert check_postal_code(result, country) == result  # stored form is stable


@given(st.text(max_size=50), st.sampled_from([*country_codes(), "", "ZZ", "r"]))
def test_junk_is_refused_or_normalized_never_fails_otherwise(typed: str, country: str) -> None:
    try:
        result = check_postal_code(typed, country)
    except FieldRefused as refused:
        assert isinstance(refused, FieldEmpty | PostalCodeMalformed)
        return

    assert result == "" or re.fullmatch(r"[A-Z0-9][A-Z0-9 -]*", result)
    spec = POSTAL_FORMATS.get(country)
    if spec and result:
        compact = result.replace(" ", "").replace("-", "")
        assert re.fullmatch(spec.pattern, compact, re.ASCII)
