"""The store screen from an order card: rating and orders there, blocking with a
confirmation and unblocking, reporting the store or a product of the order, forged buttons
(en and ru)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from bot.db.enums import OrderStatus
from bot.db.models import Complaint, Order, OrderItem, Product, Store
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import StoreAct, StoreCb, StoreProductCb
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

STORE = "UGREEN Official Store"
TEXTS = {
    "en": {
        "rating": "⭐ 4.8 · 96% positive · 1,234 ratings",
        "orders": "You have 2 orders in this store.",
        "block": "🚫 Block this seller",
        "save": "⭐ Save store",
        "yes": "🚫 Yes, block",
        "blocked": "🚫 Seller blocked.",
        "unblock": "✅ Unblock",
        "unblocked": "✅ Seller unblocked.",
        "report_store": "🚩 Report the store",
        "report_product": "🚩 Report a product",
        "which": "🚩 Which product of this order do you want to report?",
        "store_form": "🚩 Report store “UGREEN Official Store”",
        "product_form": "🚩 Report product “Desk lamp”",
        "back": "⬅️ Back to order",
        "order_line": "Store: UGREEN Official Store",
        "gone": "This order is not available. It may have been deleted.",
    },
    "ru": {
        "rating": "⭐ 4,8 · 96\u00a0% положительных · 1\u00a0234 оценки",
        "orders": "У вас 2 заказа в этом магазине.",
        "block": "🚫 Заблокировать",
        "save": "⭐ Сохранить магазин",
        "yes": "🚫 Да, заблокировать",
        "blocked": "🚫 Продавец заблокирован.",
        "unblock": "✅ Разблокировать",
        "unblocked": "✅ Продавец разблокирован.",
        "report_store": "🚩 Пожаловаться на магазин",
        "report_product": "🚩 Пожаловаться на товар",
        "which": "🚩 На какой товар из этого заказа вы хотите пожаловаться?",
        "store_form": "🚩 Жалоба на магазин «UGREEN Official Store»",
        "product_form": "🚩 Жалоба на товар «Desk lamp»",
        "back": "⬅️ К заказу",
        "order_line": "Магазин: UGREEN Official Store",
    },
}


async def _orders(harness: BotHarness, telegram_id: int = 1001, lang: str = "en") -> Order:
    """Two orders at one store; the later one has a lamp known as a product."""
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, telegram_id, now, language_code=lang)
    await make_order(uow, user, now, title="Cable", days_ago=20)
    order = await make_order(uow, user, now, status=OrderStatus.SHIPPED, title="Desk lamp")
    async with harness.database.session_factory() as session:
        product = Product(store_id=order.store_id, external_id="p-1", title="Desk lamp")
        product.created_at = now
        session.add(product)
        await session.flush()
        await session.execute(
            update(OrderItem).where(OrderItem.order_id == order.id).values(product_id=product.id)
        )
        await session.execute(
            update(Store).values(rating_average=4.8, rating_positive_share=0.96, rating_count=1234)
        )
        await session.commit()
    return order


async def _open_store(harness: BotHarness, lang: str, telegram_id: int = 1001):
    anna = harness.buyer(telegram_id, language_code=lang)
    await anna.send("/orders")
    await anna.press(next(t for row in anna.buttons for t in row if "Desk lamp" in t))
    await anna.press(f"🏪 {STORE}")
    return anna


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_store_screen_blocks_after_asking_and_unblocks(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    await _orders(harness, lang=lang)
    anna = await _open_store(harness, lang)

    assert anna.screen == f"🏪 {STORE}\n{texts['rating']}\n{texts['orders']}"
    assert anna.buttons == [
        [texts["save"]],
        [texts["block"]],
        [texts["report_store"]],
        [texts["report_product"]],
        [texts["back"]],
    ]
    await anna.press(texts["block"])
    assert STORE in (anna.screen or "")
    await anna.press(texts["yes"])
    assert anna.last_answer is not None and anna.last_answer["text"] == texts["blocked"]
    assert anna.buttons[0] == [texts["unblock"]]  # a blocked seller is not offered to save
    await anna.press(texts["unblock"])
    assert anna.last_answer is not None and anna.last_answer["text"] == texts["unblocked"]
    assert anna.buttons[:2] == [[texts["save"]], [texts["block"]]]
    await anna.press(texts["back"])
    assert texts["order_line"] in (anna.screen or "")
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_store_and_a_product_of_the_order_are_reported_through_the_form(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    await _orders(harness, lang=lang)
    anna = await _open_store(harness, lang)

    await anna.press(texts["report_store"])
    assert (anna.screen or "").startswith(texts["store_form"])
    anna = await _open_store(harness, lang)
    await anna.press(texts["report_product"])
    assert anna.screen == texts["which"]
    await anna.press("Desk lamp")
    assert (anna.screen or "").startswith(texts["product_form"])
    assert_every_callback_answered_once(harness.server)


async def test_forged_store_and_product_buttons_are_not_available(harness: BotHarness) -> None:
    order = await _orders(harness)
    await make_buyer(harness.uow(), 2002, harness.clock.now())
    boris = harness.buyer(2002)
    await boris.send("/orders")

    await boris.press_data(StoreCb(action=StoreAct.OPEN, order_id=order.id).pack())
    assert boris.last_answer is not None
    assert boris.last_answer["text"] == TEXTS["en"]["gone"]
    await boris.press_data(StoreCb(action=StoreAct.BLOCK, order_id=order.id).pack())
    assert boris.last_answer["text"] == TEXTS["en"]["gone"]
    async with harness.uow() as uow:
        product_id = await uow.session.scalar(select(Product.id))
        assert product_id is not None
    await boris.press_data(StoreProductCb(order_id=order.id, product_id=product_id).pack())
    assert boris.last_answer["text"] == TEXTS["en"]["gone"]

    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press_data(StoreProductCb(order_id=order.id, product_id=product_id + 99).pack())
    assert anna.last_answer is not None
    assert anna.last_answer["text"] == "This can no longer be reported."
    async with harness.uow() as uow:
        assert await uow.session.scalar(select(Complaint)) is None
    assert_every_callback_answered_once(harness.server)
