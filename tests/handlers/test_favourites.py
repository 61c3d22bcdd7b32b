"""Favourite stores through the dispatcher (en and ru): saving from the order's store screen
and taking it off, a guest signs in first and then it is saved, a blocked store is refused and
blocking takes it off the list, the list with new arrivals and marking them seen, taking a
store's coupon into My coupons (sold out, already taken), the longest names and many stores
within Telegram's limits."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from bot.db.models import FavouriteStore, Store, StoreCouponOffer, User
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import FavAct, FavStoreCb, FavTakeCb
from bot.services import catalog
from tests.conftest import BotHarness
from tests.factories import make_buyer
from tests.handlers.test_stores import STORE, _open_store, _orders

TEXTS = {
    "en": {
        "save": "⭐ Save store",
        "remove": "✅ Store saved",
        "saved": "⭐ UGREEN Official Store is in your favourite stores.",
        "removed": "UGREEN Official Store is no longer in your favourite stores.",
        "title": "⭐ Favourite stores",
        "empty": "No saved stores yet.",
        "blocked": "You have blocked this seller, so the store cannot be saved.",
        "block": "🚫 Block this seller",
        "yes": "🚫 Yes, block",
        "sign_in": "Sign in to continue",
        "telegram": "✈️ Continue with Telegram",
        "new_line": "🆕 2 new arrivals since your last visit",
        "new_head": "🆕 2 new arrivals since your last visit",
        "nothing": "Nothing new since your last visit.",
        "back": "⬅️ Favourite stores",
        "take": "🎟 Take: $3 off orders from $20",
        "taken": "🎟 Coupon taken: it is in My coupons.",
        "my_coupons": "🎟 My coupons",
        "again": "You have already taken this coupon: it is in My coupons.",
        "sold_out": "😔 All these coupons have been taken.",
        "left": "(1 left)",
        "coupon_line": "Autumn sale",
        "news_on": "🔔 Tell me its news",
        "news_off": "🔕 Stop its news",
        "news_toast": "🔔 You will hear about its new arrivals and discounts.",
    },
    "ru": {
        "save": "⭐ Сохранить магазин",
        "remove": "✅ Магазин сохранён",
        "saved": "⭐ UGREEN Official Store теперь в ваших любимых магазинах.",
        "removed": "UGREEN Official Store больше нет в ваших любимых магазинах.",
        "title": "⭐ Любимые магазины",
        "empty": "Пока нет сохранённых магазинов.",
        "blocked": "Вы заблокировали этого продавца, поэтому магазин нельзя добавить в любимые.",
        "block": "🚫 Заблокировать",
        "yes": "🚫 Да, заблокировать",
        "sign_in": "Войдите",
        "telegram": "✈️ Продолжить с Telegram",
        "new_line": "🆕 2 новинки с вашего прошлого визита",
        "new_head": "🆕 2 новинки с вашего прошлого визита",
        "nothing": "С вашего прошлого визита ничего нового.",
        "back": "⬅️ Любимые магазины",
        "take": "🎟 Забрать: Скидка 3\u00a0$ на заказ от 20\u00a0$",
        "taken": "🎟 Купон ваш: он в разделе «Мои купоны».",
        "my_coupons": "🎟 Мои купоны",
        "again": "Вы уже забрали этот купон: он в разделе «Мои купоны».",
        "sold_out": "😔 Все эти купоны уже разобрали.",
        "left": "(остался 1)",
        "coupon_line": "Осенняя распродажа",
        "news_on": "🔔 Сообщать о новинках",
        "news_off": "🔕 Не сообщать о новинках",
        "news_toast": "🔔 Будем сообщать о его новинках и скидках.",
    },
}
LANGS = ["en", "ru"]


def flat(buttons: list[list[str]]) -> list[str]:
    return [text for row in buttons for text in row]


async def _saved(harness: BotHarness, user_id: int) -> list[int]:
    async with harness.database.session_factory() as session:
        query = select(FavouriteStore.store_id).where(FavouriteStore.user_id == user_id)
        return list((await session.scalars(query)).all())


async def _store(harness: BotHarness, name: str = STORE, days_ago: float = 30) -> Store:
    uow, now = harness.uow(), harness.clock.now()
    store, _ = await catalog.upsert_store(
        uow, f"s-{name}"[:64], name, now - timedelta(days=days_ago)
    )
    return store


async def _product(harness: BotHarness, store: Store, external_id: str, at: datetime) -> None:
    titles = {"en": f"Lamp {external_id}", "ru": f"Лампа {external_id}"}
    spec = catalog.ProductSpec(store.external_id or "", external_id, titles, 1999, "USD", 3)
    await catalog.upsert_product(harness.uow(), spec, at)


async def _favourite(harness: BotHarness, user: User, store: Store, seen: datetime) -> None:
    async with harness.uow() as uow:
        uow.favourite_stores.add(
            FavouriteStore(user_id=user.id, store_id=store.id, saved_at=seen, seen_at=seen)
        )
        await uow.commit()


async def _offer(harness: BotHarness, store: Store, quantity: int | None = 2) -> int:
    now = harness.clock.now()
    async with harness.uow() as uow:
        offer = StoreCouponOffer(
            store_id=store.id,
            external_id="autumn",
            title="Autumn sale",
            titles={"en": "Autumn sale", "ru": "Осенняя распродажа"},
            discount_minor=300,
            percent_off=None,
            currency="USD",
            min_order_minor=2000,
            claim_from=now - timedelta(days=1),
            claim_until=now + timedelta(days=5),
            expires_at=now + timedelta(days=30),
            quantity=quantity,
            taken=0,
            created_at=now - timedelta(days=1),
            withdrawn_at=None,
        )
        uow.store_offers.add(offer)
        await uow.store_offers.flush()
        await uow.commit()
        return offer.id


@pytest.mark.parametrize("lang", LANGS)
async def test_save_from_the_store_screen_and_take_it_off(harness: BotHarness, lang: str) -> None:
    order = await _orders(harness, lang=lang)
    texts = TEXTS[lang]
    anna = await _open_store(harness, lang)

    await anna.press(texts["save"])

    assert anna.last_answer is not None and anna.last_answer["text"] == texts["saved"]
    assert texts["remove"] in flat(anna.buttons) and texts["save"] not in flat(anna.buttons)
    assert await _saved(harness, order.buyer_id) == [order.store_id]
    await anna.send("/favourites")
    assert texts["title"] in (anna.screen or "") and STORE in (anna.screen or "")

    await anna.press(f"🏪 {STORE}")
    await anna.press(texts["remove"])

    assert anna.last_answer is not None and anna.last_answer["text"] == texts["removed"]
    assert texts["save"] in flat(anna.buttons)
    assert await _saved(harness, order.buyer_id) == []
    await anna.press(texts["back"])
    assert texts["empty"] in (anna.screen or "")
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", LANGS)
async def test_a_guest_signs_in_and_then_the_store_is_saved(harness: BotHarness, lang: str) -> None:
    store = await _store(harness)
    texts = TEXTS[lang]
    guest = harness.buyer(language_code=lang)
    await guest.send("/start")

    # The Save button of a product card (browsing is open to guests).
    await guest.press_data(FavStoreCb(action=FavAct.SAVE, store_id=store.id).pack())
    assert texts["sign_in"] in (guest.screen or "")
    await guest.press(texts["telegram"])

    texts_sent = [call.params.get("text", "") for call in harness.server.calls_of("sendMessage")]
    assert any(texts["saved"] in text for text in texts_sent)
    # The saved store's screen, then its toast as a message (a replayed press has no toast).
    screens = [m.text or "" for m in harness.server.messages_in(1001) if m.reply_markup]
    assert f"🏪 {STORE}" in screens[-1]
    assert texts["remove"] in flat(guest.buttons)
    async with harness.database.session_factory() as session:
        saved = (await session.scalars(select(FavouriteStore))).all()
    assert [row.store_id for row in saved] == [store.id]


@pytest.mark.parametrize("lang", LANGS)
async def test_blocking_takes_the_store_off_and_a_blocked_store_cannot_be_saved(
    harness: BotHarness, lang: str
) -> None:
    order = await _orders(harness, lang=lang)
    texts = TEXTS[lang]
    anna = await _open_store(harness, lang)
    await anna.press(texts["save"])

    await anna.press(texts["block"])
    await anna.press(texts["yes"])

    assert await _saved(harness, order.buyer_id) == []
    assert texts["save"] not in flat(anna.buttons)
    await anna.press_data(FavStoreCb(action=FavAct.SAVE, store_id=order.store_id).pack())
    assert anna.last_answer is not None and texts["blocked"] in anna.last_answer["text"]
    assert await _saved(harness, order.buyer_id) == []
    await anna.send("/favourites")
    assert texts["empty"] in (anna.screen or "")


@pytest.mark.parametrize("lang", LANGS)
async def test_the_list_counts_new_arrivals_until_the_store_is_opened(
    harness: BotHarness, lang: str
) -> None:
    now = harness.clock.now()
    texts = TEXTS[lang]
    user = await make_buyer(harness.uow(), 1001, now, language_code=lang)
    store = await _store(harness)
    await _product(harness, store, "old", now - timedelta(days=10))
    await _favourite(harness, user, store, now - timedelta(days=3))
    await _product(harness, store, "new-1", now - timedelta(days=2))
    await _product(harness, store, "new-2", now - timedelta(days=1))
    anna = harness.buyer(language_code=lang)

    await anna.send("/favourites")

    assert texts["new_line"] in (anna.screen or "")
    await anna.press(next(t for t in flat(anna.buttons) if t.startswith(f"🏪 {STORE}")))
    screen = anna.screen or ""
    assert texts["new_head"] in screen
    assert ("Lamp new-2" if lang == "en" else "Лампа new-2") in screen
    assert "old" not in screen

    await anna.press(texts["back"])

    assert "🆕" not in (anna.screen or "")
    await anna.press(next(t for t in flat(anna.buttons) if t.startswith(f"🏪 {STORE}")))
    assert texts["nothing"] in (anna.screen or "")
    await anna.press(texts["news_on"])
    assert anna.last_answer is not None and anna.last_answer["text"] == texts["news_toast"]
    assert texts["news_off"] in flat(anna.buttons)


@pytest.mark.parametrize("lang", LANGS)
async def test_a_coupon_taken_is_in_my_coupons_once_and_never_beyond_its_quantity(
    harness: BotHarness, lang: str
) -> None:
    now = harness.clock.now()
    texts = TEXTS[lang]
    anna_user = await make_buyer(harness.uow(), 1001, now, language_code=lang)
    boris_user = await make_buyer(harness.uow(), 1002, now, language_code=lang, name="Boris")
    carol_user = await make_buyer(harness.uow(), 1003, now, language_code=lang, name="Carol")
    store = await _store(harness)
    offer_id = await _offer(harness, store, quantity=2)
    for user in (anna_user, boris_user, carol_user):
        await _favourite(harness, user, store, now)
    anna = harness.buyer(1001, language_code=lang)
    await anna.send("/favourites")
    await anna.press(next(t for t in flat(anna.buttons) if t.startswith(f"🏪 {STORE}")))
    assert texts["coupon_line"] in (anna.screen or "")

    await anna.press(texts["take"])

    assert anna.last_answer is not None and anna.last_answer["text"] == texts["taken"]
    assert texts["take"] not in flat(anna.buttons)
    await anna.press_data(FavTakeCb(offer_id=offer_id).pack())
    assert anna.last_answer is not None and anna.last_answer["text"] == texts["again"]
    await anna.press(texts["my_coupons"])
    assert texts["coupon_line"] in (anna.screen or "")

    boris = harness.buyer(1002, language_code=lang, name="Boris")
    await boris.send("/favourites")
    await boris.press(next(t for t in flat(boris.buttons) if t.startswith(f"🏪 {STORE}")))
    assert texts["left"] in (boris.screen or "")
    await boris.press(texts["take"])
    carol = harness.buyer(1003, language_code=lang, name="Carol")
    await carol.send("/menu")
    await carol.press_data(FavTakeCb(offer_id=offer_id).pack())

    assert carol.last_answer is not None and carol.last_answer["text"] == texts["sold_out"]
    async with harness.database.session_factory() as session:
        offer = await session.get(StoreCouponOffer, offer_id)
        assert offer is not None and offer.taken == 2
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", LANGS)
async def test_many_stores_with_the_longest_names_fit_telegram(
    harness: BotHarness, lang: str
) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code=lang)
    for number in range(15):
        name = f"{number:02d}" + "Ж&<b>" * 50  # 200 characters, escaping-heavy
        store = await _store(harness, name[:200])
        await _favourite(harness, user, store, now - timedelta(days=2))
        await _product(harness, store, f"p{number}" + "x" * 60, now - timedelta(days=1))
    anna = harness.buyer(language_code=lang)

    await anna.send("/favourites")
    pages = 1
    while any("▶️" in text for text in flat(anna.buttons)):
        await anna.press(next(t for t in flat(anna.buttons) if "▶️" in t))
        pages += 1

    assert pages == 3
    await anna.press(next(t for t in flat(anna.buttons) if t.startswith("🏪 12")))
    assert "Ж&amp;" not in (anna.screen or "")  # shown as text, not as escapes
    assert_every_callback_answered_once(harness.server)
