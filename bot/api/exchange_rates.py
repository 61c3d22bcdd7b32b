"""The integration API's exchange-rate route: the marketplace feeds the rates that show a
buyer's amounts in their display currency (what was paid stays as it was paid)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, Field

from bot.api.contract import Timestamp
from bot.api.currencies import CURRENCIES
from bot.api.routing import Call, Route
from bot.api.schemas import Currency, Model
from bot.services import exchange_rates

# A positive decimal below 10^9, written out (no exponent, no sign): exact, never a float.
RATE_PATTERN = r"^([1-9][0-9]{0,8}(\.[0-9]+)?|0\.[0-9]*[1-9][0-9]*)$"
Rate = Annotated[
    str,
    Field(
        pattern=RATE_PATTERN,
        max_length=32,
        description='Units of the quote currency one unit of the base buys, e.g. "92.15"; '
        "a positive decimal below 1000000000, as a string.",
        examples=["92.15"],
    ),
]


class RateIn(Model):
    rate: Rate
    as_of: Annotated[
        Timestamp,
        Field(description="When the rate was taken; a time ahead of ours counts as now."),
    ]


class ExchangeRatesIn(Model):
    base: Currency
    rates: Annotated[
        dict[Currency, RateIn],
        Field(
            min_length=1,
            max_length=len(CURRENCIES),
            description="By quote currency. A rate for the base itself (feeds often "
            "list it as 1) is ignored: it is 1 by definition.",
        ),
    ]


class RateOut(Model):
    rate: str
    as_of: datetime
    updated_at: datetime


class ExchangeRatesOut(Model):
    base: str
    rates: dict[str, RateOut]


async def put_rates(call: Call) -> tuple[int, BaseModel]:
    body: ExchangeRatesIn = call.body
    specs = [
        exchange_rates.RateSpec(quote, Decimal(given.rate), given.as_of)
        for quote, given in sorted(body.rates.items())
        if quote != body.base
    ]
    kept = await exchange_rates.store_rates(call.uow, body.base, specs, call.now)
    rates = {
        row.quote: RateOut(rate=format(row.rate, "f"), as_of=row.as_of, updated_at=row.updated_at)
        for row in kept
    }
    return 200, ExchangeRatesOut(base=body.base, rates=rates)


def exchange_rate_routes(prefix: str) -> tuple[Route, ...]:
    return (
        Route(
            "PUT",
            f"{prefix}/exchange-rates",
            put_rates,
            "Set exchange rates of a base currency (each with its time; an older one than "
            "kept is ignored); answers every rate kept for the base",
            "exchange rates",
            ExchangeRatesOut,
            body=ExchangeRatesIn,
        ),
    )
