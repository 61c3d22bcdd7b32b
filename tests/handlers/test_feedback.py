"""Feedback through the dispatcher: the Awaiting feedback list, the four star steps with text
and photos, bad input at each step, the review with Edit, the store's new rating, the one
addition within its window, forged buttons, and the seller's reply after the API call."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import update

from bot.api.app import build_api
from bot.api.metrics import Metrics
from bot.db.enums import OrderStatus
from bot.db.models import Order, Store, User
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import FeedbackAction, FeedbackCb, FeedbackFormAction, FeedbackFormCb
from bot.services.feedback import buyer as feedback
from bot.services.feedback.rules import FeedbackRules, Ratings
from tests.api.conftest import AUTH, TOKEN
from tests.conftest import BotHarness, make_settings
from tests.factories import make_buyer, make_order

DAY = timedelta(days=1)
STICKER: dict[str, Any] = {
    "sticker": {
        "file_id": "s1",
        "file_unique_id": "u1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
}
HEADER = "⭐ Feedback on order №{number}\n\n"
OVERALL = "How do you rate: Overall? Tap 1 (poor) to 5 (excellent) stars."
STARS_ROW = ["1⭐", "2⭐", "3⭐", "4⭐", "5⭐"]
NOT_AVAILABLE = "This order is not available. It may have been deleted."


def _photo(file_id: str) -> dict[str, Any]:
    sizes = [(90, f"{file_id}-s"), (1280, file_id)]
    return {
        "photo": [
            {"file_id": fid, "file_unique_id": f"u{fid}", "width": side, "height": side}
            for side, fid in sizes
        ]
    }


async def _anna_with_completed(harness: BotHarness, title: str = "Desk lamp") -> tuple[User, Order]:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now)
    order = await make_order(uow, user, now, status=OrderStatus.COMPLETED, title=title)
    return user, order


async def _left(harness: BotHarness, user: User, order: Order, text: str = "Fine") -> None:
    await feedback.leave_feedback(
        harness.uow(),
        user.id,
        order.id,
        Ratings(5, 4, 5, 4),
        text,
        ["p1"],
        harness.clock.now(),
        FeedbackRules(),
    )


async def test_the_seller_is_rated_in_four_steps_with_text_and_photos(harness: BotHarness) -> None:
    _user, order = await _anna_with_completed(harness)
    anna = harness.buyer()
    header = HEADER.format(number=order.number)

    await anna.send("/menu")
    await anna.press("⭐ Awaiting feedback (1)")
    assert anna.screen == (
        "⭐ Awaiting feedback\n\nRate the seller to help other buyers choose.\n\n"
        f"1. №{order.number} · Desk lamp\n    UGREEN Official Store\n"
        "    ⏳ Feedback closes on Dec 16, 2026"
    )
    await anna.press(f"⭐ №{order.number} · Desk lamp")
    assert anna.screen == header + OVERALL
    assert anna.buttons == [STARS_ROW, ["✖️ Cancel"]]

    await anna.send("five stars!")
    assert anna.screen == header + "⚠️ Please tap one of the star buttons.\n\n" + OVERALL
    await anna.press("5⭐")
    assert "Item as described?" in anna.screen
    assert anna.buttons == [STARS_ROW, ["⬅️ Back", "✖️ Cancel"]]
    await anna.press("⬅️ Back")
    assert anna.screen == header + OVERALL
    assert anna.buttons[0] == ["1⭐", "2⭐", "3⭐", "4⭐", "• 5⭐"]
    await anna.press("• 5⭐")
    await anna.press("4⭐")
    await anna.send_content(STICKER)
    assert "⚠️ Please tap one of the star buttons." in anna.screen
    assert "Communication?" in anna.screen
    await anna.press("5⭐")
    assert "Shipping speed?" in anna.screen
    await anna.press("3⭐")

    assert anna.screen == header + (
        "Tell other buyers about the item and the seller (or tap Skip)."
    )
    await anna.send_content(STICKER)
    assert "⚠️ Please send your feedback as text, or tap Skip." in anna.screen
    await anna.send("Bright & <b>warm</b> light")

    photos_ask = "Send up to 5 photos, one by one; tap Done when finished."
    assert anna.screen == header + photos_ask
    assert anna.buttons == [["⏭ Skip"], ["⬅️ Back", "✖️ Cancel"]]
    await anna.send_content(STICKER)
    assert (
        anna.screen == header + "⚠️ Please send a photo, or tap the button below.\n\n" + photos_ask
    )
    await anna.send("here is a photo")
    assert "⚠️ Please send a photo" in anna.screen
    await anna.send_content(_photo("ph-1"))
    await anna.send_content(_photo("ph-2"))
    assert anna.screen == header + photos_ask + "\nAdded: 2 of 5"
    assert anna.buttons == [["✅ Done"], ["⬅️ Back", "✖️ Cancel"]]
    await anna.press("✅ Done")

    assert anna.screen == header + (
        "Check your feedback before sending it:\n\n"
        "Overall: ★★★★★\nItem as described: ★★★★☆\nCommunication: ★★★★★\n"
        "Shipping speed: ★★★☆☆\n\n✍️ Bright & <b>warm</b> light\n📷 2 photos"
    )
    assert anna.buttons == [["✅ Submit"], ["✏️ Edit", "✖️ Cancel"]]
    await anna.press("✏️ Edit")
    assert anna.buttons == [["⭐ Ratings"], ["✍️ Text"], ["📷 Photos"], ["⬅️ Back"]]
    await anna.press("✍️ Text")
    await anna.send("Bright, warm light")
    assert "✍️ Bright, warm light\n📷 2 photos" in anna.screen
    await anna.press("✏️ Edit")
    await anna.press("⭐ Ratings")
    for stars in ("4⭐", "• 4⭐", "• 5⭐", "• 3⭐"):
        await anna.press(stars)
    assert "Overall: ★★★★☆\nItem as described: ★★★★☆" in anna.screen

    await anna.press("✅ Submit")
    assert anna.screen == (
        "🙏 Thank you for your feedback!\n\nUGREEN Official Store\n"
        "⭐ 4.0 · 100% positive · 1 rating"
    )
    assert anna.buttons == [["⭐ My feedback"], ["🏠 My cabinet"]]
    await anna.press("⭐ My feedback")
    assert anna.screen.startswith(
        f"⭐ My feedback on order №{order.number}\nStore: UGREEN Official Store\n"
        "Left on Nov 26, 2026\n\nOverall: ★★★★☆\n"
    )
    assert "✍️ Bright, warm light\n📷 2 photos\n\n" in anna.screen
    assert anna.screen.endswith("You can add to this feedback once, until Apr 25, 2027.")

    await anna.send("/feedback")
    assert anna.screen == (
        "⭐ Awaiting feedback\n\nNo orders are awaiting your feedback. Thank you!"
    )
    assert_every_callback_answered_once(harness.server)


async def test_cancel_leaves_nothing_and_stale_form_buttons_say_so(harness: BotHarness) -> None:
    _user, order = await _anna_with_completed(harness)
    anna = harness.buyer()
    await anna.send("/feedback")
    await anna.press(f"⭐ №{order.number} · Desk lamp")
    await anna.press("5⭐")

    await anna.press("✖️ Cancel")

    assert anna.last_answer is not None
    assert anna.last_answer["text"] == "Cancelled. Nothing was saved."
    assert anna.screen.startswith("⭐ Awaiting feedback\n\nRate the seller")
    await anna.press_data(FeedbackFormCb(action=FeedbackFormAction.SUBMIT).pack())
    assert anna.last_answer["text"] == (
        "This button is out of date. Open the cabinet again with /menu."
    )
    assert anna.screen.startswith("⭐ Awaiting feedback")
    assert_every_callback_answered_once(harness.server)


async def test_the_order_card_shows_the_store_rating_and_the_feedback_button(
    harness: BotHarness,
) -> None:
    user, order = await _anna_with_completed(harness)
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press(anna.buttons[2][0])
    assert "Store: UGREEN Official Store\nPlaced:" in anna.screen  # no ratings yet: no line
    assert ["⭐ Leave feedback"] in anna.buttons

    async with harness.database.session_factory() as session:
        await session.execute(
            update(Store).values(rating_average=4.8, rating_positive_share=0.96, rating_count=1234)
        )
        await session.commit()
    await anna.press("⬅️ Back")
    await anna.press(anna.buttons[2][0])
    assert "Store: UGREEN Official Store\n⭐ 4.8 · 96% positive · 1,234 ratings\n" in anna.screen

    await anna.press("⭐ Leave feedback")
    assert anna.screen == HEADER.format(number=order.number) + OVERALL
    assert_every_callback_answered_once(harness.server)
    assert user.id

    harness.clock.advance(timedelta(days=31))  # the feedback window (30 days) has closed
    await anna.send("/orders")
    await anna.press(anna.buttons[2][0])
    assert "Store: UGREEN Official Store" in anna.screen  # the same order's card
    assert ["⭐ Leave feedback"] not in anna.buttons


async def test_the_rating_line_uses_the_buyers_locale(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, language_code="ru")
    await make_order(uow, user, now, status=OrderStatus.COMPLETED, title="Лампа")
    async with harness.database.session_factory() as session:
        await session.execute(
            update(Store).values(rating_average=4.8, rating_positive_share=0.96, rating_count=1234)
        )
        await session.commit()
    anna = harness.buyer(language_code="ru")

    await anna.send("/orders")
    await anna.press(anna.buttons[2][0])

    assert "4,8" in anna.screen and "96\xa0%" in anna.screen and "1\xa0234" in anna.screen
    assert anna.buttons[-1] == ["⬅️ Назад", "🏠 Мой кабинет"]
    assert_every_callback_answered_once(harness.server)


async def test_one_addition_within_the_window_then_refused_with_the_date(
    harness: BotHarness,
) -> None:
    user, order = await _anna_with_completed(harness)
    later = await make_order(
        harness.uow(), user, harness.clock.now(), status=OrderStatus.COMPLETED, title="Cable"
    )
    await _left(harness, user, order)
    await _left(harness, user, later)
    anna = harness.buyer()
    harness.clock.advance(149 * DAY)
    await anna.send("/feedback")

    await anna.press_data(FeedbackCb(action=FeedbackAction.OPEN, order_id=order.id).pack())
    await anna.press("➕ Add to my feedback")
    assert anna.screen == (
        f"➕ Addition to your feedback on order №{order.number}\n\n"
        "Tell other buyers about the item and the seller (or tap Skip)."
    )
    await anna.send("Still works after five months")
    await anna.press("⏭ Skip")
    assert "✍️ Still works after five months\n📷 0 photos" in anna.screen
    assert "Overall" not in anna.screen
    await anna.press("✅ Submit")

    assert anna.last_answer["text"] == "🙏 Your addition is saved and shown with your feedback."
    assert "➕ Added on Apr 24, 2027:\n✍️ Still works after five months\n📷 0 photos" in (
        anna.screen
    )
    assert anna.buttons == [["📦 Open order", "📝 My feedback"], ["🏠 My cabinet"]]
    await anna.press_data(FeedbackCb(action=FeedbackAction.ADD, order_id=order.id).pack())
    assert anna.last_answer["text"] == (
        "You have already added to this feedback; it can be done only once."
    )

    harness.clock.advance(2 * DAY)
    await anna.press_data(FeedbackCb(action=FeedbackAction.OPEN, order_id=later.id).pack())
    assert "You can add" not in anna.screen
    await anna.press("➕ Add to my feedback")
    assert anna.last_answer["text"] == "The time for this ended on Apr 25, 2027."
    assert anna.last_answer["show_alert"] in (True, "true")
    assert_every_callback_answered_once(harness.server)


async def test_another_buyers_order_is_not_available(harness: BotHarness) -> None:
    user, order = await _anna_with_completed(harness)
    await _left(harness, user, order)
    boris = harness.buyer(2002, name="Boris")
    await make_buyer(harness.uow(), 2002, harness.clock.now(), name="Boris")
    await boris.send("/feedback")

    for action in FeedbackAction:
        await boris.press_data(FeedbackCb(action=action, order_id=order.id).pack())
        assert boris.last_answer["text"] == NOT_AVAILABLE
    assert boris.screen.startswith("⭐ Awaiting feedback\n\nNo orders")
    assert_every_callback_answered_once(harness.server)


async def test_the_sellers_reply_is_shown_after_the_api_call(harness: BotHarness) -> None:
    user, order = await _anna_with_completed(harness)
    await _left(harness, user, order, "Nice lamp")
    api = build_api(
        make_settings(api_token=TOKEN), harness.database.session_factory, harness.clock, Metrics()
    )
    async with TestClient(TestServer(api)) as client:
        response = await client.post(
            f"/api/v1/orders/{order.number}/feedback/reply",
            json={"text": "Thank you, Anna!"},
            headers=AUTH,
        )
        assert response.status == 200

    anna = harness.buyer()
    await anna.send("/feedback")
    await anna.press_data(FeedbackCb(action=FeedbackAction.OPEN, order_id=order.id).pack())

    assert anna.screen.endswith("💬 The seller's reply:\nThank you, Anna!")
    await anna.press("📦 Open order")
    assert ["⭐ My feedback"] in anna.buttons
    assert_every_callback_answered_once(harness.server)


async def test_a_russian_buyer_gets_russian_dates_and_numbers(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, language_code="ru")
    order = await make_order(uow, user, now, status=OrderStatus.COMPLETED, title="Лампа")
    anna = harness.buyer(language_code="ru")

    await anna.send("/feedback")
    assert "16 дек. 2026" in anna.screen
    assert "Оцените продавца — это поможет другим покупателям с выбором." in anna.screen
    await anna.press(f"⭐ №{order.number} · Лампа")
    await anna.send("пять")
    for stars in ("5⭐", "5⭐", "4⭐", "5⭐"):
        await anna.press(stars)
    await anna.send("Отличная лампа")
    await anna.send_content(_photo("ph-1"))
    await anna.send_content(STICKER)
    assert anna.screen.count("⚠️") == 1
    assert len(anna.buttons) == 2
    await anna.press(anna.buttons[0][0])  # Done
    await anna.press(anna.buttons[0][0])  # Submit

    assert "⭐ 5,0 · 100\xa0%" in anna.screen
    assert anna.buttons[-1] == ["🏠 Мой кабинет"]
    assert_every_callback_answered_once(harness.server)
