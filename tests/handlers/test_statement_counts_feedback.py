"""How many SQL statements the feedback screens run, per press: a ceiling for each (today's
count), so a screen that starts reading more (a row loaded again, a query per list item)
fails here. Raise one only with a reason in the commit."""

from __future__ import annotations

from datetime import timedelta

from bot.db.enums import OrderStatus
from bot.services.feedback import buyer as feedback
from bot.services.feedback import sync as feedback_sync
from bot.services.feedback.rules import FeedbackRules, Ratings
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order
from tests.handlers.test_statement_counts import (
    Statements,
    _over,
    _press_counted,
    counting,
)


def _order_reads(statements: Statements) -> int:
    return sum(each.startswith("SELECT orders.id") for each in statements.seen)


async def test_the_feedback_screens_stay_within_their_statements(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    rated = []
    for n in range(7):  # more than a page of each list, so a query per item would show
        await make_order(uow, user, now, status=OrderStatus.COMPLETED, title=f"Lamp {n}")
        order = await make_order(uow, user, now, status=OrderStatus.COMPLETED, title=f"Desk {n}")
        await feedback.leave_feedback(
            uow, user.id, order.id, Ratings(5, 4, 5, 4), "Fine", ["p1"], now, FeedbackRules()
        )
        rated.append(order)
    await feedback_sync.seller_reply(uow, rated[-1].number, "Thank you!", now)
    harness.clock.advance(timedelta(hours=1))
    anna = harness.buyer()
    await anna.send("/start")

    with counting(harness) as command:
        await anna.send("/feedback")
    pressed = {"/feedback": command}
    pressed["Next page"] = await _press_counted(harness, anna, "Next ▶️")
    pressed["My feedback"] = await _press_counted(harness, anna, "📝 My feedback")
    newest = next(b for b in sum(anna.buttons, []) if "Desk 6" in b)
    pressed["feedback card"] = await _press_counted(harness, anna, newest)
    pressed["Add to my feedback"] = await _press_counted(harness, anna, "➕ Add to my feedback")
    await anna.send("Still works")
    await anna.press("⏭ Skip")
    pressed["Submit addition"] = await _press_counted(harness, anna, "✅ Submit")
    await anna.send("/feedback")
    first = next(b for b in sum(anna.buttons, []) if "Lamp" in b)
    pressed["Rate"] = await _press_counted(harness, anna, first)
    for _ in range(4):
        await anna.press("5⭐")
    await anna.press("⏭ Skip")
    await anna.press("⏭ Skip")
    pressed["Submit feedback"] = await _press_counted(harness, anna, "✅ Submit")

    ceilings = {
        "/feedback": 3,
        "Next page": 3,
        "My feedback": 5,
        "feedback card": 6,
        "Add to my feedback": 3,
        "Submit addition": 7,
        "Rate": 2,
        "Submit feedback": 11,
    }
    assert _over(pressed, ceilings) == {}, f"more statements than the ceilings {ceilings}"
    assert (anna.screen or "").startswith("🙏 Thank you for your feedback!")
    # A press on one order's feedback reads the order once, the move and the screen after it.
    one_order = (
        "feedback card",
        "Add to my feedback",
        "Submit addition",
        "Rate",
        "Submit feedback",
    )
    order_reads = {screen: _order_reads(pressed[screen]) for screen in one_order}
    assert order_reads == dict.fromkeys(one_order, 1)
