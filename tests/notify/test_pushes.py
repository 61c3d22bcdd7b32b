"""What pushes say and where their buttons lead; what is never pushed."""

from __future__ import annotations

from datetime import timedelta

from bot.db.enums import OrderStatus
from bot.services.orders import sync as order_sync
from bot.services.orders import trash
from bot.services.orders.sync import StatusChange
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order
from tests.notify.test_sender import make_sender


async def test_a_seller_message_push_opens_the_conversation(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(harness.uow(), user, now, title="Desk lamp")
    await order_sync.add_seller_message(
        harness.uow(), order.number, "m-1", "Which <colour> do you want?", now, now
    )
    sender, _ = make_sender(harness)

    assert (await sender.drain()).sent == 1

    anna = harness.buyer()
    assert anna.screen == (
        f"✉️ The seller wrote about order №{order.number}:\n\nWhich <colour> do you want?"
    )
    assert anna.buttons == [["✉️ Reply", "📦 Open order"], ["🔕 Turn these off"]]
    await anna.press("✉️ Reply")
    assert "🏪 Seller" in anna.screen and "Which <colour> do you want?" in anna.screen


async def test_the_mute_button_turns_that_kind_off_and_says_how_to_undo(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(harness.uow(), user, now, title="Lamp")
    await order_sync.change_status(
        harness.uow(), order.number, StatusChange(OrderStatus.AWAITING_SHIPMENT), now, 60
    )
    sender, _ = make_sender(harness)
    await sender.drain()
    anna = harness.buyer()

    await anna.press("🔕 Turn these off")

    assert anna.last_answer["text"] == (
        "🔕 Turned off: Order status changes. Turn it back on in Settings → Notifications."
    )
    await order_sync.change_status(
        harness.uow(), order.number, StatusChange(OrderStatus.SHIPPED), now, 60
    )
    report = await sender.drain()
    assert (report.sent, report.reasons) == (0, ["muted"])
    await anna.send("/settings")
    await anna.press("🔔 Notifications")
    assert "🔕 Order status changes" in sum(anna.buttons, [])
    await anna.press("🔕 Order status changes")
    assert "✅ Order status changes" in sum(anna.buttons, [])


async def test_a_push_that_waited_too_long_is_dropped(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(harness.uow(), user, now, title="Vase")
    await order_sync.add_seller_message(harness.uow(), order.number, "m-2", "Hello", now, now)
    harness.clock.advance(timedelta(hours=73))
    sender, _ = make_sender(harness)

    report = await sender.drain()

    assert (report.sent, report.reasons) == (0, ["expired"])
    assert harness.server.calls_of("sendMessage") == []


async def test_a_push_about_a_deleted_order_is_dropped(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(harness.uow(), user, now, status=OrderStatus.COMPLETED, title="Mug")
    await order_sync.add_seller_message(harness.uow(), order.number, "m-1", "Thanks!", now, now)
    await trash.move_to_trash(harness.uow(), user.id, order.id, now)
    sender, _ = make_sender(harness)

    report = await sender.drain()

    assert (report.sent, report.reasons) == (0, ["subject gone"])
