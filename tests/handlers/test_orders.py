"""My orders through the dispatcher: tabs, card, tracking, confirm receipt, extend protection."""

from __future__ import annotations

from datetime import timedelta

from bot.db.enums import DisputeReason, OrderStatus, TrackingEventKind
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import OrderAction, OrderCb
from bot.services.disputes import buyer as disputes
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.orders.buyer import OrderTab
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

S = OrderStatus
K = TrackingEventKind


async def _buyer_with(harness: BotHarness, telegram_id: int = 1001, lang: str = "en", **order):
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, telegram_id, now, language_code=lang)
    made = await make_order(uow, user, now, **order)
    return user, made


async def test_orders_list_has_tabs_with_counts_and_pages(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    for days in range(6):
        await make_order(uow, user, now, title=f"Gadget {days}", days_ago=days)
    await make_order(
        uow, user, now, status=S.SHIPPED, title="Lamp", days_ago=30, shipped_days_ago=2
    )
    anna = harness.buyer()

    await anna.send("/orders")

    assert anna.buttons[0] == ["• All 7", "To pay 6", "To ship 0"]
    assert anna.buttons[1] == ["To receive 1", "Completed 0", "Closed 0"]
    assert "Gadget 0" in anna.screen and "Gadget 5" not in anna.screen
    assert "Page 1 of 2" in anna.screen
    await anna.press("Next ▶️")
    assert "Gadget 5" in anna.screen and "Lamp" in anna.screen
    await anna.press("To receive 1")
    assert "Lamp" in anna.screen and "Gadget" not in anna.screen
    assert anna.buttons[1][0] == "• To receive 1"
    assert_every_callback_answered_once(harness.server)


async def test_order_card_shows_money_protection_and_tracking_in_english(
    harness: BotHarness,
) -> None:
    await _buyer_with(
        harness,
        status=S.SHIPPED,
        title="Earbuds <Pro>",
        price_minor=1250,
        quantity=2,
        shipped_days_ago=10,
        events=((K.ACCEPTED, 9, "Shenzhen"), (K.CUSTOMS_CLEARED, 1, "Moscow")),
    )
    anna = harness.buyer()
    await anna.send("/orders")

    await anna.press("🚚 Earbuds <Pro> · $25.00")

    screen = anna.screen
    assert "Order №81" in screen
    assert "Status: 🚚 Shipped" in screen
    assert "Earbuds <Pro> — 2 × $12.50" in screen
    assert "Total paid: $25.00" in screen
    assert "Buyer protection: 50 days left (until Jan 15, 2027)" in screen
    assert "Latest: Cleared customs (Moscow, Nov 25, 12:00 PM)" in screen
    assert anna.buttons[:3] == [["🚚 Track"], ["✅ Confirm receipt"], ["🛡 Extend protection"]]


async def test_order_card_in_russian_formats_money_and_dates_the_russian_way(
    harness: BotHarness,
) -> None:
    await _buyer_with(
        harness,
        lang="ru",
        status=S.SHIPPED,
        title="Наушники",
        price_minor=245000,
        currency="RUB",
        shipped_days_ago=59,
    )
    anna = harness.buyer(language_code="ru")
    await anna.send("/orders")

    await anna.press("🚚 Наушники · 2\u00a0450,00\u00a0₽")

    assert "Статус: 🚚 Отправлен" in anna.screen
    assert "Итого оплачено: 2\u00a0450,00\u00a0₽" in anna.screen
    assert "Защита покупателя: остался 1 день (до 27 нояб. 2026)" in anna.screen


async def test_tracking_shows_the_timeline_newest_first(harness: BotHarness) -> None:
    await _buyer_with(
        harness,
        status=S.SHIPPED,
        title="Lamp",
        shipped_days_ago=10,
        events=(
            (K.ACCEPTED, 9, "Shenzhen"),
            (K.LEFT_ORIGIN, 7, "Guangzhou"),
            (K.DELIVERED, 1, "Moscow"),
        ),
    )
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Lamp · $24.50")

    await anna.press("🚚 Track")

    lines = anna.screen.splitlines()
    timeline = [line for line in lines if line.startswith(("🔵", "⚪"))]
    assert timeline == [
        "🔵 Handed to the recipient (Moscow, Nov 25, 12:00 PM)",
        "⚪ Left the country of origin (Guangzhou, Nov 19, 12:00 PM)",
        "⚪ Accepted by the carrier (Shenzhen, Nov 17, 12:00 PM)",
    ]
    await anna.press("⬅️ Back to order")
    assert "Status: 🚚 Shipped" in anna.screen


async def test_confirming_receipt_warns_first_and_needs_a_second_tap(harness: BotHarness) -> None:
    await _buyer_with(harness, status=S.DELIVERED, title="Lamp", shipped_days_ago=10)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("📬 Lamp · $24.50")

    await anna.press("✅ Confirm receipt")
    assert "Buyer protection for this order ends and $24.50 is paid to the seller" in anna.screen
    await anna.press("⬅️ Not yet")
    assert "Status: 📬 Delivered" in anna.screen

    await anna.press("✅ Confirm receipt")
    await anna.press("✅ Yes, I received it")

    assert "Status: ✅ Completed" in anna.screen
    assert anna.last_answer["text"].startswith("✅ Receipt of order №")
    assert "✅ Confirm receipt" not in sum(anna.buttons, [])
    assert "Buyer protection ended on" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_a_stale_confirm_button_is_refused_with_the_reason(harness: BotHarness) -> None:
    _, order = await _buyer_with(harness, status=S.COMPLETED)
    anna = harness.buyer()
    await anna.send("/orders")

    await anna.press_data(OrderCb(action=OrderAction.CONFIRM, order_id=order.id).pack())

    assert anna.last_answer["show_alert"] == "true"
    assert anna.last_answer["text"] == (
        "Receipt can be confirmed only for an order that has been shipped. "
        "This order is: Completed."
    )


async def test_protection_is_extended_once_then_refused_in_words(harness: BotHarness) -> None:
    _, order = await _buyer_with(harness, status=S.SHIPPED, title="Lamp", shipped_days_ago=50)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Lamp · $24.50")

    await anna.press("🛡 Extend protection")
    assert anna.last_answer["text"] == "🛡 Protection extended until Dec 21, 2026."
    assert "25 days left (until Dec 21, 2026)" in anna.screen
    assert "extended on Nov 26, 2026" in anna.screen
    # Used once: the button is no longer offered.
    assert ["🛡 Extend protection"] not in anna.buttons

    harness.clock.advance(timedelta(days=1))
    # A button kept from an older message is still refused in words.
    await anna.press_data(OrderCb(action=OrderAction.EXTEND, order_id=order.id).pack())
    assert anna.last_answer["show_alert"] == "true"
    assert anna.last_answer["text"] == (
        "Protection for this order was already extended on Nov 26, 2026. It can be "
        "extended only once; it now runs until Dec 21, 2026."
    )


async def test_expired_protection_cannot_be_extended(harness: BotHarness) -> None:
    _, order = await _buyer_with(
        harness, status=S.DELIVERED, title="Toothbrush", shipped_days_ago=65
    )
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("📬 Toothbrush · $24.50")
    assert "Buyer protection ended on Nov 21, 2026" in anna.screen
    # Expired: the button is not offered, though Confirm receipt still is.
    assert ["🛡 Extend protection"] not in anna.buttons
    assert ["✅ Confirm receipt"] in anna.buttons

    await anna.press_data(OrderCb(action=OrderAction.EXTEND, order_id=order.id).pack())

    assert anna.last_answer["text"] == (
        "Buyer protection for this order ended on Nov 21, 2026, so it can no longer be extended."
    )


async def test_a_forged_button_for_another_buyers_order_reveals_nothing(
    harness: BotHarness,
) -> None:
    _, borises = await _buyer_with(
        harness, telegram_id=2002, status=S.SHIPPED, title="Secret gift", shipped_days_ago=3
    )
    await _buyer_with(harness, telegram_id=1001, title="My own thing")
    anna = harness.buyer(telegram_id=1001)
    await anna.send("/orders")
    before = anna.screen

    for action in OrderAction:
        await anna.press_data(OrderCb(action=action, order_id=borises.id).pack())
        assert anna.last_answer["text"] == (
            "This order is not available. It may have been deleted."
        )
        assert anna.screen == before

    texts = [str(call.params) for call in harness.server.calls]
    assert not any("Secret gift" in text or borises.number in text for text in texts)
    boris = harness.buyer(telegram_id=2002)
    await boris.send("/orders")
    await boris.press("🚚 Secret gift · $24.50")
    assert "Status: 🚚 Shipped" in boris.screen
    assert "extended on" not in boris.screen
    assert_every_callback_answered_once(harness.server)


async def test_unknown_and_malformed_buttons_are_out_of_date(harness: BotHarness) -> None:
    anna = harness.buyer()
    await anna.send("/start")
    for data in ("ord:zz:1", "ol:nonsense", "garbage", "ord:o:notanumber:all:0:0", "lng:xx"):
        await anna.press_data(data)
        assert anna.last_answer["text"] == (
            "This button is out of date. Open the cabinet again with /menu."
        )
    assert_every_callback_answered_once(harness.server)


async def test_pressing_the_same_tab_twice_changes_nothing_and_fails_nothing(
    harness: BotHarness,
) -> None:
    await _buyer_with(harness)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("• All 1")
    assert [call for call in harness.server.calls if not call.ok] == []
    assert not harness.server.calls_of("editMessageText")
    assert "Something went wrong" not in str(anna.last_answer)


async def test_tabs_are_listed_in_russian(harness: BotHarness) -> None:
    await _buyer_with(harness, lang="ru", status=S.CLOSED)
    anna = harness.buyer(language_code="ru")
    await anna.send("/orders")
    assert anna.buttons[1][2] == "Закрыты 1"
    assert "Закрыт (отменён вами)" in anna.screen
    assert OrderTab.CLOSED.value == "closed"


async def test_receipt_cannot_be_confirmed_while_the_dispute_is_open(harness: BotHarness) -> None:
    user, order = await _buyer_with(harness, status=S.SHIPPED, title="Lamp", shipped_days_ago=20)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Still not here")
    now = harness.clock.now()
    dispute = (
        await disputes.open_dispute(harness.uow(), user, order.id, spec, now, DisputeRules())
    ).dispute
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Lamp · $24.50")
    assert "✅ Confirm receipt" not in sum(anna.buttons, [])

    await anna.press_data(OrderCb(action=OrderAction.CONFIRM_ASK, order_id=order.id).pack())
    assert anna.last_answer["show_alert"] == "true"
    assert anna.last_answer["text"] == (
        "This order's dispute is open (Waiting for the seller). Confirming receipt would pay "
        "the seller: cancel the dispute first if the problem is solved, or wait for its decision."
    )
    await anna.press_data(OrderCb(action=OrderAction.CONFIRM, order_id=order.id).pack())
    assert anna.last_answer["text"].startswith("This order's dispute is open")

    await disputes.cancel(harness.uow(), user.id, dispute.id, harness.clock.now())
    await anna.press_data(OrderCb(action=OrderAction.OPEN, order_id=order.id).pack())
    assert "Status: 🚚 Shipped" in anna.screen
    await anna.press("✅ Confirm receipt")
    await anna.press("✅ Yes, I received it")
    assert "Status: ✅ Completed" in anna.screen
    assert_every_callback_answered_once(harness.server)
