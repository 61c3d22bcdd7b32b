"""Pressing a tab, page or list that is already shown answers the press and edits nothing:
Telegram refuses such an edit ("message is not modified"), so it would be a wasted call."""

from __future__ import annotations

import pytest
from aiogram.types import Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity

from bot.fake_telegram import assert_every_callback_answered_once
from bot.fake_telegram.client import ChatClient
from bot.keyboards.callbacks import (
    ChatAction,
    ComplaintListCb,
    CouponCb,
    CouponListCb,
    DisputeAct,
    DisputeCb,
    DisputeListCb,
    McCb,
    NoticeCb,
    OrderAction,
    OrderCb,
    OrderListCb,
    StoreChatCb,
    TrashAction,
    TrashCb,
    TrashListCb,
)
from bot.services.orders.buyer import OrderTab
from bot.views.screen import shows_already
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_order

# Buttons that only show something (tabs, pages, folders, cards), so pressing one twice is
# what a double tap does; buttons that change something are left alone.
VIEWS = (OrderListCb, CouponListCb, CouponCb, DisputeListCb, McCb, NoticeCb, TrashListCb)
VIEW_ACTIONS = (
    (OrderCb, OrderAction.OPEN),
    (TrashCb, TrashAction.OPEN),
    (StoreChatCb, ChatAction.OPEN),
    (DisputeCb, DisputeAct.OPEN),
)
SECTIONS = ("/orders", "/coupons", "/disputes", "/messages", "/feedback")
DEPTH = 2


def _only_shows(data: str) -> bool:
    for factory in VIEWS:
        if data.startswith(f"{factory.__prefix__}:"):
            return True
    if data == ComplaintListCb().pack():
        return True
    for factory, action in VIEW_ACTIONS:
        if data.startswith(f"{factory.__prefix__}:"):
            return factory.unpack(data).action is action  # type: ignore[attr-defined]
    return False


def _view_buttons(client: ChatClient) -> list[str]:
    state = client.server.last_message(client.user_id)
    rows = (state.reply_markup or {}).get("inline_keyboard", []) if state else []
    found = [button.get("callback_data", "") for row in rows for button in row]
    return [data for data in found if _only_shows(data)]


def _refused(harness: BotHarness) -> list[str]:
    return [f"{c.method}: {c.result_or_error}" for c in harness.server.calls if not c.ok]


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_pressing_what_is_already_shown_answers_without_a_refused_edit(
    make_harness, lang: str
) -> None:
    harness: BotHarness = make_harness(demo_data=True)
    anna = harness.buyer(language_code=lang)
    await anna.send("/start")
    pressed_twice = 0
    for command in SECTIONS:
        paths: list[tuple[str, ...]] = [()]
        for _depth in range(DEPTH):
            deeper: list[tuple[str, ...]] = []
            for path in paths:
                await anna.send(command)
                for data in path:
                    await anna.press_data(data)
                for data in _view_buttons(anna):
                    await anna.press_data(data)
                    before = len(harness.server.calls_of("editMessageText"))
                    await anna.press_data(data)  # the same screen again: a double tap
                    assert len(harness.server.calls_of("editMessageText")) == before, data
                    assert anna.last_answer is not None
                    pressed_twice += 1
                    deeper.append((*path, data))
            paths = deeper
    assert pressed_twice > 100  # tabs, pages, folders and cards of every section
    assert _refused(harness) == []
    assert_every_callback_answered_once(harness.server)
    await harness.bot.session.close()


async def test_the_same_tab_and_page_twice_show_the_same_screen_once(harness: BotHarness) -> None:
    user = await make_buyer(harness.uow(), 1001, harness.clock.now())
    for _ in range(7):
        await make_order(harness.uow(), user, harness.clock.now())
    anna = harness.buyer()
    await anna.send("/orders")
    shown = anna.screen
    await anna.press("• All 7")
    await anna.press("Next ▶️")
    page_two = anna.screen
    await anna.press_data(OrderListCb(tab=OrderTab.ALL, page=1).pack())
    assert anna.screen == page_two != shown
    assert len(harness.server.calls_of("editMessageText")) == 1  # only the move to page 2
    assert _refused(harness) == []
    assert_every_callback_answered_once(harness.server)


def _shown(
    text: str, entities: list[MessageEntity], markup: InlineKeyboardMarkup | None
) -> Message:
    """A message as Telegram sends it with a button press: plain text plus entities."""
    chat = Chat(id=1, type="private")
    return Message(
        message_id=1, date=0, chat=chat, text=text, entities=entities, reply_markup=markup
    )


def test_a_screen_counts_as_shown_only_with_the_same_text_formatting_and_buttons() -> None:
    buttons = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="a")]]
    )
    html = '<b>Orders</b> &amp; <a href="https://x.test/a">more</a>, open /menu'
    shown = _shown(
        "Orders & more, open /menu",
        [
            MessageEntity(type="bold", offset=0, length=6),
            MessageEntity(type="text_link", offset=9, length=4, url="https://x.test/a"),
            MessageEntity(type="bot_command", offset=20, length=5),  # found by Telegram
        ],
        buttons,
    )
    assert shows_already(shown, html, buttons)
    assert not shows_already(shown, html.replace("<b>Orders</b>", "Orders"), buttons)
    assert not shows_already(shown, html.replace("x.test/a", "x.test/b"), buttons)
    assert not shows_already(shown, html + "!", buttons)
    assert not shows_already(shown, html, None)
    other = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="A", callback_data="b")]]
    )
    assert not shows_already(shown, html, other)
    assert not shows_already(shown, "<b>Orders", buttons)  # Telegram is left to refuse it
