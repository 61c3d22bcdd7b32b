"""Country list and search: the buyer's language, English or the code, accents ignored."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.addresses.countries import (
    SEARCH_LIMIT,
    check_country,
    country_codes,
    country_name,
    fold,
    search_countries,
)
from bot.services.addresses.errors import CountryUnknown


def codes(query: str, language: str) -> list[str]:
    return [country.code for country in search_countries(query, language)]


def test_the_list_is_iso_3166_countries_plus_kosovo_and_nothing_else() -> None:
    listed = set(country_codes())

    assert len(listed) == 250  # 249 ISO 3166-1 codes and XK
    assert {"RU", "US", "HK", "AQ", "XK", "AX", "SS", "BQ"} <= listed
    assert not listed & {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "IC", "EA", "AC", "TA"}
    assert all(len(code) == 2 and code.isalpha() and code.isupper() for code in listed)


def test_names_are_in_the_buyers_language_with_english_as_the_fallback() -> None:
    assert country_name("de", "ru") == "Германия"
    assert country_name("DE", "en") == "Germany"
    assert country_name("DE", "xx") == "Germany"
    assert country_name("EU", "en") is None


@pytest.mark.parametrize(
    ("query", "language", "first"),
    [
        ("герм", "ru", "DE"),  # the buyer's language
        ("germ", "ru", "DE"),  # English, whatever the buyer's language
        ("de", "en", "DE"),  # the ISO code
        ("deu", "en", "DE"),  # the ISO alpha-3 code
        ("usa", "ru", "US"),
        ("uk", "en", "GB"),
        ("США", "ru", "US"),
        ("cote d'ivoire", "en", "CI"),
        ("COTE-D-IVOIRE", "ru", "CI"),  # accents, case and punctuation do not matter
        ("ивуар", "ru", "CI"),  # a word inside the name
        ("Ёлены", "ru", "SH"),  # ё counts as е (о-в Св. Елены)
        ("kong", "en", "HK"),
        ("россия", "ru", "RU"),
        ("фран", "uk", "FR"),  # Франція before Французька Гвіана: shorter first
    ],
)
def test_search_finds_a_country_however_the_buyer_names_it(
    query: str, language: str, first: str
) -> None:
    found = codes(query, language)

    assert found and found[0] == first, found


def test_whole_name_or_code_ranks_ahead_of_a_prefix_ahead_of_a_substring() -> None:
    assert codes("niger", "en")[:2] == ["NE", "NG"]  # Niger exact, then Nigeria by prefix
    assert codes("ger", "en")[0] == "DE"  # Germany by prefix before Algeria, Niger, Nigeria


def test_results_are_few_and_shown_in_the_buyers_language() -> None:
    found = search_countries("a", "ru")

    assert 0 < len(found) <= SEARCH_LIMIT
    assert search_countries("рос", "ru")[0].name == "Россия"
    assert search_countries("russia", "en")[0].name == "Russia"


@pytest.mark.parametrize("query", ["", "   ", "!!!", "zz", "eu", "qwertyuiop"])
def test_queries_naming_no_country_find_nothing(query: str) -> None:
    assert search_countries(query, "en") == []


@given(st.text(max_size=120), st.sampled_from(["en", "ru", "uk", "ar", "zh_Hant", "xx", ""]))
def test_any_query_in_any_language_returns_a_short_list_of_real_countries(
    query: str, language: str
) -> None:
    found = search_countries(query, language)

    assert len(found) <= SEARCH_LIMIT
    assert all(country.code in country_codes() and country.name for country in found)


def test_diacritics_and_case_fold_away() -> None:
    assert fold("Ёлка") == fold("елка")
    assert fold("Côte d’Ivoire") == "cote d ivoire"
    assert fold("ÅLAND") == "aland"


def test_country_from_a_button_must_be_a_known_code() -> None:
    assert check_country(" ru ") == "RU"
    with pytest.raises(CountryUnknown):
        check_country("EU")
    with pytest.raises(CountryUnknown):
        check_country("")
