"""FakeSession: aiogram encodes requests as over HTTP and raises its real exception classes."""

from __future__ import annotations

import pytest
from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from bot.fake_telegram import FakeBotAPI

CHAT = 555

MARKUP = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="Orders", callback_data="orders")]]
)


async def test_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (42, "cabinet_test_bot", True)


async def test_send_message_is_encoded_like_aiohttp_session(bot: Bot, server: FakeBotAPI) -> None:
    message = await bot.send_message(CHAT, "<b>Hi</b> there", reply_markup=MARKUP)
    assert isinstance(message, Message)
    assert message.text == "Hi there"
    assert message.bot is bot, "check_response binds results to the bot"
    assert message.reply_markup is not None
    # Bound models keep the bot in a private attribute, so compare dumps, not models.
    assert message.reply_markup.model_dump() == MARKUP.model_dump()
    params = server.calls_of("sendMessage")[0].params
    assert params["chat_id"] == str(CHAT), "ints are JSON-dumped to strings"
    assert params["parse_mode"] == "HTML", "Default('parse_mode') resolved from bot.default"
    assert isinstance(params["reply_markup"], str)
    assert "link_preview_options" not in params, "None defaults are dropped"
    await message.edit_text("Edited", reply_markup=MARKUP)
    assert server.last_message(CHAT).text == "Edited"


async def test_explicit_parse_mode_none_sends_plain_text(bot: Bot, server: FakeBotAPI) -> None:
    message = await bot.send_message(CHAT, "<foo> & bar", parse_mode=None)
    assert message.text == "<foo> & bar"
    assert "parse_mode" not in server.calls[-1].params


async def test_bad_request_is_raised(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest) as error:
        await bot.send_message(CHAT, "<foo>")
    assert error.value.message == (
        'Bad Request: can\'t parse entities: Unsupported start tag "foo" at byte offset 0'
    )


async def test_not_modified_is_raised(bot: Bot) -> None:
    message = await bot.send_message(CHAT, "same", reply_markup=MARKUP)
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await message.edit_text("same", reply_markup=MARKUP)


async def test_retry_after(bot: Bot, server: FakeBotAPI) -> None:
    server.fail_next("sendMessage", 429, retry_after=12)
    with pytest.raises(TelegramRetryAfter) as error:
        await bot.send_message(CHAT, "x")
    assert error.value.retry_after == 12
    assert (await bot.send_message(CHAT, "x")).message_id == 1


async def test_forbidden_and_server_errors(bot: Bot, server: FakeBotAPI) -> None:
    server.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
    with pytest.raises(TelegramForbiddenError, match="bot was blocked by the user"):
        await bot.send_message(CHAT, "x")
    server.fail_next("answerCallbackQuery", 502)
    with pytest.raises(TelegramServerError):
        await bot.answer_callback_query("1")


async def test_commands_round_trip(bot: Bot) -> None:
    scope = BotCommandScopeChat(chat_id=CHAT)
    await bot.set_my_commands([BotCommand(command="start", description="Start")], scope=scope)
    await bot.set_my_commands(
        [BotCommand(command="start", description="Начать")], language_code="ru"
    )
    scoped = await bot.get_my_commands(scope=scope)
    assert [(c.command, c.description) for c in scoped] == [("start", "Start")]
    assert await bot.get_my_commands() == []
    assert (await bot.get_my_commands(language_code="ru"))[0].description == "Начать"
    with pytest.raises(TelegramBadRequest, match="BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand(command="Start", description="x")])


async def test_send_photo_with_upload(bot: Bot, server: FakeBotAPI) -> None:
    photo = BufferedInputFile(b"\x89PNG", filename="chart.png")
    message = await bot.send_photo(CHAT, photo, caption="<b>Chart</b>")
    assert message.caption == "Chart"
    assert message.photo is not None
    assert server.calls[-1].params["photo"].startswith("attach://")


async def test_unknown_methods_return_true(bot: Bot, server: FakeBotAPI) -> None:
    assert await bot.pin_chat_message(CHAT, 1) is True
    assert server.calls[-1].method == "pinChatMessage"
