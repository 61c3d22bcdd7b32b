"""End to end: a tiny aiogram Dispatcher driven by ChatClient through FakeSession."""

from __future__ import annotations

import pytest
from aiogram import Bot, Dispatcher, F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.fake_telegram import ChatClient, FakeBotAPI, assert_every_callback_answered_once
from tests.fake_telegram.conftest import START_TIME, FakeClock

USER = 700


def menu() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text="📦 Orders", callback_data="orders"),
                InlineKeyboardButton(text="⚙️ Settings", callback_data="settings"),
            ],
            [InlineKeyboardButton(text="Help", url="https://example.com/help")],
        ]
    )


def back() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="« Back", callback_data="back")]]
    )


def build_dispatcher() -> Dispatcher:
    router = Router()
    seen: list[Message] = []

    @router.message(CommandStart())
    async def start(message: Message) -> None:
        seen.append(message)
        assert message.from_user is not None
        await message.answer(f"Welcome, <b>{message.from_user.first_name}</b>", reply_markup=menu())

    @router.callback_query(F.data == "orders")
    async def orders(callback: CallbackQuery) -> None:
        assert isinstance(callback.message, Message)
        await callback.message.edit_text("Your orders: <i>none yet</i>", reply_markup=back())
        await callback.answer("Loaded")

    @router.callback_query(F.data == "back")
    async def go_back(callback: CallbackQuery) -> None:
        assert isinstance(callback.message, Message)
        await callback.message.edit_text("Main menu", reply_markup=menu())
        await callback.answer()

    @router.callback_query(F.data == "twice")
    async def answers_twice(callback: CallbackQuery) -> None:
        await callback.answer()
        await callback.answer()

    @router.callback_query(F.data == "silent")
    async def forgets_to_answer(callback: CallbackQuery) -> None:
        """A bug on purpose: the button keeps spinning."""

    @router.callback_query()
    async def stale(callback: CallbackQuery) -> None:
        await callback.answer("This button is outdated", show_alert=True)

    @router.message(F.text)
    async def echo(message: Message) -> None:
        seen.append(message)
        await message.answer(message.text or "")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    dispatcher["seen"] = seen
    return dispatcher


@pytest.fixture
def dispatcher() -> Dispatcher:
    return build_dispatcher()


@pytest.fixture
def client(dispatcher: Dispatcher, bot: Bot, server: FakeBotAPI) -> ChatClient:
    return ChatClient(dispatcher, bot, server, USER)


async def test_start_then_navigate(client: ChatClient, server: FakeBotAPI) -> None:
    calls = await client.send("/start")
    assert [(c.method, c.ok) for c in calls] == [("sendMessage", True)]
    assert calls[0].params["chat_id"] == str(USER)
    assert client.screen == "Welcome, Anna"
    assert client.buttons == [["📦 Orders", "⚙️ Settings"], ["Help"]]

    calls = await client.press("📦 Orders")
    assert [(c.method, c.ok) for c in calls] == [
        ("editMessageText", True),
        ("answerCallbackQuery", True),
    ]
    assert client.screen == "Your orders: none yet"
    assert client.buttons == [["« Back"]]
    assert client.last_answer is not None
    assert client.last_answer["text"] == "Loaded"

    await client.press("« Back")
    assert client.screen == "Main menu"
    assert client.last_answer is not None
    assert "text" not in client.last_answer
    # The user's /start and one bot message that was edited in place.
    assert [(m.from_bot, m.message_id) for m in server.messages_in(USER)] == [
        (False, 1),
        (True, 2),
    ]
    assert_every_callback_answered_once(server)


async def test_command_entity_and_dates(
    client: ChatClient, dispatcher: Dispatcher, clock: FakeClock
) -> None:
    clock.now += 60
    await client.send("/start@cabinet_test_bot deep-link")
    message = dispatcher["seen"][-1]
    assert message.entities is not None
    entity = message.entities[0]
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 23)
    assert int(message.date.timestamp()) == int(START_TIME) + 60
    assert message.from_user is not None
    assert message.from_user.language_code == "en"
    await client.send("hello")
    assert dispatcher["seen"][-1].entities is None
    assert client.screen == "hello"


async def test_press_unknown_button_lists_visible_ones(client: ChatClient) -> None:
    await client.send("/start")
    with pytest.raises(AssertionError, match=r"visible buttons: \[\['📦 Orders', '⚙️ Settings'\]"):
        await client.press("Delete account")
    with pytest.raises(AssertionError, match="not a callback button"):
        await client.press("Help")


async def test_forged_data(client: ChatClient, server: FakeBotAPI) -> None:
    await client.send("/start")
    await client.press_data("order:999:cancel")
    assert client.last_answer is not None
    assert client.last_answer["show_alert"] == "true"
    assert client.screen == "Welcome, Anna"
    assert_every_callback_answered_once(server)


async def test_double_answer_is_rejected(client: ChatClient, server: FakeBotAPI) -> None:
    await client.send("/start")
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await client.press_data("twice")
    with pytest.raises(AssertionError, match="answered 2 times"):
        assert_every_callback_answered_once(server)


async def test_unanswered_callback_is_detected(client: ChatClient, server: FakeBotAPI) -> None:
    await client.send("/start")
    assert await client.press_data("silent") == []
    with pytest.raises(AssertionError, match="answered 0 times"):
        assert_every_callback_answered_once(server)


async def test_stale_message_cannot_be_pressed(client: ChatClient, bot: Bot) -> None:
    await client.send("/start")
    await bot.delete_message(USER, 2)
    assert client.screen is None
    with pytest.raises(AssertionError, match="no bot message with an inline keyboard"):
        await client.press("📦 Orders")
    with pytest.raises(AssertionError, match="not a live bot message"):
        await client.press_data("orders", message_id=2)


async def test_two_users_share_one_dispatcher(
    dispatcher: Dispatcher, bot: Bot, server: FakeBotAPI
) -> None:
    anna = ChatClient(dispatcher, bot, server, 1, first_name="Anna")
    boris = ChatClient(dispatcher, bot, server, 2, first_name="Boris", language_code=None)
    await anna.send("/start")
    await boris.send("/start")
    await boris.press("📦 Orders")
    assert anna.screen == "Welcome, Anna"
    assert boris.screen == "Your orders: none yet"
    assert anna.last_answer is None
    assert server.next_update_id() == 4
