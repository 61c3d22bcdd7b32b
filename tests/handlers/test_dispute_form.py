"""Opening a dispute from the order card through the dispatcher: the whole form with a bad
amount and a short description, editing from the review, and ineligible or forged buttons."""

from __future__ import annotations

from bot.db.enums import OrderStatus
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import DisputeStartCb
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

PHOTO = {"photo": [{"file_id": "AgAC-box", "file_unique_id": "u-box", "width": 90, "height": 90}]}


async def test_buyer_opens_a_dispute_through_the_whole_form(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    order = await make_order(uow, user, now, status=OrderStatus.SHIPPED, days_ago=10)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Bluetooth earbuds · $24.50")
    assert ["⚖️ Open dispute"] in anna.buttons

    await anna.press("⚖️ Open dispute")
    assert f"Open a dispute · order №{order.number}" in (anna.screen or "")
    assert "What went wrong?" in (anna.screen or "")
    assert anna.buttons[:2] == [["Not received"], ["Not as described"]]
    await anna.press("Not as described")
    assert "You paid $24.50." in (anna.screen or "")
    await anna.press("✂️ Partial refund")
    await anna.send("twelve")
    assert "That is not an amount." in (anna.screen or "")
    await anna.send("30")
    assert "The refund must be more than zero and at most $24.50, what you paid." in (
        anna.screen or ""
    )
    await anna.send("0")
    assert "at most $24.50" in (anna.screen or "")
    await anna.send("12,50")
    assert "Will you return the goods to the seller?" in (anna.screen or "")
    await anna.press("📦 Yes, I will return them")
    await anna.send("short")
    assert "Describe the problem in at least 10 characters." in (anna.screen or "")
    await anna.send("The parcel never arrived, tracking stopped in Shenzhen.")
    assert anna.buttons[0] == ["⏭ Skip"]
    await anna.send_content(PHOTO)
    assert "📎 1 file attached." in (anna.screen or "")
    await anna.press("✅ Done")

    review = anna.screen or ""
    assert "Reason: Not as described" in review
    assert "Refund: $12.50" in review
    assert "Return the goods: yes" in review
    assert "Evidence: 1 file" in review
    assert "tracking stopped in Shenzhen" in review
    await anna.press("✏️ Refund")
    await anna.press("💯 Full refund: $24.50")
    assert "Refund: $24.50 (full refund)" in (anna.screen or "")

    await anna.press("📨 Submit the dispute")
    card = anna.screen or ""
    assert f"Dispute about order №{order.number}" in card
    assert "Status: ⏳ Waiting for the seller" in card
    assert "You ask: $24.50 of $24.50 paid · you return the goods" in card
    assert "Seller offers: no offer yet" in card
    assert "The seller must answer by Dec 1, 12:00\u202fPM (in 5 days)" in card
    assert "👤 You · Nov 26, 12:00\u202fPM · 📎 1 file" in card
    assert anna.buttons[:3] == [
        ["✍️ Add a message or evidence"],
        ["✖️ Cancel the dispute"],
        ["📄 Export evidence"],
    ]
    await anna.press("📦 Open order")
    assert "⚖️ Dispute: ⏳ Waiting for the seller" in (anna.screen or "")
    assert ["⚖️ Dispute"] in anna.buttons and ["⚖️ Open dispute"] not in anna.buttons
    assert_every_callback_answered_once(harness.server)


async def test_unshipped_order_has_no_dispute_button_and_a_forged_one_says_why(
    harness: BotHarness,
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    order = await make_order(uow, user, now, status=OrderStatus.AWAITING_SHIPMENT)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("📦 Bluetooth earbuds · $24.50")
    assert all("dispute" not in text for row in anna.buttons for text in row)

    await anna.press_data(DisputeStartCb(order_id=order.id).pack())

    answer = anna.last_answer or {}
    assert answer.get("show_alert") in (True, "true")
    assert answer.get("text", "").startswith("The seller has not shipped this order yet.")
    assert_every_callback_answered_once(harness.server)


async def test_forged_dispute_button_in_russian_refuses_with_the_reason(
    harness: BotHarness,
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, language_code="ru")
    order = await make_order(uow, user, now, status=OrderStatus.AWAITING_SHIPMENT)
    anna = harness.buyer(language_code="ru")
    await anna.send("/orders")

    await anna.press_data(DisputeStartCb(order_id=order.id).pack())

    text = (anna.last_answer or {}).get("text", "")
    assert text.startswith("Продавец ещё не отправил")
    assert_every_callback_answered_once(harness.server)


async def test_not_received_skips_the_return_question_and_back_works_on_every_step(
    harness: BotHarness,
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    order = await make_order(uow, user, now, status=OrderStatus.SHIPPED, days_ago=10)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Bluetooth earbuds · $24.50")
    await anna.press("⚖️ Open dispute")
    assert anna.buttons[-1] == ["⬅️ Back", "✖️ Cancel"]
    await anna.press("Not received")
    assert anna.buttons[-1] == ["⬅️ Back", "✖️ Cancel"]
    await anna.press("💯 Full refund: $24.50")
    # Nothing to send back when nothing arrived: straight to the description.
    assert "Will you return the goods" not in (anna.screen or "")
    assert "Describe the problem" in (anna.screen or "")
    assert anna.buttons[-1] == ["⬅️ Back", "✖️ Cancel"]
    await anna.send("The parcel never arrived, tracking stopped in Shenzhen.")
    assert anna.buttons[-1] == ["⬅️ Back", "✖️ Cancel"]
    await anna.press("⏭ Skip")
    review = anna.screen or ""
    assert "Reason: Not received" in review and "Return the goods" not in review
    assert ["✏️ Return"] not in anna.buttons and all("✏️ Return" not in r for r in anna.buttons)

    # Back walks the steps in reverse, skipping the return question here too.
    await anna.press("⬅️ Back")
    assert "Send photos or videos" in (anna.screen or "")
    await anna.press("⬅️ Back")
    assert "Describe the problem" in (anna.screen or "")
    await anna.press("⬅️ Back")
    assert "How much do you ask back?" in (anna.screen or "")
    await anna.press("✂️ Partial refund")
    await anna.press("⬅️ Back")
    assert "How much do you ask back?" in (anna.screen or "")
    await anna.press("⬅️ Back")
    assert "What went wrong?" in (anna.screen or "")

    # Another reason has goods in hand: the question comes back.
    await anna.press("Damaged")
    await anna.press("💯 Full refund: $24.50")
    assert "Will you return the goods to the seller?" in (anna.screen or "")
    await anna.press("⬅️ Back")
    await anna.press("⬅️ Back")
    await anna.press("⬅️ Back")
    # Back from the first step leads to the order, and the form is left.
    assert f"№{order.number}" in (anna.screen or "") and ["⚖️ Open dispute"] in anna.buttons
    assert_every_callback_answered_once(harness.server)
