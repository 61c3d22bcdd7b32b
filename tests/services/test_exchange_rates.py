"""Converting into the display currency without the bot: exact minor units for currencies
with 0, 2 and 3 decimals, cross rates through a base, and no conversion when the rate is
missing or too old."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bot.db.uow import UnitOfWork
from bot.services.exchange_rates import (
    RateRules,
    RateSpec,
    RateTable,
    convert_minor,
    rates_for,
    store_rates,
)
from tests.conftest import START

RULES = RateRules(max_age=timedelta(hours=48))


def _table(*rates: tuple[str, str, str], as_of: datetime = START) -> RateTable:
    return RateTable((base, quote, Decimal(rate), as_of) for base, quote, rate in rates)


def test_dollars_become_roubles_at_the_base_rate() -> None:
    table = _table(("USD", "RUB", "92"))
    converted = table.convert(1250, "USD", "RUB", START, RULES)
    assert converted is not None
    assert (converted.minor, converted.currency, converted.as_of) == (115000, "RUB", START)


def test_the_inverse_rate_is_used_when_the_target_is_the_base() -> None:
    table = _table(("USD", "RUB", "92"))
    converted = table.convert(115000, "RUB", "USD", START, RULES)
    assert converted is not None
    assert converted.minor == 1250


def test_currencies_without_and_with_three_decimals_are_counted_right() -> None:
    table = _table(("USD", "JPY", "151.3"), ("USD", "KWD", "0.307"))
    to_yen = table.convert(1250, "USD", "JPY", START, RULES)  # $12.50 -> ¥1,891.25 -> ¥1,891
    assert to_yen is not None and to_yen.minor == 1891
    to_dinar = table.convert(1250, "USD", "KWD", START, RULES)  # 3.8375 KWD -> 3.838 (3 digits)
    assert to_dinar is not None and to_dinar.minor == 3838
    from_yen = table.convert(1891, "JPY", "KWD", START, RULES)  # through USD
    assert from_yen is not None and from_yen.minor == 3837  # 1891 / 151.3 * 0.307 = 3.8370


def test_a_cross_rate_takes_the_older_of_its_two_rates_as_its_age() -> None:
    table = RateTable(
        [
            ("USD", "RUB", Decimal("92"), START - timedelta(hours=3)),
            ("USD", "EUR", Decimal("0.92"), START - timedelta(hours=1)),
        ]
    )
    converted = table.convert(100, "EUR", "RUB", START, RULES)
    assert converted is not None
    assert converted.minor == 10000
    assert converted.as_of == START - timedelta(hours=3)


def test_the_freshest_base_wins_when_two_connect_the_currencies() -> None:
    table = RateTable(
        [
            ("USD", "RUB", Decimal("90"), START - timedelta(hours=20)),
            ("EUR", "RUB", Decimal("100"), START - timedelta(hours=20)),
            ("EUR", "USD", Decimal("1.25"), START - timedelta(hours=1)),
            ("USD", "EUR", Decimal("0.8"), START - timedelta(hours=2)),
        ]
    )
    converted = table.convert(100, "USD", "EUR", START, RULES)
    assert converted is not None
    assert converted.as_of == START - timedelta(hours=1)  # EUR->USD inverted
    assert converted.minor == 80


def test_no_conversion_without_a_rate_or_into_the_same_currency() -> None:
    table = _table(("USD", "RUB", "92"))
    assert table.convert(100, "USD", "USD", START, RULES) is None
    assert table.convert(100, "GBP", "RUB", START, RULES) is None
    assert RateTable([]).convert(100, "USD", "RUB", START, RULES) is None


def test_a_rate_older_than_the_setting_is_not_used() -> None:
    table = _table(("USD", "RUB", "92"), as_of=START - timedelta(hours=48))
    assert table.convert(100, "USD", "RUB", START, RULES) is not None
    later = START + timedelta(seconds=1)
    assert table.convert(100, "USD", "RUB", later, RULES) is None
    stricter = RateRules(max_age=timedelta(hours=1))
    assert table.convert(100, "USD", "RUB", START, stricter) is None


PRECISIONS = {"JPY": 0, "USD": 2, "KWD": 3}
codes = st.sampled_from(sorted(PRECISIONS))
rates = st.decimals(min_value=Decimal("0.000001"), max_value=Decimal(10**6), places=6)
amounts = st.integers(min_value=0, max_value=10**12)


@given(amounts, codes, codes, rates)
def test_conversion_is_within_half_a_minor_unit_of_the_exact_value(
    minor: int, source: str, target: str, rate: Decimal
) -> None:
    converted = convert_minor(minor, source, target, rate, Decimal(1))
    exact = Decimal(minor) * rate * 10 ** PRECISIONS[target] / Decimal(10) ** PRECISIONS[source]
    assert isinstance(converted, int)
    assert abs(Decimal(converted) - exact) <= Decimal("0.5")


@given(amounts, amounts, codes, codes, rates)
def test_a_larger_amount_never_converts_to_less(
    first: int, second: int, source: str, target: str, rate: Decimal
) -> None:
    low, high = sorted((first, second))
    assert convert_minor(low, source, target, rate, Decimal(1)) <= convert_minor(
        high, source, target, rate, Decimal(1)
    )


@given(amounts, codes)
def test_a_rate_of_one_between_equal_precisions_changes_nothing(minor: int, code: str) -> None:
    assert convert_minor(minor, code, code, Decimal(1), Decimal(1)) == minor


async def test_stored_rates_reach_a_conversion_and_a_late_older_rate_is_ignored(
    uow: UnitOfWork,
) -> None:
    earlier = START - timedelta(hours=2)
    await store_rates(uow, "USD", [RateSpec("RUB", Decimal("92.5"), START)], START)
    kept = await store_rates(uow, "USD", [RateSpec("RUB", Decimal("70"), earlier)], START)
    assert [(row.quote, row.rate) for row in kept] == [("RUB", Decimal("92.5"))]
    table = await rates_for(uow, "RUB")
    converted = table.convert(200, "USD", "RUB", START, RULES)
    assert converted is not None and converted.minor == 18500
    assert not await rates_for(uow, "GBP")


async def test_a_rate_dated_ahead_of_our_clock_counts_as_now(uow: UnitOfWork) -> None:
    ahead = START + timedelta(days=30)
    kept = await store_rates(uow, "USD", [RateSpec("RUB", Decimal("92"), ahead)], START)
    assert kept[0].as_of == START
    table = await rates_for(uow, "RUB")
    assert table.convert(100, "USD", "RUB", START + timedelta(hours=49), RULES) is None
