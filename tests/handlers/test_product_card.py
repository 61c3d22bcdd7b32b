"""The product card (with and without a photo), its deep link, and a store's own page with
its new arrivals: for guests and accounts, in en and ru."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlparse

import pytest

from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import ProductCb, ShopCb
from tests.conftest import BotHarness
from tests.factories import make_buyer
from tests.handlers.browse_data import make_product, make_store

TEXTS = {
    "en": {
        "price": "💰 $19.99",
        "stock": "📦 5 in stock",
        "rating": "⭐ 4.7 · 120 ratings · 1,500 orders",
        "store_rating": "⭐ 4.8 · 96% positive · 1,234 ratings",
        "title": "Desk lamp",
        "description": "A bright lamp.",
        "buttons": [
            ["❤️ Add to wishes", "⭐ Save store"],
            ["📈 Price chart", "📤 Share"],
            ["🏪 Store page"],
            ["🛍 Shop", "🏠 My cabinet"],
        ],
        "unknown": "This product is not available any more.",
        "arrivals": "🆕 1 new arrival in the last 14 days",
        "new_button": "🆕 New arrivals",
        "all_button": "📦 All products",
        "two": "2 products",
    },
    "ru": {
        "price": "💰 19,99\u00a0$",
        "stock": "📦 5 в наличии",
        "rating": "⭐ 4,7 · 120 оценок · 1\u00a0500 заказов",
        "store_rating": "⭐ 4,8 · 96\u00a0% положительных · 1\u00a0234 оценки",
        "title": "Настольная лампа",
        "description": "Яркая лампа.",
        "buttons": [
            ["❤️ В желания", "⭐ Сохранить магазин"],
            ["📈 График цены", "📤 Поделиться"],
            ["🏪 Страница магазина"],
            ["🛍 Магазин", "🏠 Мой кабинет"],
        ],
        "unknown": "Этот товар больше недоступен.",
        "arrivals": "🆕 1 новинка за последние 14 дней",
        "new_button": "🆕 Новинки",
        "all_button": "📦 Все товары",
        "two": "2 товара",
    },
}


async def _lamp(harness: BotHarness, **extra: object):
    uow, now = harness.uow(), harness.clock.now()
    store = await make_store(uow, "UGREEN Official Store", now, rating=(4.8, 0.96, 1234))
    product = await make_product(
        uow,
        store,
        {"en": "Desk lamp", "ru": "Настольная лампа"},
        now,
        descriptions={"en": "A bright lamp.", "ru": "Яркая лампа."},
        rating_average=4.7,
        rating_count=120,
        orders_count=1500,
        **extra,
    )
    return store, product


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_shared_link_opens_the_card_for_a_guest(harness: BotHarness, lang: str) -> None:
    _store, lamp = await _lamp(harness)
    texts = TEXTS[lang]
    guest = harness.buyer(language_code=lang)

    await guest.send(f"/start p_{lamp.id}")

    screen = guest.screen or ""
    assert f"<b>{texts['title']}</b>" not in screen  # plain text as Telegram shows it
    assert screen.startswith(texts["title"])
    for key in ("price", "stock", "rating", "store_rating", "description"):
        assert texts[key] in screen, key
    assert "UGREEN Official Store" in screen
    assert guest.buttons == texts["buttons"]
    assert harness.server.calls_of("sendMessage")  # no photo: a text card


async def test_share_is_a_link_that_opens_the_card(harness: BotHarness) -> None:
    _store, lamp = await _lamp(harness)
    guest = harness.buyer()
    await guest.send(f"/start p_{lamp.id}")

    message = harness.server.last_message(1001)
    assert message is not None
    share = next(
        button
        for row in (message.reply_markup or {})["inline_keyboard"]
        for button in row
        if button["text"] == "📤 Share"
    )
    shared = parse_qs(urlparse(share["url"]).query)
    assert unquote(shared["url"][0]) == f"https://t.me/cabinet_test_bot?start=p_{lamp.id}"
    assert "Desk lamp" in shared["text"][0]


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_an_unknown_product_link_says_so(harness: BotHarness, lang: str) -> None:
    guest = harness.buyer(language_code=lang)

    await guest.send("/start p_999")
    assert TEXTS[lang]["unknown"] in (guest.screen or "")

    await guest.send("/start p_abc")
    assert TEXTS[lang]["unknown"] in (guest.screen or "")


async def test_a_card_with_a_photo_is_a_photo_with_the_card_as_its_caption(
    harness: BotHarness,
) -> None:
    store, lamp = await _lamp(harness, photo_url="https://example.com/lamp.jpg")
    anna = harness.buyer()

    await anna.send(f"/start p_{lamp.id}")

    [photo] = harness.server.calls_of("sendPhoto")
    assert photo.params["photo"] == "https://example.com/lamp.jpg"
    assert "💰 $19.99" in (anna.screen or "")

    # a text screen from the photo: the photo goes, the text comes
    await anna.press("🏪 Store page")
    assert harness.server.calls_of("deleteMessage")
    assert (anna.screen or "").startswith("🏪 UGREEN Official Store")

    # and back to the photo card: sent again, the text screen removed
    await anna.press("Desk lamp · $19.99")
    assert len(harness.server.calls_of("sendPhoto")) == 2
    assert len(harness.server.calls_of("deleteMessage")) == 2
    messages = harness.server.messages_in(1001)
    assert sum(1 for m in messages if m.from_bot) == 1  # one screen stays
    assert_every_callback_answered_once(harness.server)


async def test_pressing_a_card_on_a_photo_card_edits_the_photo_in_place(
    harness: BotHarness,
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    store, lamp = await _lamp(harness, photo_url="https://example.com/lamp.jpg")
    await make_product(uow, store, {"en": "Cable"}, now, photo_url="https://example.com/c.jpg")
    anna = harness.buyer()
    await anna.send(f"/start p_{lamp.id}")

    await anna.press_data(ProductCb(product_id=lamp.id + 1).pack())

    [edit] = harness.server.calls_of("editMessageMedia")
    assert "c.jpg" in edit.params["media"]
    assert (anna.screen or "").startswith("Cable")


async def test_the_longest_card_fits_a_caption_and_a_message(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    store = await make_store(uow, "S" * 200, now, rating=(4.8, 0.96, 10**9))
    long_title = "Щ" * 500
    extra = {
        "descriptions": {"en": "🦄" * 5000},
        "rating_average": 4.9,
        "rating_count": 10**9,
        "orders_count": 10**9,
        "stock": 10**9,
    }
    with_photo = await make_product(
        uow, store, {"en": long_title}, now, price_minor=10**12,
        photo_url="https://example.com/" + "a" * 2000, **extra,
    )  # fmt: skip
    without = await make_product(uow, store, {"en": long_title}, now, price_minor=10**12, **extra)
    anna = harness.buyer()

    await anna.send(f"/start p_{with_photo.id}")  # the fake Telegram refuses what is too long
    assert "🦄" in (anna.screen or "")
    await anna.send(f"/start p_{without.id}")
    assert "🦄" in (anna.screen or "")


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_store_page_lists_products_and_new_arrivals(harness: BotHarness, lang: str) -> None:
    store, lamp = await _lamp(harness)
    uow, now = harness.uow(), harness.clock.now()
    await make_product(uow, store, {"en": "Fresh cable", "ru": "Новый кабель"}, now, days_old=2)
    texts = TEXTS[lang]
    guest = harness.buyer(language_code=lang)
    await guest.send(f"/start p_{lamp.id}")

    await guest.press(texts["buttons"][2][0])  # Store page

    assert texts["store_rating"] in (guest.screen or "")
    assert texts["arrivals"] in (guest.screen or "")
    assert texts["two"] in (guest.screen or "")
    await guest.press(texts["new_button"])
    titles = [row[0] for row in guest.buttons]
    assert any("Fresh" in t or "Новый" in t for t in titles)
    assert not any("lamp" in t.lower() or "ламп" in t.lower() for t in titles)
    await guest.press(texts["all_button"])
    assert texts["two"] in (guest.screen or "")
    assert_every_callback_answered_once(harness.server)


async def test_a_forged_store_button_is_not_found(harness: BotHarness) -> None:
    guest = harness.buyer()
    await guest.send("/menu")
    await guest.press_data(ShopCb(store_id=12345).pack())
    assert guest.last_answer is not None
    assert "not available" in guest.last_answer["text"]


async def test_an_account_that_saved_the_store_sees_it_saved(harness: BotHarness) -> None:
    from bot.db.models import FavouriteStore

    store, lamp = await _lamp(harness)
    uow, now = harness.uow(), harness.clock.now()
    buyer = await make_buyer(uow, 1001, now)
    async with uow:
        uow.favourite_stores.add(
            FavouriteStore(user_id=buyer.id, store_id=store.id, saved_at=now, seen_at=now)
        )
        await uow.commit()
    anna = harness.buyer()
    await anna.send(f"/start p_{lamp.id}")
    assert ["❤️ Add to wishes", "✅ Store saved"] in anna.buttons
