"""Price charts are PNGs of the size a phone shows well, in every language of the bot, in
the display currency when a rate reaches it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from aiogram.utils.i18n import I18n

from bot.config import SUPPORTED_LOCALES
from bot.db.models import Product, ProductPrice
from bot.services.browse.charts import PriceChart
from bot.services.exchange_rates import RateRules, RateTable
from bot.views import format as fmt
from bot.views.charts import ChartRenderer, price_chart_png
from tests.handlers.test_charts import png_size

NOW = datetime(2026, 11, 11, 12, tzinfo=UTC)


def _chart(days: int = 90) -> PriceChart:
    product = Product(id=7, store_id=1, title="Desk lamp", titles={"ru": "Настольная лампа"})
    prices = [
        ProductPrice(id=index, product_id=7, price_minor=minor, currency="USD", changed_at=at)
        for index, (minor, at) in enumerate(
            [
                (2999, NOW - timedelta(days=100)),
                (2499, NOW - timedelta(days=40)),
                (1999, NOW - timedelta(days=2)),
            ],
            start=1,
        )
    ]
    return PriceChart(product, prices, days, NOW - timedelta(days=days), NOW, enough=True)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("currency", [None, "RUB"])
async def test_chart_is_a_png_a_phone_shows_well(
    i18n: I18n, locale: str, currency: str | None
) -> None:
    display = None
    if currency is not None:
        rates = RateTable([("USD", currency, Decimal("92.5"), NOW)])
        display = fmt.Display(currency, rates, RateRules(max_age=timedelta(hours=48)), NOW, UTC)

    with i18n.context(), i18n.use_locale(locale):
        png = await price_chart_png(
            _chart(), ChartRenderer(), locale, ZoneInfo("Europe/Moscow"), display
        )

    assert png is not None
    assert png_size(png) == (1000, 600)


async def test_too_short_a_history_draws_nothing() -> None:
    chart = _chart()
    short = PriceChart(chart.product, chart.prices[:1], 90, chart.since, NOW, enough=False)
    assert await price_chart_png(short, ChartRenderer(), "en", UTC) is None


async def test_the_cache_keeps_only_the_last_charts() -> None:
    renderer = ChartRenderer(size=2)
    for days in (30, 90, 365, 30):
        await price_chart_png(_chart(days), renderer, "en", UTC)
    assert (renderer.misses, renderer.hits) == (4, 0)  # 30 was pushed out by 365
    await price_chart_png(_chart(30), renderer, "en", UTC)
    assert renderer.hits == 1
