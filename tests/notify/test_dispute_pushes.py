"""Dispute pushes through the sender: what the buyer reads, which buttons come with it, and
that a push about a dispute closed meanwhile is dropped."""

from __future__ import annotations

from datetime import timedelta

from bot.db.enums import DisputeReason, MessageSender, OrderStatus
from bot.db.models import Dispute
from bot.fake_telegram import assert_every_callback_answered_once
from bot.services.deadlines import scan_deadlines
from bot.services.disputes import buyer as disputes
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order
from tests.notify.test_sender import make_sender

RULES = DisputeRules()
DAY = timedelta(days=1)


async def _open(harness: BotHarness) -> Dispute:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(
        harness.uow(), user, now, status=OrderStatus.SHIPPED, number="8100000000000042"
    )
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never came")
    return (await disputes.open_dispute(harness.uow(), user, order.id, spec, now, RULES)).dispute


async def test_a_seller_message_in_a_dispute_reaches_the_buyer_with_the_dispute_button(
    harness: BotHarness,
) -> None:
    dispute = await _open(harness)
    await dispute_sync.post_message(
        harness.uow(),
        dispute.id,
        MessageSender.SELLER,
        "m-1",
        "We have sent a <new> parcel",
        (),
        harness.clock.now(),
    )
    sender, _ = make_sender(harness)

    assert (await sender.drain()).sent == 1

    anna = harness.buyer()
    assert anna.screen == (
        "💬 The seller wrote in the dispute about order №8100000000000042:\n\n"
        "We have sent a <new> parcel"
    )
    assert anna.buttons == [["⚖️ Dispute"], ["🔕 Turn these off"]]
    await anna.press("⚖️ Dispute")
    assert "Status: ⏳ Waiting for the seller" in (anna.screen or "")
    assert_every_callback_answered_once(harness.server)


async def test_an_offer_and_the_seller_deadline_say_what_to_do(harness: BotHarness) -> None:
    dispute = await _open(harness)
    harness.clock.advance(5 * DAY)
    await scan_deadlines(harness.uow(), harness.clock.now())
    sender, _ = make_sender(harness)
    await sender.drain()
    anna = harness.buyer()
    assert anna.screen.startswith("⏰ The seller did not answer your dispute about order")

    now = harness.clock.now()
    await dispute_sync.seller_offer(harness.uow(), dispute.id, 1000, True, "", now, RULES)
    await sender.drain()
    assert anna.screen == (
        "⚖️ The seller offers $10.00 in the dispute about order №8100000000000042 "
        "(Bluetooth earbuds), after you return the goods."
    )
    assert anna.buttons == [["⚖️ Dispute"], ["🔕 Turn these off"]]
    await anna.press("⚖️ Dispute")
    assert "Seller offers: $10.00" in (anna.screen or "")
    assert_every_callback_answered_once(harness.server)


async def test_a_push_about_a_dispute_cancelled_meanwhile_is_dropped(
    harness: BotHarness,
) -> None:
    dispute = await _open(harness)
    now = harness.clock.now()
    await dispute_sync.seller_offer(harness.uow(), dispute.id, 1000, False, "", now, RULES)
    await dispute_sync.post_message(
        harness.uow(), dispute.id, MessageSender.SELLER, "m-1", "Hello", (), now
    )
    await disputes.cancel(harness.uow(), dispute.buyer_id, dispute.id, now)
    sender, _ = make_sender(harness)

    assert (await sender.drain()).sent == 0
