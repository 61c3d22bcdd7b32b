"""Profile rules without the bot: names, the currencies and zones on offer, the city search."""

from __future__ import annotations

import pytest

from bot.db.uow import UnitOfWork
from bot.services import profile
from bot.services.profile import (
    NameEmpty,
    NameHasSymbols,
    NameRefused,
    NameTooLong,
    NameWithoutLetters,
    check_name,
)
from bot.services.time_zones import COMMON_ZONES, common_zones, is_known_zone, search_zones
from tests.conftest import START
from tests.factories import make_buyer


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Anna", "Anna"),
        ("  Anna   Maria ", "Anna Maria"),
        ("Jean-Luc", "Jean-Luc"),
        ("O’Brien", "O’Brien"),
        ("D'Artagnan", "D'Artagnan"),
        ("Ёжик", "Ёжик"),
        ("王芳", "王芳"),
        ("अनीता", "अनीता"),  # Devanagari vowel signs are marks, not letters
        ("محمد", "محمد"),
        ("x" * 64, "x" * 64),
    ],
)
def test_names_of_any_script_are_accepted(typed: str, stored: str) -> None:
    assert check_name(typed) == stored


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("", NameEmpty()),
        ("   ", NameEmpty()),
        ("\u200b\u2060", NameEmpty()),
        ("x" * 65, NameTooLong(max_length=64)),
        ("Anna2", NameHasSymbols()),
        ("Anna 🙂", NameHasSymbols()),
        ("<b>Anna</b>", NameHasSymbols()),
        ("Anna.", NameHasSymbols()),
        ("- '", NameWithoutLetters()),
    ],
)
def test_names_are_refused_with_a_reason(typed: str, refusal: NameRefused) -> None:
    with pytest.raises(NameRefused) as refused:
        check_name(typed)
    assert refused.value == refusal


async def test_a_refused_name_is_not_saved(uow: UnitOfWork) -> None:
    buyer = await make_buyer(uow, 1001, START)
    async with uow:
        user = await uow.users.by_id(buyer.id)  # setters change the row of the caller's session
        assert user is not None
        with pytest.raises(NameHasSymbols):
            await profile.rename(uow, user, "R2-D2", START)
        assert await profile.rename(uow, user, " Ann ", START) == "Ann"
    async with uow:
        assert (await uow.users.by_id(user.id)).first_name == "Ann"  # type: ignore[union-attr]


async def test_only_offered_currencies_and_real_zones_are_stored(uow: UnitOfWork) -> None:
    buyer = await make_buyer(uow, 1001, START)
    async with uow:
        user = await uow.users.by_id(buyer.id)
        assert user is not None
        with pytest.raises(profile.ChoiceNotOffered):
            await profile.set_display_currency(uow, user, "XAU", START)
        with pytest.raises(profile.ChoiceNotOffered):
            await profile.set_time_zone(uow, user, "Mars/Olympus", START)
        await profile.set_display_currency(uow, user, "KZT", START)
        await profile.set_time_zone(uow, user, "Asia/Almaty", START)
    async with uow:
        stored = await uow.users.by_id(user.id)
        assert stored is not None
        assert (stored.display_currency, stored.time_zone) == ("KZT", "Asia/Almaty")


def test_every_offered_zone_exists() -> None:
    for zones in COMMON_ZONES.values():
        assert all(is_known_zone(zone) for zone in zones), zones
    assert common_zones("ru")[1] == "Europe/Moscow"
    assert common_zones("de") == COMMON_ZONES["en"]


@pytest.mark.parametrize(
    ("typed", "locale", "first"),
    [
        ("Москва", "ru", "Europe/Moscow"),
        ("moscow", "ru", "Europe/Moscow"),
        ("Нью-Йорк", "ru", "America/New_York"),
        ("нью йорк", "ru", "America/New_York"),
        ("new york", "en", "America/New_York"),
        ("Europe/Berlin", "en", "Europe/Berlin"),
        ("екатеринбург", "ru", "Asia/Yekaterinburg"),
        ("Kiev", "en", "Europe/Kyiv"),  # an old name finds the current zone
        ("utc", "en", "UTC"),
    ],
)
def test_a_city_is_found_by_its_local_or_english_name(typed: str, locale: str, first: str) -> None:
    assert search_zones(typed, locale).zones[0] == first


def test_a_search_finds_nothing_for_one_letter_or_nonsense() -> None:
    assert search_zones("M", "en").zones == ()
    assert search_zones("Москва", "en").zones == ()  # the buyer's language and English only
    assert search_zones("Atlantis", "en").zones == ()
    assert search_zones("Etc/GMT+3", "en").zones == ()  # inverted-sign zones are not offered


def test_a_wide_search_is_cut_and_says_so() -> None:
    found = search_zones("America", "en", limit=5)
    assert len(found.zones) == 5 and found.more
