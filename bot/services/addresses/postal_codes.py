"""Postal codes per country: the format where it is known, normalized to how the post writes it.

A code is read leniently (any case, spaces and hyphens anywhere, full-width or other-script
digits) and stored in the country's usual form ("sw1a1aa" -> "SW1A 1AA", "01310100" ->
"01310-100"). Countries without postal codes accept an empty field (the bot can skip the step),
and countries not in the table accept any plausible code, or none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.services.addresses.errors import FieldEmpty, PostalCodeMalformed
from bot.services.addresses.fields import clean_text


@dataclass(frozen=True, slots=True)
class PostalFormat:
    """`pattern` matches the code without spaces and hyphens; `split` is where the usual
    separator goes (negative: from the end), only when the code is longer than that."""

    pattern: str
    example: str
    split: int | None = None
    separator: str = " "

    def layout(self, compact: str) -> str:
        if self.split is None or len(compact) <= abs(self.split):
            return compact
        return compact[: self.split] + self.separator + compact[self.split :]


def _digits(count: int, example: str) -> PostalFormat:
    """The most common format: a fixed number of digits, written as they are."""
    return PostalFormat(f"[0-9]{{{count}}}", example)


# The outward part of a UK postcode (area and district): A9, A99, AA9, AA99, A9A, AA9A.
GB_OUTWARD = (
    "(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]))"
)
POSTAL_FORMATS: dict[str, PostalFormat] = {
    "RU": _digits(6, "101000"),
    "US": PostalFormat("[0-9]{5}(?:[0-9]{4})?", "94105", split=5, separator="-"),
    "GB": PostalFormat(f"(?:GIR0AA|{GB_OUTWARD}[0-9][ABD-HJLNP-UW-Z]{{2}})", "SW1A 1AA", split=-3),
    "DE": _digits(5, "10115"),
    "FR": _digits(5, "75008"),
    "CN": _digits(6, "100000"),
    "ES": PostalFormat("(?:0[1-9]|[1-4][0-9]|5[0-2])[0-9]{3}", "28013"),
    "IT": _digits(5, "00184"),
    "BR": PostalFormat("[0-9]{8}", "01310-100", split=5, separator="-"),
    "CA": PostalFormat(
        "[ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z][0-9][ABCEGHJ-NPRSTV-Z][0-9]", "K1A 0B1", split=3
    ),
    "UA": _digits(5, "01001"),
    "BY": _digits(6, "220030"),
    "KZ": PostalFormat("[0-9]{6}|[A-Z][0-9]{2}[A-Z][0-9][A-Z][0-9]", "050000"),  # old and 2015
    "PL": PostalFormat("[0-9]{5}", "00-950", split=2, separator="-"),
    "NL": PostalFormat("[1-9][0-9]{3}(?:[A-RT-Z][A-Z]|S[BCE-RT-Z])", "1012 AB", split=4),
    "JP": PostalFormat("[0-9]{7}", "100-0001", split=3, separator="-"),
    "KR": _digits(5, "03187"),
    "IN": PostalFormat("[1-9][0-9]{5}", "110001"),
    "AU": _digits(4, "2000"),
    "TR": PostalFormat("(?:0[1-9]|[1-7][0-9]|8[01])[0-9]{3}", "34000"),
    "IL": PostalFormat("[0-9]{7}", "6100000"),
    "AT": _digits(4, "1010"),
    "BE": _digits(4, "1000"),
    "CH": _digits(4, "8001"),
    "CZ": PostalFormat("[0-9]{5}", "110 00", split=3),
    "SK": PostalFormat("[0-9]{5}", "811 01", split=3),
    "SE": PostalFormat("[0-9]{5}", "113 51", split=3),
    "GR": PostalFormat("[0-9]{5}", "105 57", split=3),
    "PT": PostalFormat("[0-9]{7}", "1000-001", split=4, separator="-"),
    "FI": _digits(5, "00100"),
    "DK": _digits(4, "1050"),
    "NO": _digits(4, "0150"),
    "HU": _digits(4, "1051"),
    "RO": _digits(6, "010011"),
    "BG": _digits(4, "1000"),
    "RS": _digits(5, "11000"),
    "HR": _digits(5, "10000"),
    "SI": _digits(4, "1000"),
    "EE": _digits(5, "10111"),
    "MX": _digits(5, "06000"),
    "ID": _digits(5, "10110"),
    "TH": _digits(5, "10200"),
    "MY": _digits(5, "50050"),
    "VN": _digits(6, "100000"),
    "SG": _digits(6, "018956"),
    "PH": _digits(4, "1000"),
    "NZ": _digits(4, "6011"),
    "UZ": _digits(6, "100000"),
    "KG": _digits(6, "720000"),
    "TJ": _digits(6, "734000"),
    "AM": _digits(4, "0010"),
    "GE": _digits(4, "0105"),
}


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Countries whose post uses no postal codes (or where buyers have none to give).
WITHOUT_POSTAL_CODES = _codes(
    "AE AG AO AW BF BI BJ BO BS BZ CD CF CG CI CK CM DJ DM ER FJ GD GM GQ GY HK KI KM KN KP "
    "LC ML MO MR NR NU QA RW SB SC SL SR ST SY TG TK TL TO TT TV UG VU YE ZW"
)
# Any other country: 2..10 letters and digits, single spaces or hyphens between them.
_GENERIC = re.compile(r"[A-Z0-9](?:[ -]?[A-Z0-9]){1,9}", re.ASCII)
_COMPILED = {code: re.compile(spec.pattern, re.ASCII) for code, spec in POSTAL_FORMATS.items()}
MAX_TYPED = 40


def uses_postal_codes(country: str) -> bool:
    """False where the form should not even ask for a postal code."""
    return country.upper() not in WITHOUT_POSTAL_CODES


def postal_code_optional(country: str) -> bool:
    """A country that uses postal codes in a format we do not know: the buyer may have none."""
    return uses_postal_codes(country) and country.upper() not in POSTAL_FORMATS


def postal_code_example(country: str) -> str | None:
    """A code of the country's format, for the prompt and for the refusal message."""
    spec = POSTAL_FORMATS.get(country.upper())
    return spec.example if spec else None


def _ascii_upper(text: str) -> str:
    """NFKC (full-width forms), any script's digits as 0-9, upper case, clean spaces."""
    text = clean_text(unicodedata.normalize("NFKC", text)).upper()
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text
    )


def check_postal_code(text: str, country: str) -> str:
    """The code in the country's usual form, "" where the country has none or none is known."""
    country = country.upper()
    if country in WITHOUT_POSTAL_CODES:
        return ""  # nothing to check, and nothing a carrier would read
    spec = POSTAL_FORMATS.get(country)
    example = spec.example if spec else None
    if len(text) > MAX_TYPED:
        raise PostalCodeMalformed(country, example)
    typed = _ascii_upper(text)
    if spec is None:
        if not typed:
            return ""
        if _GENERIC.fullmatch(typed):
            return typed
        raise PostalCodeMalformed(country, None)
    if not typed:
        raise FieldEmpty(example=example)
    compact = typed.replace(" ", "").replace("-", "")
    if not _COMPILED[country].fullmatch(compact):
        raise PostalCodeMalformed(country, example)
    return spec.layout(compact)
