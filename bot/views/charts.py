"""A product's price history as a PNG a phone shows well: a step line over the period, prices
in the buyer's display currency when a rate reaches it, dates and money the way their locale
writes them. Drawn with matplotlib's object API in a worker thread (pyplot is not thread
safe and never used), and kept in a small cache per product, period, locale, currency and
last price change."""

from __future__ import annotations

import asyncio
import io
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo

from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _

from bot.db.models import ProductPrice
from bot.services.browse.charts import DEFAULT_CHART_DAYS, PriceChart
from bot.services.exchange_rates import minor_digits
from bot.views import format as fmt

WIDTH, HEIGHT, DPI = 1000, 600, 100  # pixels; a phone shows it full width, still readable
FONT_SIZE = 20


# An outbox row whose payload has this key is sent as that product's price chart, the push's
# text its caption (see PushChart); e.g. a price-drop alert's payload {"product_id": 7,
# CHART_PAYLOAD_KEY: 7}.
CHART_PAYLOAD_KEY = "chart_product_id"


@dataclass(frozen=True)
class PushChart:
    """ "A chart of product X" on a push: the sender sends a photo of the chart with the push's
    text as its caption, or the text alone when the chart cannot be drawn or sent (too long a
    text for a caption, a product gone, a refused photo). The planner fills in the buyer's
    locale, zone and display currency."""

    product_id: int
    days: int = DEFAULT_CHART_DAYS
    locale: str = "en"
    tz: tzinfo = UTC
    display: fmt.Display | None = None


@dataclass(frozen=True)
class ChartPlot:
    """What the drawing thread needs, computed on the loop: plain numbers and strings."""

    times: tuple[datetime, ...]  # when each price began, in the buyer's zone
    amounts: tuple[int, ...]  # minor units of `currency`
    until: datetime
    currency: str
    locale: str
    title: str


@dataclass(frozen=True)
class ChartKey:
    product_id: int
    days: int
    locale: str
    currency: str
    last_change: int  # the newest price's id
    day: date  # the period ends today: tomorrow's chart is another one


def draw_png(plot: ChartPlot) -> bytes:
    """The chart as PNG bytes, WIDTH x HEIGHT pixels. Runs in a worker thread."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415 - heavy
    from matplotlib.dates import date2num, num2date  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: PLC0415

    figure = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    xs = [date2num(moment) for moment in (*plot.times, plot.until)]
    scale = 10 ** minor_digits(plot.currency)
    ys = [amount / scale for amount in (*plot.amounts, plot.amounts[-1])]
    axes.step(xs, ys, where="post", linewidth=4, color="#e62e04")
    axes.fill_between(xs, ys, min(ys), step="post", alpha=0.12, color="#e62e04")
    low, high = min(ys), max(ys)
    margin = (high - low) * 0.15 or max(high * 0.05, 1 / scale)
    axes.set_ylim(max(0.0, low - margin), high + margin)
    axes.set_xlim(xs[0], xs[-1])
    zone = plot.times[0].tzinfo

    def money(value: float, _position: object) -> str:
        return fmt.money_in(round(value * scale), plot.currency, plot.locale)

    def day(value: float, _position: object) -> str:
        return fmt.day_month_in(num2date(value, tz=zone), plot.locale)

    axes.yaxis.set_major_formatter(FuncFormatter(money))
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5))
    axes.xaxis.set_major_formatter(FuncFormatter(day))
    axes.xaxis.set_major_locator(MaxNLocator(nbins=5))
    axes.tick_params(labelsize=FONT_SIZE)
    axes.grid(visible=True, alpha=0.3)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_title(plot.title, fontsize=FONT_SIZE + 2, loc="left")
    figure.subplots_adjust(left=0.2, right=0.97, top=0.9, bottom=0.12)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


class ChartRenderer:
    """Draws charts off the event loop and keeps the last `size` of them (held in the
    dispatcher's data as `charts`, and by the push sender)."""

    def __init__(self, size: int = 64, draw: Callable[[ChartPlot], bytes] = draw_png) -> None:
        self._size = size
        self._cache: OrderedDict[ChartKey, bytes] = OrderedDict()
        self.draw = draw  # a test may wrap it
        self.hits = 0
        self.misses = 0

    async def png(self, key: ChartKey, plot: ChartPlot) -> bytes:
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            self.hits += 1
            return found
        self.misses += 1
        png = await asyncio.to_thread(self.draw, plot)
        self._cache[key] = png
        while len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return png


def _series(
    chart: PriceChart, display: fmt.Display | None
) -> tuple[list[ProductPrice], tuple[int, ...], str]:
    """The prices drawn and their amounts: in the display currency when every one converts,
    else as the store set them (those in the product's latest currency)."""
    if display is not None:
        converted = [
            display.rates.convert(
                price.price_minor, price.currency, display.currency, display.now, display.rules
            )
            for price in chart.prices
        ]
        amounts = tuple(c.minor for c in converted if c is not None)
        if len(amounts) == len(chart.prices):
            return chart.prices, amounts, display.currency
    currency = chart.prices[-1].currency
    same = [price for price in chart.prices if price.currency == currency]
    return same, tuple(price.price_minor for price in same), currency


def product_title(chart: PriceChart, locale: str) -> str:
    title = chart.product.titles.get(locale)
    return title if isinstance(title, str) and title else chart.product.title


async def price_chart_png(
    chart: PriceChart,
    renderer: ChartRenderer,
    locale: str,
    tz: tzinfo,
    display: fmt.Display | None = None,
) -> bytes | None:
    """The chart's PNG, or None while the product has too few prices to draw."""
    if not chart.enough:
        return None
    prices, amounts, currency = _series(chart, display)
    times = tuple(max(price.changed_at, chart.since).astimezone(tz) for price in prices)
    plot = ChartPlot(
        times,
        amounts,
        chart.until.astimezone(tz),
        currency,
        locale,
        fmt.short(product_title(chart, locale), 60),
    )
    key = ChartKey(
        chart.product.id, chart.days, locale, currency, chart.last_change, chart.until.date()
    )
    return await renderer.png(key, plot)


def chart_caption(chart: PriceChart) -> str:
    """Under the picture: the product, the period, its lowest and highest price, and now."""
    title = fmt.quote(fmt.short(product_title(chart, get_i18n().current_locale), 100))
    low = min(chart.prices, key=lambda price: price.price_minor)
    high = max(chart.prices, key=lambda price: price.price_minor)
    now = chart.prices[-1]
    period = ngettext(
        "Price over the last {count} day",
        "Price over the last {count} days",
        chart.days,
    ).format(count=fmt.number(chart.days))
    lines = [
        _("📈 <b>{title}</b>").format(title=title),
        period,
        _("Lowest: {low} · highest: {high}").format(
            low=fmt.paid(low.price_minor, low.currency),
            high=fmt.paid(high.price_minor, high.currency),
        ),
        _("Now: {price}").format(price=fmt.paid(now.price_minor, now.currency)),
    ]
    return "\n".join(lines)


def no_chart_text() -> str:
    return _("📈 This product's price has not changed yet: there is no history to draw.")
