"""/shop walks the category tree to a category's products and a card; /find and Search find
products by words; pages, sort and the in-stock switch on the results (en and ru)."""

from __future__ import annotations

import pytest

from bot.fake_telegram import assert_every_callback_answered_once
from tests.conftest import BotHarness
from tests.handlers.browse_data import make_category, make_product, make_store

TEXTS = {
    "en": {
        "home": "Home & garden",
        "lamps": "Lamps",
        "empty_cat": "Toys",
        "all": "📦 All products here",
        "search": "🔎 Search",
        "prompt": "What are you looking for?",
        "found": "7 products found",
        "next": "Next ▶️",
        "sort": "↕️ Sort",
        "cheap": "Cheapest first",
        "stock": "📦 In stock only",
        "stock_on": "✅ In stock only",
        "lamp": "Lamp",
    },
    "ru": {
        "home": "Дом и сад",
        "lamps": "Лампы",
        "empty_cat": "Игрушки",
        "all": "📦 Все товары здесь",
        "search": "🔎 Поиск",
        "prompt": "Что вы ищете?",
        "found": "Найдено 7 товаров",
        "next": "Следующая ▶️",
        "sort": "↕️ Сортировка",
        "cheap": "Сначала дешёвые",
        "stock": "📦 Только в наличии",
        "stock_on": "✅ Только в наличии",
        "lamp": "Лампа",
    },
}


async def _catalogue(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    store = await make_store(uow, "Light Store", now)
    home = await make_category(uow, {"en": "Home & garden", "ru": "Дом и сад"}, now)
    lamps = await make_category(uow, {"en": "Lamps", "ru": "Лампы"}, now, parent=home)
    await make_category(uow, {"en": "Toys", "ru": "Игрушки"}, now)  # no products: hidden
    for n in range(1, 8):
        await make_product(
            uow, store, {"en": f"Lamp {n}", "ru": f"Лампа {n}"}, now,
            price_minor=1000 * (8 - n), stock=0 if n == 1 else 3, category_id=lamps.id,
        )  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_shop_walks_to_a_category_and_a_card(harness: BotHarness, lang: str) -> None:
    await _catalogue(harness)
    texts = TEXTS[lang]
    guest = harness.buyer(language_code=lang)

    await guest.send("/shop")
    assert [texts["home"] + " (7)"] in guest.buttons
    assert not any(texts["empty_cat"] in b for row in guest.buttons for b in row)
    await guest.press(texts["home"] + " (7)")
    await guest.press(texts["lamps"] + " (7)")
    await guest.press(texts["all"])
    assert texts["found"] in (guest.screen or "")
    assert len([row for row in guest.buttons if texts["lamp"] in row[0]]) == 6
    await guest.press(texts["next"])
    assert len([row for row in guest.buttons if texts["lamp"] in row[0]]) == 1
    title = next(row[0] for row in guest.buttons if texts["lamp"] in row[0])
    await guest.press(title)
    assert (guest.screen or "").startswith(texts["lamp"])
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_search_by_words_sort_and_in_stock(harness: BotHarness, lang: str) -> None:
    await _catalogue(harness)
    texts = TEXTS[lang]
    guest = harness.buyer(language_code=lang)

    await guest.send("/shop")
    await guest.press(texts["search"])
    assert texts["prompt"] in (guest.screen or "")
    await guest.send("lamp")  # words in each language: the search engine's own tests
    assert texts["found"] in (guest.screen or "")

    await guest.press(texts["sort"])
    await guest.press(texts["cheap"])
    first = guest.buttons[0][0]
    assert first.startswith(texts["lamp"] + " 7")

    await guest.press(texts["stock"])
    assert texts["stock_on"] in [b for row in guest.buttons for b in row]
    await guest.press(texts["next"]) if [texts["next"]] in guest.buttons else None
    titles = [b for row in guest.buttons for b in row if b.startswith(texts["lamp"] + " ")]
    assert not any(t.startswith(texts["lamp"] + " 1 ") for t in titles)
    assert_every_callback_answered_once(harness.server)


async def test_find_with_words_and_a_command_inside_the_prompt(harness: BotHarness) -> None:
    await _catalogue(harness)
    guest = harness.buyer()

    await guest.send("/find lamp 3")
    assert guest.buttons[0][0].startswith("Lamp 3")

    await guest.send("/find")
    await guest.press("🔎 Search")
    await guest.send("/recent")  # the command wins over the words step
    assert "Recently viewed" in (guest.screen or "")
