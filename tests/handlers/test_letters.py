"""The message center shows all letters (en and ru): the correspondence of the buyer's
disputes from sellers and the platform, and sellers' replies to feedback, with unread counts
that opening the dispute or the feedback clears."""

from __future__ import annotations

import pytest

from bot.db.enums import DisputeReason, MessageSender, OrderStatus
from bot.fake_telegram import assert_every_callback_answered_once
from bot.services.disputes import buyer as disputes
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.feedback import buyer as feedback
from bot.services.feedback import sync as feedback_sync
from bot.services.feedback.rules import FeedbackRules, Ratings
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

TEXTS = {
    "en": {
        "home": "✉️ Messages (3)",
        "center": ["⚖️ Disputes (2)", "⭐ Feedback replies (1)"],
        "center_read": ["⚖️ Disputes", "⭐ Feedback replies"],
        "disputes": "⚖️ Letters in your disputes",
        "platform": "🏛 Platform: Please send a photo of the parcel",
        "replies": "⭐ Sellers' replies to your feedback",
        "status": "Status:",
        "reply": "💬 The seller's reply:\nSorry about the <lamp>!",
    },
    "ru": {
        "home": "✉️ Сообщения (3)",
        "center": ["⚖️ Споры (2)", "⭐ Ответы на отзывы (1)"],
        "center_read": ["⚖️ Споры", "⭐ Ответы на отзывы"],
        "disputes": "⚖️ Письма в ваших спорах",
        "platform": "🏛 Платформа: Please send a photo of the parcel",
        "replies": "⭐ Ответы продавцов на ваши отзывы",
        "status": "Статус:",
        "reply": "💬 Ответ продавца:\nSorry about the <lamp>!",
    },
}


async def _letters(harness: BotHarness, lang: str):
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, language_code=lang)
    shipped = await make_order(uow, user, now, status=OrderStatus.SHIPPED, days_ago=10)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never arrived", ())
    dispute = (
        await disputes.open_dispute(uow, user, shipped.id, spec, now, DisputeRules())
    ).dispute
    await dispute_sync.seller_offer(uow, dispute.id, 2000, False, "A part?", now, DisputeRules())
    await dispute_sync.post_message(
        uow,
        dispute.id,
        MessageSender.PLATFORM,
        "pl-1",
        "Please send a photo of the parcel",
        (),
        now,
    )
    lamp = await make_order(uow, user, now, status=OrderStatus.COMPLETED, title="Lamp")
    rules = FeedbackRules()
    await feedback.leave_feedback(uow, user.id, lamp.id, Ratings(2, 2, 2, 2), "", [], now, rules)
    await feedback_sync.seller_reply(uow, lamp.number, "Sorry about the <lamp>!", now)
    return shipped, lamp


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_dispute_letters_and_feedback_replies_are_in_the_message_center(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    shipped, lamp = await _letters(harness, lang)
    anna = harness.buyer(language_code=lang)
    await anna.send("/start")
    await anna.press(texts["home"])
    assert texts["center"] in anna.buttons

    await anna.press(texts["center"][0])
    screen = anna.screen or ""
    assert screen.startswith(texts["disputes"])
    assert f"№{shipped.number}" in screen and texts["platform"] in screen
    await anna.press(f"🔵 2 · №{shipped.number} · Bluetooth earbuds")
    assert texts["status"] in (anna.screen or "")  # the dispute card
    await anna.send("/messages")
    assert [texts["center_read"][0], texts["center"][1]] in anna.buttons

    await anna.press(texts["center"][1])
    assert (anna.screen or "").startswith(texts["replies"])
    assert "💬 Sorry about the <lamp>!" in (anna.screen or "")
    await anna.press(f"🔵 №{lamp.number} · Lamp")
    assert (anna.screen or "").endswith(texts["reply"])
    await anna.send("/messages")
    assert texts["center_read"] in anna.buttons
    assert_every_callback_answered_once(harness.server)
