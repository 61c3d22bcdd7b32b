"""After-sale pushes through the sender: a seller's reply to feedback, a promotion, and a
blocked seller dropped at delivery even when the push was queued before the block."""

from __future__ import annotations

from bot.db.enums import (
    ComplaintReason,
    ComplaintStatus,
    ComplaintTarget,
    NoticeFolder,
    OrderStatus,
)
from bot.services import complaints
from bot.services.feedback import buyer as feedback
from bot.services.feedback import sync as feedback_sync
from bot.services.feedback.rules import FeedbackRules, Ratings
from bot.services.messages import center as message_center
from bot.services.messages.center import NoticeSpec
from bot.services.orders import sync as order_sync
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order
from tests.notify.test_sender import make_sender


async def test_a_seller_reply_to_feedback_is_pushed_with_the_order_button(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(harness.uow(), user, now, status=OrderStatus.COMPLETED)
    await feedback.leave_feedback(
        harness.uow(), user.id, order.id, Ratings(5, 5, 5, 5), "", [], now, FeedbackRules()
    )
    await feedback_sync.seller_reply(harness.uow(), order.number, "Thank you, <Anna>!", now)
    sender, _ = make_sender(harness)

    assert (await sender.drain()).sent == 1

    anna = harness.buyer()
    assert anna.screen == (
        f"💬 The seller replied to your feedback on order №{order.number} (Bluetooth earbuds):"
        "\n\nThank you, <Anna>!"
    )
    assert anna.buttons == [["📦 Open order"], ["🔕 Turn these off"]]


async def test_a_block_after_queueing_drops_the_seller_message_and_the_promotion(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, external_id="b-1")
    order = await make_order(harness.uow(), user, now, status=OrderStatus.SHIPPED)
    await order_sync.add_seller_message(harness.uow(), order.number, "m1", "Hi", now, now)
    promo = NoticeSpec("p-1", NoticeFolder.PROMOTION, "s-UGREEN Official Store", "Sale", "-50%")
    await message_center.add_notice(harness.uow(), user.id, promo, now)
    await message_center.block_store(harness.uow(), user.id, order.store_id, now)
    sender, _ = make_sender(harness)

    result = await sender.drain()

    assert result.sent == 0


async def test_a_promotion_and_a_complaint_decision_are_pushed(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, external_id="b-1")
    order = await make_order(harness.uow(), user, now)
    promo = NoticeSpec("p-1", NoticeFolder.PROMOTION, "s-UGREEN Official Store", "Sale", "-50% <b>")
    await message_center.add_notice(harness.uow(), user.id, promo, now)
    sender, _ = make_sender(harness)
    assert (await sender.drain()).sent == 1
    anna = harness.buyer()
    assert anna.screen == "🏷 UGREEN Official Store: Sale\n-50% <b>"
    assert anna.buttons == [["🏠 My cabinet"], ["🔕 Turn these off"]]

    filed = await complaints.file_complaint(
        harness.uow(),
        user.id,
        ComplaintTarget.STORE,
        order.store_id,
        ComplaintReason.SPAM,
        "",
        True,
        now,
    )
    await complaints.change_status(harness.uow(), filed.id, ComplaintStatus.UPHELD, "Removed", now)
    assert (await sender.drain()).sent == 1
    assert harness.buyer().screen == (  # it names what it is about
        "🚩 Your complaint about store “UGREEN Official Store”: upheld.\nRemoved"
    )
