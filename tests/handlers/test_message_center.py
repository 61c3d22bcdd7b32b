"""The message center: folders with unread counts, a seller's conversation read and answered,
promotions and notices, blocking and unblocking a seller, forged buttons."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.enums import NoticeFolder
from bot.db.models import OutboundEvent
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import ChatAction, NoticeCb, StoreChatCb
from bot.services.messages import center as message_center
from bot.services.messages.center import NoticeSpec
from bot.services.orders.sync import add_seller_message
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order
from tests.notify.test_sender import make_sender

STORE = "UGREEN Official Store"


def promotion(external_id: str, title: str, store: str = STORE) -> NoticeSpec:
    return NoticeSpec(external_id, NoticeFolder.PROMOTION, f"s-{store}", title, "Up to 50% off")


def platform_notice(external_id: str, title: str) -> NoticeSpec:
    return NoticeSpec(external_id, NoticeFolder.PLATFORM, None, title, "Read the new <rules>.")


async def _two_sellers(harness: BotHarness, language_code: str = "en"):
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code=language_code)
    lamp = await make_order(harness.uow(), user, now, title="Lamp")
    desk = await make_order(harness.uow(), user, now, title="Desk", store_name="Desk World")
    await add_seller_message(harness.uow(), lamp.number, "m-1", "Hi <there>", now, now)
    await add_seller_message(harness.uow(), lamp.number, "m-2", "Paid?", now, now)
    await add_seller_message(harness.uow(), desk.number, "d-1", "Colour?", now, now)
    return user, lamp, desk


async def test_folders_show_unread_counts_and_opening_a_seller_marks_it_read(
    harness: BotHarness,
) -> None:
    user, lamp, _ = await _two_sellers(harness)
    now = harness.clock.now()
    await message_center.add_notice(harness.uow(), user.id, promotion("p-1", "Sale"), now)
    await message_center.add_notice(harness.uow(), user.id, platform_notice("n-1", "Rules"), now)
    anna = harness.buyer()

    await anna.send("/start")
    assert ["✉️ Messages (5)"] in anna.buttons
    await anna.press("✉️ Messages (5)")
    assert anna.screen == "✉️ Message center\n\nUnread: 5"
    assert anna.buttons[:2] == [["💬 Sellers (3)"], ["🏷 Promotions (1)", "📢 Notices (1)"]]

    await anna.press("💬 Sellers (3)")
    assert anna.buttons[:2] == [["🔵 1 · Desk World"], ["🔵 2 · UGREEN Official Store"]]
    await anna.press("🔵 2 · UGREEN Official Store")
    assert anna.screen.startswith("💬 UGREEN Official Store")
    assert anna.screen.index("Hi <there>") < anna.screen.index("Paid?")
    assert [f"✉️ Order №{lamp.number}"] in anna.buttons

    await anna.press("⬅️ Back")
    assert anna.buttons[:2] == [["🔵 1 · Desk World"], ["UGREEN Official Store"]]
    await anna.press("⬅️ Back")
    assert anna.buttons[0] == ["💬 Sellers (1)"]

    await anna.press("🏷 Promotions (1)")
    await anna.press("🔵 Sale")
    assert anna.screen.startswith("🏷 UGREEN Official Store\nSale")
    await anna.press("⬅️ Back")
    assert anna.buttons[0] == ["Sale"]
    await anna.press("⬅️ Back")
    await anna.press("📢 Notices (1)")
    await anna.press("🔵 Rules")
    assert anna.screen.endswith("Read the new <rules>.")
    assert_every_callback_answered_once(harness.server)


def ru(harness: BotHarness, text: str) -> str:
    """The Russian words for a new English text (the translators add them to the catalogue)."""
    return harness.dispatcher["i18n"].gettext(text, locale="ru")


async def test_a_reply_goes_to_the_seller_in_russian(harness: BotHarness) -> None:
    _, lamp, _ = await _two_sellers(harness, "ru")
    anna = harness.buyer(language_code="ru")

    await anna.send("/messages")
    assert anna.screen == ru(harness, "✉️ <b>Message center</b>\n\nUnread: {count}").format(
        count=3
    ).replace("<b>", "").replace("</b>", "")
    assert anna.buttons[-1] == ["🏠 Мой кабинет"]
    await anna.press(ru(harness, "💬 Sellers") + " (3)")
    await anna.press("🔵 2 · UGREEN Official Store")
    await anna.press(ru(harness, "✍️ Reply"))
    await anna.send("Да, <оплачено>")

    assert "✅ Отправлено продавцу." in [m.text for m in harness.server.messages_in(1001)][-2:]
    assert anna.screen.endswith("Да, <оплачено>")
    async with harness.uow() as uow:
        event = await uow.session.scalar(
            select(OutboundEvent).where(OutboundEvent.kind == "order.message_sent")
        )
    assert (event.payload["order_number"], event.payload["text"]) == (lamp.number, "Да, <оплачено>")
    assert_every_callback_answered_once(harness.server)


async def test_a_photo_reply_goes_to_the_seller_and_the_photos_show_in_russian(
    harness: BotHarness,
) -> None:
    _, lamp, _ = await _two_sellers(harness, "ru")
    anna = harness.buyer(language_code="ru")
    await anna.send("/messages")
    await anna.press(ru(harness, "💬 Sellers") + " (3)")
    await anna.press("🔵 2 · UGREEN Official Store")
    assert ru(harness, "📷 Show photos") not in sum(anna.buttons, [])
    await anna.press(ru(harness, "✍️ Reply"))

    photo = {"file_id": "p1", "file_unique_id": "u1", "width": 90, "height": 90}
    await anna.send_content({"photo": [photo], "caption": "Вот <царапина>"})

    assert "✅ Отправлено продавцу." in [m.text for m in harness.server.messages_in(1001)][-2:]
    assert anna.screen.endswith("\n📷 Вот <царапина>")
    async with harness.uow() as uow:
        event = await uow.session.scalar(
            select(OutboundEvent).where(OutboundEvent.kind == "order.message_sent")
        )
    assert (event.payload["order_number"], event.payload["photo_file_id"]) == (lamp.number, "p1")
    assert event.payload["text"] == "Вот <царапина>"

    await anna.press(ru(harness, "📷 Show photos"))
    assert [call.params["photo"] for call in harness.server.calls_of("sendPhoto")] == ["p1"]
    assert anna.screen.startswith("💬 UGREEN Official Store")
    await anna.press(ru(harness, "⬅️ Back"))
    assert "\n📷 Вот <царапина>" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_the_photos_of_a_stranger_store_are_not_shown(harness: BotHarness) -> None:
    await _two_sellers(harness)
    anna = harness.buyer()
    await anna.send("/messages")
    await anna.press_data(StoreChatCb(action=ChatAction.PHOTOS, store_id=10_000).pack())
    assert not harness.server.calls_of("sendPhoto")
    assert anna.last_answer["text"]
    assert_every_callback_answered_once(harness.server)


async def test_a_blocked_seller_disappears_is_not_pushed_and_can_be_unblocked(
    harness: BotHarness,
) -> None:
    user, lamp, _ = await _two_sellers(harness)
    now = harness.clock.now()
    await message_center.add_notice(harness.uow(), user.id, promotion("p-1", "Sale"), now)
    sender, _ = make_sender(harness)
    await sender.drain()
    anna = harness.buyer()

    await anna.send("/messages")
    await anna.press("💬 Sellers (3)")
    await anna.press("🔵 2 · UGREEN Official Store")
    await anna.press("🚫 Block this seller")
    assert anna.screen.startswith("🚫 Block this seller?")
    await anna.press("🚫 Yes, block")
    assert anna.screen == "🚫 UGREEN Official Store is blocked."

    await anna.press("✉️ Message center")
    assert anna.buttons[:2] == [["💬 Sellers (1)"], ["🏷 Promotions", "📢 Notices"]]
    await anna.press("💬 Sellers (1)")
    assert anna.buttons[:2] == [["🔵 1 · Desk World"], ["📦 By order"]]
    assert len(anna.buttons) == 3

    later = now + timedelta(minutes=5)
    await add_seller_message(harness.uow(), lamp.number, "m-3", "Buy more!", later, later)
    await message_center.add_notice(harness.uow(), user.id, promotion("p-2", "More"), later)
    harness.clock.advance(timedelta(minutes=5))
    assert (await sender.drain()).sent == 0

    await anna.send("/messages")
    await anna.press("🚫 Blocked sellers")
    assert anna.screen.startswith("🚫 Blocked sellers\n\nUGREEN Official Store · since")
    await anna.press("✅ Unblock UGREEN Official Store")
    assert anna.last_answer["text"] == "✅ Unblocked."
    assert anna.screen.endswith("You have not blocked any seller.")
    await anna.press("⬅️ Back")
    assert anna.buttons[:2] == [["💬 Sellers (2)"], ["🏷 Promotions (2)", "📢 Notices"]]
    assert_every_callback_answered_once(harness.server)


async def test_another_buyers_conversation_and_notice_are_not_shown(
    harness: BotHarness,
) -> None:
    user, _, _ = await _two_sellers(harness)
    now = harness.clock.now()
    notice, _ = await message_center.add_notice(
        harness.uow(), user.id, platform_notice("n-1", "Private"), now
    )
    await make_buyer(harness.uow(), 2002, now, name="Boris")
    boris = harness.buyer(2002, name="Boris")
    await boris.send("/messages")
    assert boris.screen == "✉️ Message center\n\nNothing unread."

    await boris.press_data(NoticeCb(notice_id=notice.id).pack())
    assert boris.last_answer["text"] == "This message is not available. It may have been withdrawn."
    await boris.press_data(StoreChatCb(action=ChatAction.OPEN, store_id=1).pack())
    assert boris.last_answer["text"] == "This seller's conversation is not available."
    await boris.press_data(StoreChatCb(action=ChatAction.REPLY, store_id=1).pack())
    assert boris.last_answer["text"] == "This seller's conversation is not available."
    assert "Private" not in (boris.screen or "")
    inbox = await message_center.inbox(harness.uow(), user.id)
    assert (inbox.conversations, inbox.folders[NoticeFolder.PLATFORM]) == (3, 1)  # unread still
    assert_every_callback_answered_once(harness.server)
