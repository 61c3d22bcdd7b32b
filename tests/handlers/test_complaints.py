"""Complaints: reporting a seller, a message and a promotion through the form, what the
marketplace hears, the list with statuses, and forged buttons."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.enums import ComplaintStatus, ComplaintTarget, NoticeFolder
from bot.db.models import Complaint, OutboundEvent
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import ReportCb
from bot.services import complaints
from bot.services.messages import center as message_center
from bot.services.messages.center import NoticeSpec
from bot.services.orders.sync import add_seller_message
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order


async def _seller_wrote(harness: BotHarness, telegram_id: int = 1001, language: str = "en"):
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), telegram_id, now, language_code=language)
    order = await make_order(harness.uow(), user, now, title="Lamp")
    message, _ = await add_seller_message(
        harness.uow(), order.number, f"m-{telegram_id}", "Buy <now>", now, now
    )
    return user, message


def _button_ending(buttons: list[list[str]], end: str) -> str:
    [text] = [text for row in buttons for text in row if text.endswith(end)]
    return text


async def _events(harness: BotHarness) -> list[dict]:
    async with harness.uow() as uow:
        rows = await uow.session.scalars(
            select(OutboundEvent).where(OutboundEvent.kind == "complaint.filed")
        )
        return [row.payload for row in rows]


async def test_an_anonymous_complaint_about_a_seller_and_its_status(harness: BotHarness) -> None:
    user, _ = await _seller_wrote(harness)
    anna = harness.buyer()
    await anna.send("/messages")
    await anna.press("💬 Sellers (1)")
    await anna.press("🔵 1 · UGREEN Official Store")

    await anna.press("🚩 Report")
    assert anna.screen == "🚩 Report store “UGREEN Official Store”\n\nWhat is wrong?"
    assert anna.buttons[:5] == [
        ["©️ Intellectual property"],
        ["⛔ Prohibited goods"],
        ["📣 Spam"],
        ["⚖️ Trade rule violation"],
        ["❔ Other"],
    ]
    await anna.press("📣 Spam")
    assert anna.screen.startswith("✍️ Describe the problem")
    await anna.send("Writes <every> day")
    await anna.press("🕶 Yes, anonymously")
    assert anna.screen == (
        "🚩 Your complaint about store “UGREEN Official Store”\nReason: 📣 Spam\n"
        "Details: Writes <every> day\n"
        "Anonymous: yes\n\nSend it to the marketplace?"
    )
    await anna.press("📨 Submit")
    assert anna.screen.startswith("✅ Your complaint was sent to the marketplace.")

    [event] = await _events(harness)
    assert event["target"] == "store" and event["reason"] == "spam"
    assert event["anonymous"] is True and "buyer_id" not in event
    assert event["store_external_id"] == "s-UGREEN Official Store"

    await anna.press("🚩 My complaints")
    # The list names what each complaint is about, not just "a store".
    assert "· store “UGREEN Official Store” · 📣 Spam: submitted" in anna.screen
    async with harness.uow() as uow:
        complaint = await uow.session.scalar(select(Complaint))
    await complaints.change_status(
        harness.uow(), complaint.id, ComplaintStatus.UPHELD, "Store warned", harness.clock.now()
    )
    await anna.send("/messages")
    await anna.press("🚩 My complaints")
    assert "store “UGREEN Official Store” · 📣 Spam: upheld\nStore warned" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_a_message_is_reported_with_the_name_and_without_details(
    harness: BotHarness,
) -> None:
    user, message = await _seller_wrote(harness)
    anna = harness.buyer()
    await anna.send("/messages")
    await anna.press("💬 Sellers (1)")
    await anna.press("🔵 1 · UGREEN Official Store")
    await anna.press("🚩 Report a message")
    await anna.press(_button_ending(anna.buttons, " · Buy <now>"))
    assert anna.screen.startswith("🚩 Report message “Buy <now>")
    await anna.press("⚖️ Trade rule violation")
    await anna.press("⏭ Skip")
    await anna.press("👤 No, with my name")
    assert "Details: none\nAnonymous: no" in anna.screen
    await anna.press("📨 Submit")
    await anna.press("🚩 My complaints")
    assert "· message “Buy <now>” · ⚖️ Trade rule violation: submitted" in anna.screen

    [event] = await _events(harness)
    assert (event["target"], event["buyer_id"]) == ("message", user.id)
    assert event["message_external_id"] == message.external_id

    # The same message again, while the first complaint is open:
    await anna.send("/messages")
    await anna.press("💬 Sellers")
    await anna.press("UGREEN Official Store")
    await anna.press("🚩 Report a message")
    await anna.press(_button_ending(anna.buttons, " · Buy <now>"))
    await anna.press("📣 Spam")
    await anna.press("⏭ Skip")
    await anna.press("👤 No, with my name")
    await anna.press("📨 Submit")
    assert anna.last_answer["text"].startswith("You have already reported this")
    assert len(await _events(harness)) == 1
    assert_every_callback_answered_once(harness.server)


def ru(harness: BotHarness, text: str) -> str:
    """The Russian words for a new English text (the translators add them to the catalogue)."""
    return harness.dispatcher["i18n"].gettext(text, locale="ru")


async def test_a_promotion_is_reported_in_russian_and_can_be_cancelled(
    harness: BotHarness,
) -> None:
    user, _ = await _seller_wrote(harness, language="ru")
    spec = NoticeSpec(
        "p-1", NoticeFolder.PROMOTION, "s-UGREEN Official Store", "Sale", "Half price"
    )
    await message_center.add_notice(harness.uow(), user.id, spec, harness.clock.now())
    anna = harness.buyer(language_code="ru")
    await anna.send("/messages")
    await anna.press(ru(harness, "🏷 Promotions") + " (1)")
    await anna.press("🔵 Sale")
    await anna.press(ru(harness, "🚩 Report"))
    assert anna.screen.startswith("🚩 Жалоба на магазин «")
    await anna.press(ru(harness, "✖️ Cancel"))
    assert anna.last_answer["text"] == ru(harness, "The complaint was not sent.")

    await anna.press_data(ReportCb(target=ComplaintTarget.STORE, target_id=1).pack())
    await anna.press(ru(harness, "❔ Other"))
    await anna.press(ru(harness, "⏭ Skip"))
    await anna.press(ru(harness, "🕶 Yes, anonymously"))
    await anna.press(ru(harness, "📨 Submit"))
    await anna.press(ru(harness, "🚩 My complaints"))
    assert (
        ru(harness, "submitted") in anna.screen and "магазин «UGREEN Official Store»" in anna.screen
    )
    async with harness.uow() as uow:
        complaint = await uow.session.scalar(select(Complaint))
    await complaints.change_status(
        harness.uow(), complaint.id, ComplaintStatus.IN_REVIEW, None, harness.clock.now()
    )
    await anna.send("/messages")
    await anna.press(ru(harness, "🚩 My complaints"))
    assert ": на рассмотрении" in anna.screen
    assert_every_callback_answered_once(harness.server)


async def test_another_buyers_message_cannot_be_reported_and_stale_steps_are_refused(
    harness: BotHarness,
) -> None:
    _, message = await _seller_wrote(harness)
    await _seller_wrote(harness, 2002)
    boris = harness.buyer(2002, name="Boris")
    await boris.send("/messages")

    await boris.press_data(ReportCb(target=ComplaintTarget.MESSAGE, target_id=message.id).pack())
    assert boris.last_answer["text"] == "This can no longer be reported."
    await boris.press_data(ReportCb(target=ComplaintTarget.STORE, target_id=999).pack())
    assert boris.last_answer["text"] == "This can no longer be reported."
    await boris.press("🚩 My complaints")
    await boris.press_data("rps:ok")
    assert "out of date" in boris.last_answer["text"]
    assert await _events(harness) == []
    assert_every_callback_answered_once(harness.server)
