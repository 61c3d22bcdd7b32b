"""Reporting any of a seller's recent messages, not only the last one: the list of the
seller's messages, the report form for the one picked, and forged message ids refused."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.db.enums import ComplaintTarget
from bot.db.models import OutboundEvent
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import ChatAction, ReportCb, StoreChatCb
from bot.services.messages import conversation as messages
from bot.services.orders.sync import add_seller_message
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order


def ru(harness: BotHarness, text: str) -> str:
    """The Russian words for a new English text (the translators add them to the catalogue)."""
    return harness.dispatcher["i18n"].gettext(text, locale="ru")


def _labels(buttons: list[list[str]]) -> list[str]:
    return [text for row in buttons for text in row]


async def _seller_wrote_ten(harness: BotHarness, language_code: str = "en"):
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code=language_code)
    order = await make_order(harness.uow(), user, now, title="Lamp")
    written = []
    for index in range(10):
        sent = now - timedelta(minutes=10 - index)
        message, _ = await add_seller_message(
            harness.uow(), order.number, f"m-{index}", f"Note {index} " + "x" * 40, sent, now
        )
        written.append(message)
    own = await messages.send_to_seller(harness.uow(), user.id, order.id, "Mine", now)
    return user, order, written, own


async def _complaint_events(harness: BotHarness) -> list[dict]:
    async with harness.uow() as uow:
        rows = await uow.session.scalars(
            select(OutboundEvent).where(OutboundEvent.kind == "complaint.filed")
        )
        return [row.payload for row in rows]


async def test_an_older_message_is_picked_from_the_list_and_reported(
    harness: BotHarness,
) -> None:
    _, _, written, _ = await _seller_wrote_ten(harness)
    anna = harness.buyer()
    await anna.send("/messages")
    await anna.press("💬 Sellers (10)")
    await anna.press("🔵 10 · UGREEN Official Store")
    assert "🚩 Report" in _labels(anna.buttons)

    await anna.press("🚩 Report a message")
    assert anna.screen == (
        "🚩 Report a message from UGREEN Official Store\n\nWhich message is wrong?"
    )
    picks = _labels(anna.buttons[:-1])
    assert len(picks) == 8
    assert picks[0].split(" · ")[-1] == "Note 9 " + "x" * 22 + "…"
    assert picks[-1].split(" · ")[-1].startswith("Note 2 ")
    assert not any("Mine" in text for text in picks)

    await anna.press(picks[5])  # Note 4
    assert anna.screen.startswith("🚩 Report message “Note 4 x")  # the one picked
    await anna.press("📣 Spam")
    await anna.press("⏭ Skip")
    await anna.press("🕶 Yes, anonymously")
    await anna.press("📨 Submit")
    [event] = await _complaint_events(harness)
    assert (event["target"], event["message_external_id"]) == ("message", written[4].external_id)

    await anna.send("/messages")
    await anna.press("💬 Sellers")
    await anna.press("UGREEN Official Store")
    await anna.press("🚩 Report a message")
    await anna.press("⬅️ Back")
    assert anna.screen.startswith("💬 UGREEN Official Store")
    assert_every_callback_answered_once(harness.server)


async def test_a_message_is_reported_in_russian_and_forged_ids_are_refused(
    harness: BotHarness,
) -> None:
    _, _, written, own = await _seller_wrote_ten(harness, "ru")
    now = harness.clock.now()
    boris = await make_buyer(harness.uow(), 2002, now, name="Boris")
    other = await make_order(harness.uow(), boris, now, title="Desk")
    stranger, _ = await add_seller_message(harness.uow(), other.number, "b-1", "Boo", now, now)
    anna = harness.buyer(language_code="ru")

    await anna.send("/messages")
    await anna.press(ru(harness, "💬 Sellers") + " (10)")
    await anna.press("🔵 10 · UGREEN Official Store")
    assert ru(harness, "🚩 Report a message") == "🚩 Пожаловаться на сообщение"
    await anna.press("🚩 Пожаловаться на сообщение")
    assert anna.screen.startswith("🚩 Жалоба на сообщение от UGREEN Official Store")
    picks = _labels(anna.buttons[:-1])
    await anna.press(picks[0])
    await anna.press(ru(harness, "❔ Other"))
    await anna.press(ru(harness, "⏭ Skip"))
    await anna.press(ru(harness, "👤 No, with my name"))
    await anna.press(ru(harness, "📨 Submit"))
    [event] = await _complaint_events(harness)
    assert event["message_external_id"] == written[9].external_id

    refusal = ru(harness, "This can no longer be reported.")
    for message_id in (stranger.id, own.id):
        await anna.press_data(ReportCb(target=ComplaintTarget.MESSAGE, target_id=message_id).pack())
        assert anna.last_answer["text"] == refusal
    await anna.press_data(StoreChatCb(action=ChatAction.REPORT_LIST, store_id=10_000).pack())
    assert anna.last_answer["text"] == ru(harness, "This seller's conversation is not available.")
    assert len(await _complaint_events(harness)) == 1
    assert_every_callback_answered_once(harness.server)
