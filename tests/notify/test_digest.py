"""The daily digest: minor pushes wait for the evening and go out as one message."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.db.enums import OrderStatus
from bot.services.orders import sync as order_sync
from bot.services.orders.sync import StatusChange, TrackingSpec
from tests.conftest import BotHarness
from tests.factories import make_buyer
from tests.notify.test_sender import _shipped_order, make_sender


async def test_minor_pushes_wait_for_the_digest_and_arrive_together(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/settings")
    await anna.press("🔔 Notifications")
    await anna.press("📰 Daily digest: off")
    assert "📰 Daily digest: on" in sum(anna.buttons, [])

    harness.clock.set(datetime(2026, 11, 26, 10, 0, tzinfo=UTC))
    _, order = await _shipped_order(harness)
    for index in range(2):
        await order_sync.add_tracking_events(
            harness.uow(),
            order.number,
            [TrackingSpec(f"s-{index}", harness.clock.now(), f"Scan {index}", location="Hub")],
            harness.clock.now(),
        )
    sender, _ = make_sender(harness)
    harness.server.clear()

    morning = await sender.drain()
    assert (morning.sent, morning.deferred) == (1, 2)  # the status change comes at once
    assert "<b>Shipped</b>" in harness.server.calls_of("sendMessage")[0].params["text"]

    harness.clock.set(datetime(2026, 11, 26, 18, 59, tzinfo=UTC))
    assert (await sender.drain()).sent == 0
    harness.clock.set(datetime(2026, 11, 26, 19, 0, tzinfo=UTC))
    evening = await sender.drain()

    assert evening.sent == 2
    digest = harness.server.calls_of("sendMessage")[-1].params["text"]
    assert digest.startswith("📰 <b>Your orders today</b>")
    assert digest.count("🚚 Your parcel") == 2
    assert "Scan 0" in digest and "Scan 1" in digest
    assert len(harness.server.calls_of("sendMessage")) == 2
    assert (await sender.drain()).sent == 0


async def test_without_the_digest_minor_pushes_come_at_once(harness: BotHarness) -> None:
    _, order = await _shipped_order(harness)
    await order_sync.change_status(
        harness.uow(), order.number, StatusChange(OrderStatus.DELIVERED), harness.clock.now(), 60
    )
    await order_sync.add_tracking_events(
        harness.uow(),
        order.number,
        [TrackingSpec("s-1", harness.clock.now(), "Scan")],
        harness.clock.now(),
    )
    sender, _ = make_sender(harness)
    assert (await sender.drain()).sent == 3  # shipped, delivered, and the scan
