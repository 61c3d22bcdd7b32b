"""Coupons through the dispatcher: the home button, tabs with counts, pages, the card, and
buttons for someone else's coupon."""

from __future__ import annotations

from datetime import timedelta

from bot.db.enums import OrderStatus
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import CouponAction, CouponCb
from bot.services.coupons import use_coupon
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_coupon, make_order

DAY = timedelta(days=1)
NOT_AVAILABLE = "This coupon is not available. It may have been withdrawn."


async def _anna_with_coupons(harness: BotHarness) -> str:
    """Six active coupons (two pages), one used and one expired; returns the order number."""
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    await make_coupon(uow, user, now, title="Store coupon", expires_in=2 * DAY)
    await make_coupon(
        uow,
        user,
        now,
        title="Select coupon",
        store_name=None,
        percent_off=10,
        min_order_minor=0,
        expires_in=3 * DAY,
    )
    for days in range(4, 8):
        await make_coupon(
            uow,
            user,
            now,
            title=f"Coupon {days}",
            store_name="Baseus",
            discount_minor=days * 100,
            min_order_minor=0,
            expires_in=days * DAY,
        )
    order = await make_order(uow, user, now, status=OrderStatus.COMPLETED, title="Lamp")
    await make_coupon(
        uow,
        user,
        now,
        title="Welcome coupon",
        store_name=None,
        discount_minor=200,
        min_order_minor=0,
        expires_in=20 * DAY,
        used_days_ago=5,
        used_on=order,
    )
    await make_coupon(
        uow,
        user,
        now,
        title="Sale coupon",
        discount_minor=400,
        min_order_minor=3500,
        expires_in=-DAY,
    )
    return order.number


async def test_coupons_have_tabs_with_counts_pages_and_values(harness: BotHarness) -> None:
    number = await _anna_with_coupons(harness)
    anna = harness.buyer()

    await anna.send("/coupons")

    assert anna.screen.startswith(
        "🎟 Coupons · Active\n\n"
        "1. $3 off orders from $20\n"
        "    Store coupon · UGREEN Official Store\n"
        "    ⏳ Expires Nov 28, 12:00\u202fPM (in 2 days)\n\n"
        "2. 10% off\n"
        "    Select coupon · All stores\n"
        "    ⏳ Expires Nov 29, 12:00\u202fPM (in 3 days)\n\n"
        "3. $4 off\n"
    )
    assert "Page 1 of 2" in anna.screen and "Coupon 7" not in anna.screen
    assert anna.buttons == [
        ["• Active 6", "Used & expired 2"],
        ["🎟 $3 off orders from $20 · UGREEN Official Store"],
        ["🎟 10% off · All stores"],
        ["🎟 $4 off · Baseus"],
        ["🎟 $5 off · Baseus"],
        ["🎟 $6 off · Baseus"],
        ["Next ▶️"],
        ["🏠 My cabinet"],
    ]
    await anna.press("Next ▶️")
    assert "1. $7 off\n    Coupon 7 · Baseus\n    ⏳ Expires Dec 3" in anna.screen
    assert "Page 2 of 2" in anna.screen

    await anna.press("Used & expired 2")

    assert anna.screen == (
        "🎟 Coupons · Used & expired\n\n"
        "1. $4 off orders from $35\n"
        "    Sale coupon · UGREEN Official Store\n"
        "    ⌛ Expired on Nov 25, 2026\n\n"
        "2. $2 off\n"
        "    Welcome coupon · All stores\n"
        f"    ✅ Used on Nov 21, 2026 · order №{number}"
    )
    assert anna.buttons[0] == ["Active 6", "• Used & expired 2"]
    assert_every_callback_answered_once(harness.server)


async def test_the_card_shows_the_coupon_and_back_returns_to_the_same_page(
    harness: BotHarness,
) -> None:
    await _anna_with_coupons(harness)
    anna = harness.buyer()
    await anna.send("/coupons")
    await anna.press("Next ▶️")

    await anna.press("🎟 $7 off · Baseus")

    assert anna.screen == (
        "🎟 Coupon 7\n\n$7 off\nStore: Baseus\n⏳ Expires Dec 3, 12:00\u202fPM (in 1 week)\n\n"
        "The discount is applied at checkout on the marketplace when your order qualifies."
    )
    assert anna.buttons == [["⬅️ Back", "🏠 My cabinet"]]
    await anna.press("⬅️ Back")
    assert "Page 2 of 2" in anna.screen and "Coupon 7" in anna.screen


