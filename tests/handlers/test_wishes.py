"""My wishes through the dispatcher, in en and ru: the lists (create with the name checked at
its step, rename, delete with the items moved or removed), adding from a product card (into
the default list, or the list picked), a guest asked to sign in and then it is done, moving,
copying and removing an item, and each item's prices and change since it was added."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.db.models import WishItem, WishList
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import WishAddCb
from bot.services import catalog
from tests.conftest import BotHarness
from tests.factories import make_buyer

TEXTS = {
    "en": {
        "lists": "❤️ My wishes",
        "default": "❤️ My wishes (0)",
        "new": "➕ New list",
        "ask_name": "📁 Send a name for the new list",
        "too_long": "That is too long: a list name can have at most 64 characters.",
        "gifts_head": "❤️ <b>Gifts</b> · 0 items",
        "empty": "This list is empty.",
        "rename": "✏️ Rename",
        "delete": "🗑 Delete list",
        "added": "❤️ Added to “My wishes”.",
        "added_gifts": "❤️ Added to “Gifts”.",
        "already": "❤️ Already in “My wishes”.",
        "line_lamp": "Now $19.99 · when added $24.99 · 📉 −20%",
        "two": "2 items",
        "one": "1 item",
        "five": "5 items",
        "move_to": "➡️ Move to “My wishes”",
        "with_items": "🗑 Delete with the items",
        "deleted": "🗑 List deleted.",
        "taken": "You already have a list called “Gifts”.",
        "sign_in": "Sign in to continue",
        "continue": "✈️ Continue with Telegram",
        "back_list": "⬅️ Back to the list",
        "move": "↔️ Move",
        "copy": "📋 Copy",
        "remove": "🗑 Remove",
        "moved": "↔️ Moved to “Gifts”.",
        "copied": "📋 Copied to “My wishes”.",
        "removed": "🗑 Removed from your wishes.",
        "there": "It is in “Gifts” already.",
        "back": "⬅️ Back",
        "card_prices": (
            "Added on Nov 26, 2026 at $24.99\nNow: $19.99\nChange since: 📉 −$5.00 (−20%)"
        ),
    },
    "ru": {
        "lists": "❤️ Мои желания",
        "default": "❤️ Мои желания (0)",
        "new": "➕ Новый список",
        "ask_name": "📁 Пришлите название нового списка",
        "too_long": "Слишком длинно: в названии списка может быть не больше 64 символов.",
        "gifts_head": "❤️ <b>Gifts</b> · 0 товаров",
        "empty": "Этот список пуст.",
        "rename": "✏️ Переименовать",
        "delete": "🗑 Удалить список",
        "added": "❤️ Добавлено в «Мои желания».",
        "added_gifts": "❤️ Добавлено в «Gifts».",
        "already": "❤️ Уже в «Мои желания».",
        "line_lamp": "Сейчас 19,99\u00a0$ · при добавлении 24,99\u00a0$ · 📉 −20\u00a0%",
        "two": "2 товара",
        "one": "1 товар",
        "five": "5 товаров",
        "move_to": "➡️ Перенести в «Мои желания»",
        "with_items": "🗑 Удалить вместе с товарами",
        "deleted": "🗑 Список удалён.",
        "taken": "У вас уже есть список «Gifts».",
        "sign_in": "Войдите",
        "continue": "✈️ Продолжить с Telegram",
        "back_list": "⬅️ К списку",
        "move": "↔️ Перенести",
        "copy": "📋 Копировать",
        "remove": "🗑 Убрать",
        "moved": "↔️ Перенесено в «Gifts».",
        "copied": "📋 Скопировано в «Мои желания».",
        "removed": "🗑 Убрано из желаний.",
        "there": "Он уже в «Gifts».",
        "back": "⬅️ Назад",
        "card_prices": (
            "Добавлено 26 нояб. 2026 по цене 24,99\u00a0$\nСейчас: 19,99\u00a0$\n"
            "Изменение: 📉 −5,00\u00a0$ (−20\u00a0%)"
        ),
    },
}


def _titles(number: int) -> dict[str, str]:
    if number == 1:
        return {"en": "Desk lamp", "ru": "Настольная лампа"}
    return {"en": f"Thing {number}"}


async def make_products(harness: BotHarness, count: int = 2, days_ago: float = 3) -> list[int]:
    """A store with products p-1.. at $24.99 (p-1 a Desk lamp), added `days_ago`."""
    uow, then = harness.uow(), harness.clock.now() - timedelta(days=days_ago)
    await catalog.upsert_store(uow, "s-1", "Gadget Store", then)
    ids = []
    for number in range(1, count + 1):
        spec = catalog.ProductSpec("s-1", f"p-{number}", _titles(number), 2499, "USD", 5)
        product, _, _ = await catalog.upsert_product(uow, spec, then)
        ids.append(product.id)
    return ids


async def set_price(harness: BotHarness, number: int, price: int, stock: int = 5) -> None:
    spec = catalog.ProductSpec("s-1", f"p-{number}", _titles(number), price, "USD", stock)
    await catalog.upsert_product(harness.uow(), spec, harness.clock.now())


async def _count(harness: BotHarness, model: type) -> int:
    async with harness.uow() as uow:
        return int(await uow.session.scalar(select(func.count()).select_from(model)) or 0)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_themed_list_is_made_renamed_and_deleted_moving_its_items(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code=lang)
    product_ids = await make_products(harness)
    anna = harness.buyer(language_code=lang)

    await anna.send("/wishes")
    assert anna.screen.startswith(texts["lists"])
    assert anna.buttons[0] == [texts["default"]]
    await anna.press(texts["new"])
    assert anna.screen.startswith(texts["ask_name"])
    await anna.send("x" * 65)
    assert texts["too_long"] in anna.screen
    await anna.send("  Gifts  ")
    assert anna.screen.startswith(texts["gifts_head"].replace("<b>", "").replace("</b>", ""))
    assert texts["empty"] in anna.screen
    await anna.send("/wishes")
    await anna.press(texts["new"])
    await anna.send("gifts")  # a name taken is refused at its step
    assert texts["taken"] in anna.screen
    await anna.send("/cancel")

    # Adding from a card now asks which list; the product goes to the one picked.
    await anna.press_data(WishAddCb(product_id=product_ids[0]).pack())
    assert anna.buttons[1] == ["📁 Gifts"]
    await anna.press("📁 Gifts")
    assert anna.last_answer is not None and anna.last_answer["text"] == texts["added_gifts"]
    assert texts["one"] in anna.screen
    await anna.press_data(WishAddCb(product_id=product_ids[1]).pack())
    assert anna.buttons[1] == ["📁 Gifts"]
    await anna.press("📁 Gifts")
    assert texts["two"] in anna.screen

    await anna.press(texts["rename"])
    await anna.send("Birthday")
    assert "Birthday" in anna.screen

    await anna.press(texts["delete"])
    assert texts["two"].split()[0] in anna.screen
    await anna.press(texts["move_to"])
    assert anna.last_answer is not None and anna.last_answer["text"] == texts["deleted"]
    assert anna.buttons[0] == [texts["default"].replace("(0)", "(2)")]
    assert await _count(harness, WishList) == 1
    assert await _count(harness, WishItem) == 2
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_list_deleted_with_its_items_removes_them(harness: BotHarness, lang: str) -> None:
    texts = TEXTS[lang]
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code=lang)
    product_ids = await make_products(harness)
    anna = harness.buyer(language_code=lang)
    await anna.send("/wishes")
    await anna.press(texts["new"])
    await anna.send("Gifts")
    await anna.press_data(WishAddCb(product_id=product_ids[0]).pack())
    await anna.press("📁 Gifts")

    await anna.press(texts["delete"])
    await anna.press(texts["with_items"])

    assert anna.buttons[0] == [texts["default"]]
    assert await _count(harness, WishItem) == 0
    assert await _count(harness, WishList) == 1


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_add_from_a_card_goes_to_the_default_list_once(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code=lang)
    product_ids = await make_products(harness)
    anna = harness.buyer(language_code=lang)
    await anna.send("/menu")

    await anna.press_data(WishAddCb(product_id=product_ids[0]).pack())
    assert anna.last_answer is not None and anna.last_answer["text"] == texts["added"]
    await anna.press_data(WishAddCb(product_id=product_ids[0]).pack())
    assert anna.last_answer["text"] == texts["already"]
    assert await _count(harness, WishItem) == 1
    assert await _count(harness, WishList) == 1
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_guest_adding_a_wish_signs_in_and_then_it_is_added(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    product_ids = await make_products(harness)
    anna = harness.buyer(language_code=lang)
    await anna.send("/start")

    await anna.press_data(WishAddCb(product_id=product_ids[0]).pack())
    assert texts["sign_in"] in anna.screen
    assert await _count(harness, WishItem) == 0
    await anna.press(texts["continue"])

    assert await _count(harness, WishItem) == 1
    said = [m.text or "" for m in harness.server.messages_in(1001) if m.from_bot]
    assert any(texts["added"] in text for text in said)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_an_item_shows_its_prices_and_moves_copies_and_goes(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code=lang)
    product_ids = await make_products(harness)
    anna = harness.buyer(language_code=lang)
    await anna.send("/menu")
    await anna.press_data(WishAddCb(product_id=product_ids[0]).pack())
    harness.clock.advance(timedelta(days=0))
    await set_price(harness, 1, 1999)
    await anna.send("/wishes")
    await anna.press(texts["new"])
    await anna.send("Gifts")
    await anna.send("/wishes")
    await anna.press(texts["default"].replace("(0)", "(1)"))

    assert texts["line_lamp"] in anna.screen
    lamp = "Desk lamp" if lang == "en" else "Настольная лампа"
    await anna.press(f"1. {lamp}")
    assert texts["card_prices"] in anna.screen
    await anna.press(texts["copy"])
    await anna.press("📁 Gifts")
    assert anna.last_answer is not None
    assert anna.last_answer["text"] == texts["copied"].replace("My wishes", "Gifts").replace(
        "Мои желания", "Gifts"
    )
    await anna.press(texts["move"])
    await anna.press("📁 Gifts")
    assert anna.last_answer is not None and anna.last_answer["text"] == texts["there"]
    await anna.press(texts["back"])
    await anna.press(texts["remove"])
    assert anna.last_answer is not None and anna.last_answer["text"] == texts["removed"]
    assert texts["empty"] in anna.screen
    assert await _count(harness, WishItem) == 1  # the copy in Gifts
    assert_every_callback_answered_once(harness.server)
