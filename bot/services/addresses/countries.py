"""Countries of a shipping address: the ISO 3166 list, names in the buyer's language, search.

The list is CLDR's (through Babel) without what is not a country one ships to: numeric
regions ("001", "419"), the unknown region, unions and groupings (EU, EZ, UN, QO),
pseudo-locales (XA, XB) and the exceptionally reserved codes that are parts of other
countries (AC, CP, CQ, DG, EA, IC, TA). Kosovo (XK) stays: parcels go there, and carriers and
phonenumbers know it by that code. That leaves the 249 ISO 3166-1 countries plus XK.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from bot.services.addresses.errors import CountryUnknown

NOT_COUNTRIES = frozenset(
    {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "AC", "CP", "CQ", "DG", "EA", "IC", "TA"}
)
# Names buyers type that are neither CLDR's name nor a code (ISO alpha-3 codes come from CLDR).
EXTRA_ALIASES = {
    "UK": "GB",
    "ENGLAND": "GB",
    "BRITAIN": "GB",
    "GREAT BRITAIN": "GB",
    "AMERICA": "US",
    "UAE": "AE",
    "РФ": "RU",
    "США": "US",
    "АНГЛИЯ": "GB",
    "БЕЛОРУССИЯ": "BY",
    "ОАЭ": "AE",
}
SEARCH_LIMIT = 8
FALLBACK_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class Country:
    """A country as the buyer sees it: the ISO code and its name in the buyer's language."""

    code: str
    name: str


def fold(text: str) -> str:
    """Case, accents and punctuation do not matter in a search: "Côte-d'Ivoire" ~ "cote d ivoire",
    "Ёлка" ~ "елка" (a decomposed letter loses its diacritic)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = (ch if ch.isalnum() else " " for ch in decomposed if unicodedata.category(ch)[0] != "M")
    return " ".join("".join(kept).split())


@lru_cache(maxsize=1)
def country_codes() -> tuple[str, ...]:
    """Every country code one can ship to, sorted."""
    names = Locale.parse(FALLBACK_LANGUAGE).territories
    return tuple(
        sorted(
            code
            for code in map(str, names)
            if len(code) == 2 and code.isalpha() and code.isupper() and code not in NOT_COUNTRIES
        )
    )


@lru_cache(maxsize=32)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(FALLBACK_LANGUAGE)


@lru_cache(maxsize=32)
def country_names(language: str) -> dict[str, str]:
    """Code -> name in `language` (English where CLDR has no name for it)."""
    english = Locale.parse(FALLBACK_LANGUAGE).territories
    local = _locale(language).territories
    return {code: local.get(code) or english[code] for code in country_codes()}


def country_name(code: str, language: str) -> str | None:
    """The name of a country in the buyer's language, None for an unknown code."""
    return country_names(language).get(code.upper())


def check_country(code: str) -> str:
    """A code from a button or an API call: known countries only, in upper case."""
    known = code.strip().upper()
    if known not in country_codes():
        raise CountryUnknown(code)
    return known


@lru_cache(maxsize=1)
def _aliases() -> dict[str, tuple[str, ...]]:
    """Code -> folded other names: ISO alpha-3 codes from CLDR and the few common ones above."""
    known = set(country_codes())
    pairs = [
        (targets[0], alias)
        for alias, targets in get_global("territory_aliases").items()
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1 and targets[0] in known
    ]
    pairs += [(code, alias) for alias, code in EXTRA_ALIASES.items()]
    aliases: dict[str, tuple[str, ...]] = {}
    for code, alias in pairs:
        aliases[code] = (*aliases.get(code, ()), fold(alias))
    return aliases


@lru_cache(maxsize=32)
def _search_index(language: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(code, shown name, folded names: the buyer's language, English, then aliases)."""
    local = country_names(language)
    english = country_names(FALLBACK_LANGUAGE)
    aliases = _aliases()
    return tuple(
        (
            code,
            local[code],
            tuple(dict.fromkeys((fold(local[code]), fold(english[code]), *aliases.get(code, ())))),
        )
        for code in country_codes()
    )


def _rank(query: str, code: str, names: tuple[str, ...]) -> int | None:
    """Lower is better: the code or a whole name, a name's start, a word's start, inside."""
    if query == code.casefold() or query in names:
        return 0
    if any(name.startswith(query) for name in names):
        return 1
    if any(word.startswith(query) for name in names for word in name.split()):
        return 2
    if len(query) >= 3 and any(query in name for name in names):
        return 3
    return None


def search_countries(query: str, language: str, limit: int = SEARCH_LIMIT) -> list[Country]:
    """Countries matching what the buyer typed, best first, in the buyer's language.

    A match in the buyer's language, in English or on the ISO code counts; equal matches are
    ordered shortest name first ("France" before "French Guiana"), then alphabetically.
    An empty or unmatched query gives an empty list.
    """
    wanted = fold(query[:100])
    if not wanted:
        return []
    found: list[tuple[int, int, str, Country]] = []
    for code, shown, names in _search_index(language):
        rank = _rank(wanted, code, names)
        if rank is not None:
            found.append((rank, len(shown), fold(shown), Country(code, shown)))
    found.sort(key=lambda each: each[:3])
    return [each[3] for each in found[:limit]]
