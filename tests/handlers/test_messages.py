"""Messages with the seller: the conversation, writing, and what the marketplace hears."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.enums import OrderStatus
from bot.db.models import OutboundEvent
from bot.fake_telegram import assert_every_callback_answered_once
from bot.services.orders.sync import add_seller_message
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order


async def test_the_buyer_reads_the_seller_and_writes_back(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(
        harness.uow(), user, now, status=OrderStatus.SHIPPED, title="Lamp", shipped_days_ago=2
    )
    await add_seller_message(
        harness.uow(), order.number, "m-1", "Shipped <today>!", now - timedelta(hours=3), now
    )
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Lamp · $24.50")

    await anna.press("✉️ Chat with the seller")
    assert "🏪 Seller · Nov 26, 9:00\u202fAM\nShipped <today>!" in anna.screen

    await anna.press("✍️ Write to the seller")
    assert anna.screen.startswith("✍️ Type your message to the seller")
    await anna.send("Thanks! Is it <b>black</b>?")

    assert "👤 You · Nov 26, 12:00\u202fPM\nThanks! Is it <b>black</b>?" in anna.screen
    async with harness.uow() as uow:
        event = await uow.session.scalar(
            select(OutboundEvent).where(OutboundEvent.kind == "order.message_sent")
        )
    assert event.payload["text"] == "Thanks! Is it <b>black</b>?"
    assert event.payload["order_number"] == order.number
    assert_every_callback_answered_once(harness.server)


async def test_the_form_refuses_overlong_text_in_russian_and_cancels(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code="ru")
    await make_order(harness.uow(), user, now, title="Лампа")
    anna = harness.buyer(language_code="ru")
    await anna.send("/orders")
    await anna.press("💳 Лампа · 24,50\u00a0$")
    await anna.press("✉️ Написать продавцу")
    assert "Сообщений пока нет" in anna.screen
    await anna.press("✍️ Написать продавцу")

    await anna.send("x" * 2001)
    assert anna.screen == (
        "Слишком длинно: здесь помещается не больше 2\u00a0000 символов, а у вас 2\u00a0001. "
        "Сократите текст и отправьте его снова."
    )
    # Telegram counts an emoji as two units: 1,001 of them are over the limit too.
    await anna.send("🙂" * 1001)
    assert "а у вас 2\u00a0002" in anna.screen
    await anna.send("/cancel")
    assert anna.screen == "Отменено. Ничего не сохранено."


PHOTO = {"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}
STICKER = {
    "file_id": "s",
    "file_unique_id": "s",
    "type": "regular",
    "width": 512,
    "height": 512,
    "is_animated": False,
    "is_video": False,
}


async def test_the_buyer_sends_a_photo_with_a_caption_and_shows_the_photos(
    harness: BotHarness,
) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now)
    order = await make_order(
        harness.uow(), user, now, status=OrderStatus.SHIPPED, title="Lamp", shipped_days_ago=2
    )
    anna = harness.buyer()
    await anna.send("/orders")
    await anna.press("🚚 Lamp · $24.50")
    await anna.press("✉️ Chat with the seller")
    assert "📷 Show photos" not in sum(anna.buttons, [])
    await anna.press("✍️ Write to the seller")
    await anna.send_content({"sticker": STICKER})
    assert anna.screen == "Please send the message as text or a photo."

    await anna.send_content({"photo": [PHOTO], "caption": "Scratched <lid>"})

    assert "👤 You · Nov 26, 12:00\u202fPM\n📷 Scratched <lid>" in anna.screen
    async with harness.uow() as uow:
        event = await uow.session.scalar(
            select(OutboundEvent).where(OutboundEvent.kind == "order.message_sent")
        )
    assert (event.payload["text"], event.payload["photo_file_id"]) == ("Scratched <lid>", "p1")
    assert event.payload["order_number"] == order.number

    await anna.press("📷 Show photos")
    assert [call.params["photo"] for call in harness.server.calls_of("sendPhoto")] == ["p1"]
    assert anna.screen.startswith("✉️ Messages about order")
    assert ["📷 Show photos"] in anna.buttons
    assert_every_callback_answered_once(harness.server)


async def test_a_photo_without_a_caption_in_russian(harness: BotHarness) -> None:
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code="ru")
    await make_order(harness.uow(), user, now, title="Лампа")
    anna = harness.buyer(language_code="ru")
    await anna.send("/orders")
    await anna.press("💳 Лампа · 24,50\u00a0$")
    await anna.press("✉️ Написать продавцу")
    await anna.press("✍️ Написать продавцу")
    await anna.send_content({"sticker": STICKER})
    assert anna.screen == ru(harness, "Please send the message as text or a photo.")

    await anna.send_content({"photo": [PHOTO]})

    assert anna.screen.endswith("\n📷")
    await anna.press(ru(harness, "📷 Show photos"))
    assert [call.params["photo"] for call in harness.server.calls_of("sendPhoto")] == ["p1"]
    assert_every_callback_answered_once(harness.server)


def ru(harness: BotHarness, text: str) -> str:
    """The Russian words for a new English text (the translators add them to the catalogue)."""
    return harness.dispatcher["i18n"].gettext(text, locale="ru")
