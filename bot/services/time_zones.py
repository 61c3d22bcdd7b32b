"""Time zones a buyer can pick: a short list per language, and a search by city name.

A zone is found by its city as the buyer's language names it (Babel's exemplar city, e.g.
"Москва") and by the English tz id ("Europe/Moscow", "moscow", "new york"). Old aliases
("Asia/Calcutta", "Europe/Kiev") find their current zone and are not offered themselves, so
a city comes up once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import available_timezones

from babel.core import get_global
from babel.dates import get_timezone_location

# Areas of real places; "Etc/GMT+3" (whose sign is inverted) and the like stay out.
_AREAS = frozenset(
    {"Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian"}
    | {"Pacific"}
)
_SEPARATORS = re.compile(r"[\s_\-/'’.,()]+")
MIN_QUERY_LENGTH = 2
RESULTS_LIMIT = 8

COMMON_ZONES: dict[str, tuple[str, ...]] = {
    "ru": (
        "Europe/Kaliningrad",
        "Europe/Moscow",
        "Europe/Samara",
        "Asia/Yekaterinburg",
        "Asia/Omsk",
        "Asia/Novosibirsk",
        "Asia/Krasnoyarsk",
        "Asia/Irkutsk",
        "Asia/Yakutsk",
        "Asia/Vladivostok",
        "Asia/Magadan",
        "Asia/Kamchatka",
    ),
    "en": (
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Phoenix",
        "America/Los_Angeles",
        "America/Anchorage",
        "Pacific/Honolulu",
        "Europe/London",
        "Europe/Dublin",
        "Europe/Paris",
        "Europe/Berlin",
        "Europe/Madrid",
        "Europe/Athens",
        "UTC",
    ),
}


@dataclass(frozen=True, slots=True)
class ZoneSearch:
    """Zones that match, best first; `more` says the list was cut at the limit."""

    zones: tuple[str, ...]
    more: bool


def common_zones(locale: str) -> tuple[str, ...]:
    return COMMON_ZONES.get(locale, COMMON_ZONES["en"])


@lru_cache(maxsize=1)
def _known_zones() -> frozenset[str]:
    """Reading the zone database lists a directory tree; do it once."""
    return frozenset(available_timezones())


def is_known_zone(zone: str) -> bool:
    return zone in _known_zones()


def normalize(text: str) -> str:
    """Case, "ё", and separators do not matter: "нью-йорк" finds "Нью-Йорк"."""
    folded = text.casefold().replace("ё", "е")
    return " ".join(_SEPARATORS.sub(" ", folded).split())


def exemplar_city(zone: str, locale: str) -> str:
    """The zone's city in `locale` ("Москва"); its tz name when Babel has none for it."""
    if zone == "UTC":
        return "UTC"
    city = get_timezone_location(zone, locale=locale, return_city=True)
    return city.rsplit("/", 1)[-1]  # "Argentina/Buenos Aires" → "Buenos Aires"


@lru_cache(maxsize=8)
def _index(locale: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(zone, city in `locale`, search keys) for every searchable zone, built once per language."""
    aliases: dict[str, str] = get_global("zone_aliases")
    old_names: dict[str, set[str]] = {}
    for old, current in aliases.items():
        old_names.setdefault(current, set()).add(normalize(old.rsplit("/", 1)[-1]))
    zones = sorted(
        zone
        for zone in _known_zones()
        if zone.split("/", 1)[0] in _AREAS and "/" in zone and zone not in aliases
    )
    rows = []
    for zone in [*zones, "UTC"]:
        city = exemplar_city(zone, locale)
        keys = {
            normalize(city),
            normalize(exemplar_city(zone, "en")),
            normalize(zone.rsplit("/", 1)[-1]),
            normalize(zone),
            *old_names.get(zone, ()),
        }
        rows.append((zone, city, tuple(sorted(keys))))
    return tuple(rows)


def _rank(query: str, keys: tuple[str, ...]) -> int | None:
    """0: the whole name, 1: a name starts with it, 2: a word of a name does, 3: inside."""
    ranks = []
    for key in keys:
        if key == query:
            ranks.append(0)
        elif key.startswith(query):
            ranks.append(1)
        elif f" {query}" in f" {key}":
            ranks.append(2)
        elif query in key:
            ranks.append(3)
    return min(ranks) if ranks else None


def search_zones(text: str, locale: str, limit: int = RESULTS_LIMIT) -> ZoneSearch:
    """Zones whose city or tz id matches what the buyer typed; nothing for one letter."""
    query = normalize(text)
    if len(query) < MIN_QUERY_LENGTH:
        return ZoneSearch((), more=False)
    found = sorted(
        (rank, city.casefold(), zone)
        for zone, city, keys in _index(locale)
        if (rank := _rank(query, keys)) is not None
    )
    return ZoneSearch(tuple(zone for _, _, zone in found[:limit]), more=len(found) > limit)
