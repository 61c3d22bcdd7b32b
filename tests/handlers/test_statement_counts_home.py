"""How many SQL statements the home screen and the flat sections' screens run, per press (see
test_statement_counts.py): a ceiling for each, so a screen that starts reading more fails."""

from __future__ import annotations

from datetime import timedelta

from bot.db.enums import ComplaintReason, ComplaintStatus, ComplaintTarget, OrderStatus
from bot.services import complaints
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_coupon, make_order
from tests.handlers.test_statement_counts import (
    _over,
    _press_counted,
    _send_counted,
)


async def test_home_stays_within_its_statements(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    buyer = await make_buyer(uow, 1001, now)
    for status in (OrderStatus.AWAITING_PAYMENT, OrderStatus.SHIPPED, OrderStatus.COMPLETED):
        await make_order(uow, buyer, now, status=status, shipped_days_ago=3)
    anna = harness.buyer()

    pressed = {"/start": await _send_counted(harness, anna, "/start")}
    pressed["/menu"] = await _send_counted(harness, anna, "/menu")
    await anna.press("⚙️ Settings")
    pressed["Home"] = await _press_counted(harness, anna, "🏠 My cabinet")

    # Who is asking (1), then the summary: orders by status, awaiting feedback, coupons, and
    # the message center's unread counts (5), cheaper wishes and new arrivals (2); /start
    # also marks the first visit.
    ceilings = {"/start": 12, "/menu": 11, "Home": 11}
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    assert "3 orders in total" in (anna.screen or "")


async def test_notification_settings_stay_within_their_statements(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/settings")

    pressed = {"Notifications": await _press_counted(harness, anna, "🔔 Notifications")}
    pressed["a switch"] = await _press_counted(harness, anna, "✅ Order status changes")
    pressed["Daily digest"] = await _press_counted(harness, anna, "📰 Daily digest: off")

    # Who is asking, the kinds switched off; a move writes once and reads nothing again.
    ceilings = {"Notifications": 2, "a switch": 4, "Daily digest": 3}
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    assert ["🔕 Order status changes"] in anna.buttons
    assert ["📰 Daily digest: on"] in anna.buttons


async def test_coupons_stay_within_their_statements(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    buyer = await make_buyer(uow, 1001, now)
    for n in range(12):  # more than a page, so a query per coupon would show
        await make_coupon(uow, buyer, now, discount_minor=100 + n, expires_in=timedelta(days=n + 1))
    anna = harness.buyer()

    pressed = {"/coupons": await _send_counted(harness, anna, "/coupons")}
    pressed["Next"] = await _press_counted(harness, anna, "Next ▶️")
    first_coupon = anna.buttons[1][0]
    pressed["a coupon"] = await _press_counted(harness, anna, first_coupon)

    # Who is asking, then the tab counts and the page (stores loaded with it), or the coupon.
    ceilings = {"/coupons": 3, "Next": 3, "a coupon": 2}
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    assert "Expires" in (anna.screen or "")


async def test_the_store_screen_and_my_complaints_stay_within_their_statements(
    harness: BotHarness,
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    buyer = await make_buyer(uow, 1001, now)
    order = await make_order(uow, buyer, now, title="Desk lamp", status=OrderStatus.SHIPPED)
    for _ in range(6):  # more than a page, so a query per complaint would show
        filed = await complaints.file_complaint(
            uow,
            buyer.id,
            ComplaintTarget.STORE,
            order.store_id,
            ComplaintReason.SPAM,
            "",
            False,
            now,
        )
        await complaints.change_status(uow, filed.id, ComplaintStatus.REJECTED, None, now)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press(next(t for row in anna.buttons for t in row if "Desk lamp" in t))

    pressed = {"store": await _press_counted(harness, anna, "🏪 UGREEN Official Store")}
    await anna.press("🚫 Block this seller")
    pressed["Yes, block"] = await _press_counted(harness, anna, "🚫 Yes, block")
    pressed["Unblock"] = await _press_counted(harness, anna, "✅ Unblock")
    await anna.send("/messages")
    pressed["My complaints"] = await _press_counted(harness, anna, "🚩 My complaints")

    # The store screen: the order with its items, the orders there, whether it is blocked; a
    # move adds its write (and the message center's own check) to that one read.
    ceilings = {"store": 6, "Yes, block": 9, "Unblock": 7, "My complaints": 4}
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    assert "rejected" in (anna.screen or "")
    order_reads = {
        screen: sum(each.startswith("SELECT orders.id") for each in statements.seen)
        for screen, statements in pressed.items()
        if screen != "My complaints"
    }
    assert order_reads == dict.fromkeys(order_reads, 1)


async def test_the_profile_stays_within_its_statements(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()

    pressed = {"/profile": await _send_counted(harness, anna, "/profile")}
    await anna.press("💱 Currency")
    pressed["a currency"] = await _press_counted(harness, anna, "Euro (EUR)")
    await anna.press("✏️ Name")
    pressed["a name"] = await _send_counted(harness, anna, "Anna Maria")

    # The profile is the buyer row the update starts with; a change writes it and its event
    # (and a chosen currency brings the exchange rates along from then on).
    ceilings = {"/profile": 1, "a currency": 3, "a name": 4}
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    assert "Name: Anna Maria\n" in (anna.screen or "")
