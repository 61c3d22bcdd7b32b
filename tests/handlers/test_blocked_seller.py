"""A blocked seller stays blocked everywhere: the order card offers "Unblock to chat" instead
of the chat, and writing to them is refused from the order card, a stale button, and a
message center reply (en and ru)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.db.enums import MessageSender
from bot.db.models import OrderMessage, OutboundEvent
from bot.fake_telegram import assert_every_callback_answered_once
from bot.keyboards.callbacks import ChatAction, OrderAction, OrderCb, StoreChatCb
from bot.services.messages import center as message_center
from bot.services.orders.sync import add_seller_message
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

STORE = "UGREEN Official Store"
TEXTS = {
    "en": {
        "chat": "✉️ Chat with the seller",
        "unblock_chat": "🔓 Unblock the seller to chat",
        "write": "✍️ Write to the seller",
        "unblocked": "✅ Seller unblocked.",
        "back": "⬅️ Back to order",
        "refused": "You have blocked this seller, so you cannot write to them",
        "reply": "✍️ Reply",
        "sellers": "💬 Sellers (1)",
        "center": "✉️ Messages (1)",
    },
    "ru": {
        "chat": "✉️ Написать продавцу",
        "unblock_chat": "🔓 Разблокировать продавца, чтобы написать",
        "write": "✍️ Написать продавцу",
        "unblocked": "✅ Продавец разблокирован.",
        "back": "⬅️ К заказу",
        "refused": "Вы заблокировали этого продавца, поэтому не можете писать ему",
        "reply": "✍️ Ответить",
        "sellers": "💬 Продавцы (1)",
        "center": "✉️ Сообщения (1)",
    },
}


async def _buyer_messages(harness: BotHarness) -> int:
    async with harness.uow() as uow:
        count = await uow.session.scalar(
            select(func.count()).where(OrderMessage.sender == MessageSender.BUYER)
        )
        events = await uow.session.scalar(select(func.count()).select_from(OutboundEvent))
        return int(count or 0) + int(events or 0)


async def _order(harness: BotHarness, lang: str):
    now = harness.clock.now()
    user = await make_buyer(harness.uow(), 1001, now, language_code=lang)
    order = await make_order(harness.uow(), user, now, title="Desk lamp")
    await add_seller_message(harness.uow(), order.number, "m-1", "Paid?", now, now)
    return user, order


async def _open_card(harness: BotHarness, lang: str):
    anna = harness.buyer(1001, language_code=lang)
    await anna.send("/orders")
    await anna.press(next(t for row in anna.buttons for t in row if "Desk lamp" in t))
    return anna


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_blocked_sellers_chat_is_not_offered_on_the_order_card_until_unblocked(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    user, order = await _order(harness, lang)
    await message_center.block_store(harness.uow(), user.id, order.store_id, harness.clock.now())

    anna = await _open_card(harness, lang)
    flat = [text for row in anna.buttons for text in row]
    assert texts["chat"] not in flat
    assert texts["unblock_chat"] in flat
    await anna.press(texts["unblock_chat"])
    assert anna.last_answer is not None and anna.last_answer["text"] == texts["unblocked"]
    await anna.press(texts["back"])
    await anna.press(texts["chat"])
    assert "Paid?" in (anna.screen or "")
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_writing_to_a_blocked_seller_is_refused_from_a_stale_chat_button_and_an_open_form(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    user, order = await _order(harness, lang)
    anna = await _open_card(harness, lang)
    await anna.press(texts["chat"])
    await anna.press(texts["write"])
    before = await _buyer_messages(harness)
    # Blocked meanwhile (in another chat window): the open form and old buttons are stale.
    await message_center.block_store(harness.uow(), user.id, order.store_id, harness.clock.now())

    await anna.send("Hello, is it shipped?")
    assert texts["refused"] in (anna.screen or "")
    assert await _buyer_messages(harness) == before
    stale = OrderCb(action=OrderAction.MESSAGES, order_id=order.id).pack()
    await anna.press_data(stale)
    assert anna.last_answer is not None and texts["refused"] in anna.last_answer["text"]
    await anna.press_data(OrderCb(action=OrderAction.WRITE, order_id=order.id).pack())
    assert texts["refused"] in anna.last_answer["text"]
    assert "Paid?" not in (anna.screen or "")
    assert_every_callback_answered_once(harness.server)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_a_message_center_reply_to_a_seller_blocked_meanwhile_is_refused(
    harness: BotHarness, lang: str
) -> None:
    texts = TEXTS[lang]
    user, order = await _order(harness, lang)
    anna = harness.buyer(1001, language_code=lang)
    await anna.send("/messages")
    await anna.press(texts["sellers"])
    await anna.press(f"🔵 1 · {STORE}")
    await anna.press(texts["reply"])
    before = await _buyer_messages(harness)
    await message_center.block_store(harness.uow(), user.id, order.store_id, harness.clock.now())

    await anna.send("Yes, paid")
    assert texts["refused"] in (anna.screen or "")
    assert await _buyer_messages(harness) == before
    for action in (ChatAction.OPEN, ChatAction.REPLY):  # the conversation's stale buttons
        await anna.press_data(StoreChatCb(action=action, store_id=order.store_id).pack())
        assert anna.last_answer is not None and texts["refused"] in anna.last_answer["text"]
    assert_every_callback_answered_once(harness.server)
