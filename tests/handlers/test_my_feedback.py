"""The "My feedback" tab (en and ru): every feedback the buyer has left, paged, newest first,
each opening its card (stars, text, photos, addition, the seller's reply); the Awaiting
feedback list stays its own tab, and home always leads to one of them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.db.enums import OrderStatus
from bot.fake_telegram import assert_every_callback_answered_once
from bot.services.feedback import buyer as feedback
from bot.services.feedback import sync as feedback_sync
from bot.services.feedback.rules import FeedbackRules, Ratings
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

TEXTS = {
    "en": {
        "tab": "📝 My feedback",
        "title": "📝 My feedback",
        "empty": "You have not left any feedback yet.",
        "awaiting": "⭐ Awaiting feedback (1)",
        "awaiting_title": "⭐ Awaiting feedback",
        "next": "Next ▶️",
        "previous": "◀️ Previous",
        "page": "Page 2 of 2",
        "replied": "💬 the seller replied",
        "addition": "➕ addition",
        "card": "⭐ My feedback on order №",
        "reply": "💬 The seller's reply:\nThank you, <Anna>!",
    },
    "ru": {
        "tab": "📝 Мои отзывы",
        "title": "📝 Мои отзывы",
        "empty": "Вы ещё не оставили ни одного отзыва.",
        "awaiting": "⭐ Ждут отзыва (1)",
        "awaiting_title": "⭐ Ждут отзыва",
        "next": "Следующая ▶️",
        "previous": "◀️ Предыдущая",
        "page": "Страница 2 из 2",
        "replied": "💬 продавец ответил",
        "addition": "➕ дополнение",
        "card": "⭐ Мой отзыв о заказе №",
        "reply": "💬 Ответ продавца:\nThank you, <Anna>!",
    },
}


async def _six_feedbacks(harness: BotHarness, lang: str):
    """Six completed orders with feedback (the newest has photos, an addition and a reply),
    and a seventh still awaiting feedback."""
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code=lang)
    orders = []
    for index in range(6):
        order = await make_order(
            harness.uow(), user, now, status=OrderStatus.COMPLETED, title=f"Lamp {index}"
        )
        await feedback.leave_feedback(
            harness.uow(),
            user.id,
            order.id,
            Ratings(index % 5 + 1, 4, 5, 4),
            f"Review {index}",
            ["p1", "p2"] if index == 5 else [],
            now + timedelta(minutes=index),
            FeedbackRules(),
        )
        orders.append(order)
    newest = orders[-1]
    later = now + timedelta(hours=1)
    await feedback.add_additional(
        harness.uow(), user.id, newest.id, "Still fine", ["p3"], later, FeedbackRules()
    )
    await feedback_sync.seller_reply(harness.uow(), newest.number, "Thank you, <Anna>!", later)
    await make_order(harness.uow(), user, now, status=OrderStatus.COMPLETED, title="Waiting")
    return orders


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_my_feedback_lists_all_feedback_left_paged_and_opens_each(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    orders = await _six_feedbacks(harness, lang)
    anna = harness.buyer(language_code=lang)
    await anna.send("/feedback")
    assert (anna.screen or "").startswith(texts["awaiting_title"])
    await anna.press(texts["tab"])

    screen = anna.screen or ""
    assert screen.startswith(texts["title"])
    newest = orders[-1]
    assert f"1. №{newest.number} · Lamp 5" in screen
    assert "✍️ Review 5" in screen
    assert f"📷 3 · {texts['addition']} · {texts['replied']}" in screen
    assert "Lamp 0" not in screen  # five on a page, newest first
    assert anna.buttons[0] == [f"⭐1 · №{newest.number} · Lamp 5"]
    assert [texts["awaiting"]] in anna.buttons

    await anna.press(texts["next"])
    assert f"6. №{orders[0].number} · Lamp 0" in (anna.screen or "")
    assert texts["page"] in (anna.screen or "")

    await anna.press(texts["previous"])
    await anna.press(f"⭐1 · №{newest.number} · Lamp 5")
    card = anna.screen or ""
    assert card.startswith(texts["card"] + newest.number)
    assert "Review 5" in card and "Still fine" in card
    assert card.endswith(texts["reply"])
    await anna.press(texts["tab"])  # back to the list from the card
    assert (anna.screen or "").startswith(texts["title"])
    await anna.press(texts["awaiting"])
    assert (anna.screen or "").startswith(texts["awaiting_title"])
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_home_leads_to_my_feedback_when_nothing_awaits_it(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    await make_buyer(harness.uow(), 1001, harness.clock.now(), language_code=lang)
    anna = harness.buyer(language_code=lang)
    await anna.send("/start")
    await anna.press(texts["tab"])
    assert anna.screen == f"{texts['title']}\n\n{texts['empty']}"
    assert_every_callback_answered_once(harness.server)
