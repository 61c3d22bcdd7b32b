"""How many SQL statements the message center's screens run, per press: a ceiling for each
(today's count), so a screen that starts reading more (a row loaded again, a query per list
item) fails here. Raise one only with a reason in the commit."""

from __future__ import annotations

from bot.db.enums import DisputeReason, MessageSender, NoticeFolder, OrderStatus
from bot.services.disputes import buyer as disputes
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.feedback import buyer as feedback
from bot.services.feedback import sync as feedback_sync
from bot.services.feedback.rules import FeedbackRules, Ratings
from bot.services.messages import center as message_center
from bot.services.messages.center import NoticeSpec
from bot.services.orders.sync import add_seller_message
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order
from tests.handlers.test_statement_counts import (
    _over,
    _press_counted,
    counting,
)


async def test_the_message_center_screens_stay_within_their_statements(
    harness: BotHarness,
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    for n in range(10):  # more than a page of conversations, from ten stores
        order = await make_order(uow, user, now, title=f"Lamp {n}", store_name=f"Store {n}")
        await add_seller_message(uow, order.number, f"m-{n}", f"Hello {n}", now, now)
        await add_seller_message(uow, order.number, f"n-{n}", f"Paid {n}?", now, now)
        spec = NoticeSpec(f"p-{n}", NoticeFolder.PROMOTION, f"s-Store {n}", f"Sale {n}", "50%")
        await message_center.add_notice(uow, user.id, spec, now)
    for n in range(2):  # a letter in a dispute and a reply to feedback, on lists of their own
        shipped = await make_order(uow, user, now, status=OrderStatus.SHIPPED, days_ago=10)
        claim = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never arrived", ())
        dispute = (
            await disputes.open_dispute(uow, user, shipped.id, claim, now, DisputeRules())
        ).dispute
        await dispute_sync.post_message(
            uow, dispute.id, MessageSender.PLATFORM, f"pl-{n}", "A photo?", (), now
        )
        done = await make_order(uow, user, now, status=OrderStatus.COMPLETED)
        five = Ratings(5, 5, 5, 5)
        await feedback.leave_feedback(uow, user.id, done.id, five, "", [], now, FeedbackRules())
        await feedback_sync.seller_reply(uow, done.number, "Thank you!", now)
    anna = harness.buyer()
    await anna.send("/start")

    with counting(harness) as command:
        await anna.send("/messages")
    pressed = {"/messages": command}
    pressed["Sellers"] = await _press_counted(harness, anna, "💬 Sellers (20)")
    pressed["a seller"] = await _press_counted(harness, anna, "🔵 2 · Store 9")
    pressed["Reply"] = await _press_counted(harness, anna, "✍️ Reply")
    with counting(harness) as reply:
        await anna.send("Thank you")
    pressed["the reply"] = reply
    pressed["Order conversation"] = await _press_counted(
        harness, anna, next(b for b in sum(anna.buttons, []) if b.startswith("✉️ Order №"))
    )
    pressed["Write"] = await _press_counted(harness, anna, "✍️ Write to the seller")
    with counting(harness) as written:
        await anna.send("Where is it?")
    pressed["the message"] = written
    await anna.send("/messages")
    pressed["Sellers again"] = await _press_counted(harness, anna, "💬 Sellers (18)")
    pressed["By order"] = await _press_counted(harness, anna, "📦 By order")
    pressed["By order, next"] = await _press_counted(harness, anna, "Next ▶️")
    await anna.send("/messages")
    pressed["Promotions"] = await _press_counted(harness, anna, "🏷 Promotions (10)")
    pressed["a promotion"] = await _press_counted(harness, anna, "🔵 Sale 9")
    pressed["Block ask"] = await _press_counted(harness, anna, "🚫 Block this seller")
    pressed["Block"] = await _press_counted(harness, anna, "🚫 Yes, block")
    await anna.send("/messages")
    pressed["Blocked sellers"] = await _press_counted(harness, anna, "🚫 Blocked sellers")
    pressed["Unblock"] = await _press_counted(harness, anna, "✅ Unblock Store 9")
    await anna.send("/messages")
    pressed["Disputes"] = await _press_counted(harness, anna, "⚖️ Disputes (2)")
    await anna.send("/messages")
    pressed["Feedback replies"] = await _press_counted(harness, anna, "⭐ Feedback replies (2)")

    ceilings = {
        "/messages": 6,  # the unread counts of every folder
        "Sellers": 2,
        "a seller": 4,
        "Reply": 3,
        "the reply": 6,
        "Order conversation": 4,
        "Write": 3,
        "the message": 6,
        "Sellers again": 2,
        "By order": 2,
        "By order, next": 2,
        "Promotions": 3,
        "a promotion": 4,
        "Block ask": 1,
        "Block": 5,
        "Blocked sellers": 2,
        "Unblock": 3,
        "Disputes": 3,
        "Feedback replies": 3,
    }
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    assert (anna.screen or "").startswith("⭐ Sellers' replies to your feedback")
    # A press on the conversation about an order reads the order once, the move and the
    # conversation shown after it.
    one_order = ("Order conversation", "Write", "the message")
    order_reads = {
        screen: sum(each.startswith("SELECT orders.id") for each in pressed[screen].seen)
        for screen in one_order
    }
    assert order_reads == dict.fromkeys(one_order, 1)