async def test_a_coupon_not_yet_valid_says_from_when(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    await make_coupon(uow, user, now, starts_in=5 * DAY, expires_in=10 * DAY)
    anna = harness.buyer()
    await anna.send("/coupons")

    await anna.press("🎟 $3 off orders from $20 · UGREEN Official Store")

    assert "🕒 Valid from Dec 1, 12:00\u202fPM\n⏳ Expires Dec 6" in anna.screen


async def test_home_counts_active_coupons_and_opens_them(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    await make_order(uow, user, now)
    for _ in range(2):
        await make_coupon(uow, user, now)
    await make_coupon(uow, user, now, used_days_ago=1)
    anna = harness.buyer()

    await anna.send("/start")

    assert "🎟 2 active coupons" in anna.screen
    assert ["🎟 Coupons (2)", "🗑 Deleted orders"] in anna.buttons
    await anna.press("🎟 Coupons (2)")
    assert anna.buttons[0] == ["• Active 2", "Used & expired 1"]
    await anna.press("🏠 My cabinet")
    assert "🎟 2 active coupons" in anna.screen


async def test_without_coupons_the_tabs_say_so(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/start")
    assert "active coupon" not in anna.screen
    await anna.press("🎟 Coupons")

    assert anna.screen.startswith("🎟 Coupons · Active\n\nYou have no active coupons.")
    await anna.press("Used & expired 0")
    assert anna.screen == "🎟 Coupons · Used & expired\n\nNo used or expired coupons."
    assert_every_callback_answered_once(harness.server)


async def test_coupons_in_russian_show_money_percent_and_dates_the_russian_way(
    harness: BotHarness,
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, language_code="ru")
    await make_coupon(
        uow,
        user,
        now,
        title="Store coupon",
        titles={"en": "Store coupon", "ru": "Купон магазина"},
        discount_minor=30000,
        min_order_minor=200000,
        currency="RUB",
        expires_in=2 * DAY,
    )
    await make_coupon(
        uow,
        user,
        now,
        store_name=None,
        percent_off=10,
        min_order_minor=0,
        expires_in=5 * DAY,
        used_days_ago=2,
    )
    anna = harness.buyer(language_code="ru")

    await anna.send("/coupons")

    # Babel's parts and the buyer's title; the sentences come from the catalogue.
    assert "Купон магазина" in anna.screen
    assert "300\u00a0₽" in anna.screen and "2\u00a0000\u00a0₽" in anna.screen
    assert "28 нояб., 12:00 (через 2 дня)" in anna.screen
    assert anna.buttons[-1] == ["🏠 Мой кабинет"]
    await anna.press(anna.buttons[1][0])
    assert "Магазин: UGREEN Official Store" in anna.screen
    await anna.press("⬅️ Назад")
    await anna.press(anna.buttons[0][1])
    assert "10\u00a0%" in anna.screen and "24 нояб. 2026" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_a_forged_button_for_another_buyers_coupon_reveals_nothing(
    harness: BotHarness,
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    boris = await make_buyer(uow, 2002, now, name="Boris")
    borises = await make_coupon(uow, boris, now, title="Secret coupon", store_name="Boris Shop")
    anna_user = await make_buyer(uow, 1001, now)
    await make_coupon(uow, anna_user, now, title="My own coupon")
    anna = harness.buyer(telegram_id=1001)
    await anna.send("/coupons")
    before = anna.screen

    for data in (
        CouponCb(action=CouponAction.OPEN, coupon_id=borises.id).pack(),
        CouponCb(action=CouponAction.OPEN, coupon_id=404).pack(),
    ):
        await anna.press_data(data)
        assert anna.last_answer["text"] == NOT_AVAILABLE
        assert anna.last_answer["show_alert"] == "true"
        assert anna.screen == before

    for data in ("cpn:o:abc:a:0", "cpl:zz:0", "cpn:x:1:a:0", f"cpn:o:{10**12}:a:0"):
        await anna.press_data(data)
        assert anna.last_answer["text"] == (
            "This button is out of date. Open the cabinet again with /menu."
        )
    texts = [str(call.params) for call in harness.server.calls]
    assert not any("Secret coupon" in text or "Boris Shop" in text for text in texts)
    assert_every_callback_answered_once(harness.server)


async def test_a_coupon_used_meanwhile_opens_as_used(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, external_id="b-1")
    coupon = await make_coupon(uow, user, now, store_name=None, min_order_minor=0)
    anna = harness.buyer()
    await anna.send("/coupons")
    await use_coupon(harness.uow(), user.id, coupon.external_id, None, None, now)
    await anna.press("🎟 $3 off · All stores")

    assert "✅ Used on Nov 26, 2026" in anna.screen
    assert "applied at checkout" not in anna.screen


async def test_demo_data_includes_coupons_in_every_state(make_harness) -> None:
    harness = make_harness(demo_data=True)
    anna = harness.buyer()
    await anna.send("/start")
    assert "🎟 3 active coupons" in anna.screen

    await anna.press("🎟 Coupons (3)")

    assert anna.buttons[0] == ["• Active 3", "Used & expired 2"]
    assert "1. $3 off orders from $20\n    Store coupon · Xiaomi Official Store\n" in anna.screen
    assert "(in 2 days)" in anna.screen and "8% off" in anna.screen
    await anna.press("Used & expired 2")
    assert "⌛ Expired on Nov 23, 2026" in anna.screen
    assert "✅ Used on Oct 27, 2026 · order №8" in anna.screen
    await harness.bot.session.close()
