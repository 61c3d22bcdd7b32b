"""The price chart of a product: a PNG photo with a caption in the buyer's language and money,
its periods and Back to the card; too short a history is said; drawing happens in a worker
thread (another buyer is answered meanwhile) and a drawn chart is reused (en and ru)."""

from __future__ import annotations

import asyncio
import struct
import threading
from datetime import timedelta

import pytest

from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import ChartCb
from bot.services import catalog
from bot.views.charts import ChartPlot, ChartRenderer, draw_png
from tests.conftest import BotHarness
from tests.factories import make_buyer

TEXTS = {
    "en": {
        "title": "📈 Desk lamp",
        "period": "Price over the last 90 days",
        "range": "Lowest: $19.99 · highest: $29.99",
        "now": "Now: $19.99",
        "buttons": [["30 days", "• 90 days •", "365 days"], ["⬅️ Back to the product"]],
        "30": "Price over the last 30 days",
        "none": "📈 This product's price has not changed yet: there is no history to draw.",
    },
    "ru": {
        "title": "📈 Настольная лампа",
        "period": "Цена за последние 90 дней",
        "range": "Самая низкая: 19,99\u00a0$ · самая высокая: 29,99\u00a0$",
        "now": "Сейчас: 19,99\u00a0$",
        "buttons": [["30 дней", "• 90 дней •", "365 дней"], ["⬅️ К товару"]],
        "30": "Цена за последние 30 дней",
        "none": "📈 Цена этого товара ещё не менялась: истории для графика пока нет.",
    },
}


def png_size(png: bytes) -> tuple[int, int]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    return width, height


async def make_product(harness: BotHarness, prices: list[tuple[int, int]]) -> int:
    """A lamp whose price was each (minor, days ago) in turn."""
    uow, now = harness.uow(), harness.clock.now()
    await catalog.upsert_store(uow, "s-1", "Lamp Store", now - timedelta(days=400))
    product_id = 0
    for minor, days_ago in prices:
        titles = {"en": "Desk lamp", "ru": "Настольная лампа"}
        spec = catalog.ProductSpec("s-1", "p-1", titles, minor, "USD", 5)
        product, _prices, _created = await catalog.upsert_product(
            uow, spec, now - timedelta(days=days_ago)
        )
        product_id = product.id
    return product_id


HISTORY = [(2999, 120), (2999, 60), (2499, 40), (2999, 20), (1999, 3)]


def uploaded_png(harness: BotHarness) -> bytes:
    files = harness.bot.session.uploaded_files  # type: ignore[attr-defined]
    return list(files.values())[-1].data


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_chart_is_a_photo_with_its_prices_and_periods(harness: BotHarness, lang: str) -> None:
    product_id = await make_product(harness, HISTORY)
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code=lang)
    anna = harness.buyer(language_code=lang)
    texts = TEXTS[lang]
    await anna.send("/menu")

    calls = await anna.press_data(ChartCb(product_id=product_id).pack())

    assert [call.method for call in calls if call.method != "answerCallbackQuery"] == [
        "sendPhoto",
        "deleteMessage",
    ]
    caption = anna.screen
    assert caption is not None
    for key in ("title", "period", "range", "now"):
        assert texts[key] in caption
    assert anna.buttons == texts["buttons"]
    assert png_size(uploaded_png(harness)) == (1000, 600)

    calls = await anna.press(texts["buttons"][0][0])

    assert "editMessageMedia" in [call.method for call in calls]
    assert texts["30"] in (anna.screen or "")
    assert anna.buttons[0][0].startswith("•")
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_product_with_one_price_has_no_chart(harness: BotHarness, lang: str) -> None:
    product_id = await make_product(harness, [(2999, 10)])
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code=lang)
    anna = harness.buyer(language_code=lang)
    await anna.send("/menu")
    home = anna.screen

    await anna.press_data(ChartCb(product_id=product_id).pack())

    assert anna.last_answer is not None
    assert anna.last_answer["text"] == TEXTS[lang]["none"]
    assert anna.last_answer["show_alert"] in (True, "true")
    assert anna.screen == home
    assert harness.server.calls_of("sendPhoto") == []


async def test_a_drawn_chart_is_reused_until_the_price_changes(harness: BotHarness) -> None:
    product_id = await make_product(harness, HISTORY)
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    charts: ChartRenderer = harness.dispatcher["charts"]
    await anna.send("/menu")

    await anna.press_data(ChartCb(product_id=product_id).pack())
    await anna.press("30 days")
    await anna.press("• 30 days •")
    assert (charts.misses, charts.hits) == (2, 1)

    spec = catalog.ProductSpec("s-1", "p-1", {"en": "Desk lamp"}, 1799, "USD", 5)
    await catalog.upsert_product(harness.uow(), spec, harness.clock.now())
    await anna.press("• 30 days •")

    assert (charts.misses, charts.hits) == (3, 1)
    assert "Now: $17.99" in (anna.screen or "")


async def test_drawing_a_chart_never_blocks_other_buyers(harness: BotHarness) -> None:
    """The drawing waits until another buyer has been answered: were it drawn on the event
    loop, that buyer's update could never run, and the drawing would give up."""
    product_id = await make_product(harness, HISTORY)
    now = harness.clock.now()
    await make_buyer(harness.uow(), 1001, now)
    await make_buyer(harness.uow(), 1002, now, name="Boris")
    anna, boris = harness.buyer(1001), harness.buyer(1002, name="Boris")
    charts: ChartRenderer = harness.dispatcher["charts"]
    other_answered = threading.Event()
    drawn_after_other: list[bool] = []

    def slow_draw(plot: ChartPlot) -> bytes:
        drawn_after_other.append(other_answered.wait(timeout=10))
        return draw_png(plot)

    charts.draw = slow_draw
    await anna.send("/menu")

    pressing = asyncio.create_task(anna.press_data(ChartCb(product_id=product_id).pack()))
    await boris.send("/menu")
    assert boris.screen is not None
    other_answered.set()
    await pressing

    assert drawn_after_other == [True]
    assert len(harness.server.calls_of("sendPhoto")) == 1
