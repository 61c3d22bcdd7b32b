"""A product's price history over a period, as a price chart draws it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.models import Product, ProductPrice
from bot.db.uow import UnitOfWork
from bot.services.errors import ProductNotFound

# The periods a chart offers, in days (the first is not the default: 90 is).
CHART_PERIODS = (30, 90, 365)
DEFAULT_CHART_DAYS = 90


@dataclass(frozen=True)
class PriceChart:
    """The prices of `product` from `since` to `until`: the one in force at `since` (when
    there was one), then every change, oldest first. `enough` is False while the product
    has had fewer than two prices in all: there is nothing to draw yet."""

    product: Product
    prices: list[ProductPrice]
    days: int
    since: datetime
    until: datetime
    enough: bool

    @property
    def last_change(self) -> int:
        """The newest price's id: a chart drawn before it changed is out of date."""
        return max((price.id for price in self.prices), default=0)


async def price_chart(uow: UnitOfWork, product_id: int, days: int, now: datetime) -> PriceChart:
    async with uow:
        product = await uow.products.get(product_id)
        if product is None:
            raise ProductNotFound(product_id=product_id)
        since = now - timedelta(days=days)
        prices = await uow.products.prices_since(product_id, since)
        enough = len(await uow.products.price_history(product_id, limit=2)) >= 2
        return PriceChart(product, prices, days, since, now, enough and bool(prices))
