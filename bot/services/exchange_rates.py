"""Showing an amount in the buyer's display currency: the marketplace's rates, exact decimals
in integer minor units (never floats), and no conversion at all when the rate is missing or
older than the rules allow — a buyer is never shown a wrong amount."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext

from babel.numbers import get_currency_precision

from bot.db.models import ExchangeRate
from bot.db.uow import UnitOfWork

# Enough digits for 10^12 minor units times a rate of up to 10^9 with 22 decimals, exactly.
_PRECISION = 80


@dataclass(frozen=True)
class RateRules:
    """How old a rate may be and still be shown (EXCHANGE_RATE_MAX_AGE_HOURS)."""

    max_age: timedelta


@dataclass(frozen=True)
class RateSpec:
    """One rate as the marketplace sends it: one unit of the base is worth `rate` of `quote`."""

    quote: str
    rate: Decimal
    as_of: datetime


@dataclass(frozen=True)
class Conversion:
    """An amount in another currency, and the time of the oldest rate it used."""

    minor: int
    currency: str
    as_of: datetime


def minor_digits(currency: str) -> int:
    """Decimals of a currency's minor unit (JPY 0, USD 2, KWD 3), as the money renderer uses."""
    return int(get_currency_precision(currency))


def convert_minor(
    minor: int, source: str, target: str, numerator: Decimal, denominator: Decimal
) -> int:
    """`minor` units of `source` at `numerator / denominator` target per source, in minor units
    of `target`, rounded half up once at the end."""
    with localcontext() as ctx:
        ctx.prec = _PRECISION
        exact = (
            Decimal(minor)
            * numerator
            * Decimal(10) ** minor_digits(target)
            / (denominator * Decimal(10) ** minor_digits(source))
        )
        return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


class RateTable:
    """Rates by base; a conversion goes through any base that quotes both currencies (or is
    one of them), taking the freshest such pair."""

    def __init__(self, rates: Iterable[ExchangeRate | tuple[str, str, Decimal, datetime]]) -> None:
        self._by_base: dict[str, dict[str, tuple[Decimal, datetime]]] = {}
        for row in rates:
            base, quote, rate, as_of = (
                (row.base, row.quote, row.rate, row.as_of) if isinstance(row, ExchangeRate) else row
            )
            self._by_base.setdefault(base, {})[quote] = (rate, as_of)

    def __bool__(self) -> bool:
        return bool(self._by_base)

    def _pair(self, source: str, target: str) -> tuple[Decimal, Decimal, datetime] | None:
        best: tuple[Decimal, Decimal, datetime] | None = None
        for base, quotes in self._by_base.items():
            src = quotes.get(source)
            tgt = quotes.get(target)
            if source == base and tgt is not None:
                found = (tgt[0], Decimal(1), tgt[1])
            elif target == base and src is not None:
                found = (Decimal(1), src[0], src[1])
            elif src is not None and tgt is not None:
                found = (tgt[0], src[0], min(src[1], tgt[1]))
            else:
                continue
            if best is None or found[2] > best[2]:
                best = found
        return best

    def _fresh_pair(
        self, source: str, target: str, now: datetime, rules: RateRules
    ) -> tuple[Decimal, Decimal, datetime] | None:
        if source == target:
            return None
        pair = self._pair(source, target)
        if pair is None or now - pair[2] > rules.max_age:
            return None
        return pair

    def convert(
        self, minor: int, source: str, target: str, now: datetime, rules: RateRules
    ) -> Conversion | None:
        """`minor` of `source` in `target`; None when they are the same currency, or no rate
        at most `rules.max_age` old connects them."""
        pair = self._fresh_pair(source, target, now, rules)
        if pair is None:
            return None
        numerator, denominator, as_of = pair
        return Conversion(
            convert_minor(minor, source, target, numerator, denominator), target, as_of
        )

    def rate_time(
        self, source: str, target: str, now: datetime, rules: RateRules
    ) -> datetime | None:
        """When the rate `convert` uses between the two was taken; None if it uses none."""
        pair = self._fresh_pair(source, target, now, rules)
        return None if pair is None else pair[2]


async def rates_for(uow: UnitOfWork, currency: str) -> RateTable:
    """Every rate a conversion into `currency` could use."""
    async with uow:
        return RateTable(await uow.rates.touching(currency))


async def store_rates(
    uow: UnitOfWork, base: str, specs: Sequence[RateSpec], now: datetime
) -> list[ExchangeRate]:
    """Upsert the rates of `base`; a rate older than the one kept is ignored, so a late
    delivery never replaces a newer rate. Returns every rate now kept for `base`."""
    async with uow:
        kept = await uow.rates.of_base(base)
        for given in specs:
            # a marketplace clock a little ahead must not make a rate look fresh for longer
            spec = RateSpec(given.quote, given.rate, min(given.as_of, now))
            row = kept.get(spec.quote)
            if row is None:
                row = ExchangeRate(
                    base=base, quote=spec.quote, rate=spec.rate, as_of=spec.as_of, updated_at=now
                )
                uow.rates.add(row)
                kept[spec.quote] = row
            elif spec.as_of >= row.as_of:
                row.rate, row.as_of, row.updated_at = spec.rate, spec.as_of, now
        await uow.commit()
    return [kept[quote] for quote in sorted(kept)]


# Sample rates for the demo account (DEMO_DATA, the console), so a display currency chosen
# there shows something; never written over rates the marketplace fed.
DEMO_RATES = {
    "EUR": "0.92",
    "RUB": "92",
    "GBP": "0.79",
    "CNY": "7.2",
    "KZT": "510",
    "BYN": "3.3",
    "UAH": "41.5",
    "TRY": "34.5",
    "PLN": "4.01",
    "UZS": "12800",
    "JPY": "151.3",
}


async def seed_demo_rates(uow: UnitOfWork, now: datetime) -> None:
    async with uow:
        if await uow.rates.of_base("USD"):
            return
    specs = [RateSpec(quote, Decimal(rate), now) for quote, rate in DEMO_RATES.items()]
    await store_rates(uow, "USD", specs, now)
