"""Showing a screen: edit the message a button belongs to, or send a new one."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BufferedInputFile,
    CallbackQuery,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
    MessageEntity,
)

from bot.telegram_html import Entity, HtmlParseError, parse_html

# Telegram's words for an edit that cannot happen; then a fresh message is the way out.
UNEDITABLE = ("message to edit not found", "message can't be edited", "MESSAGE_ID_INVALID")


async def show(
    event: Message | CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the screen in place for a button press; answer a typed message with a new one."""
    if isinstance(event, CallbackQuery):
        message = event.message
        if isinstance(message, Message) and message.text is None:
            # A photo screen (the profile with an avatar) cannot be edited into text: the new
            # screen is sent, then the old one removed.
            if event.bot is not None:
                await event.bot.send_message(event.from_user.id, text, reply_markup=markup)
                await delete_quietly(message)
            return
        if isinstance(message, Message):
            if shows_already(message, text, markup):
                return  # the tab or page already shown: Telegram would refuse the edit
            try:
                await message.edit_text(text, reply_markup=markup)
            except TelegramBadRequest as error:
                if "message is not modified" in error.message:
                    return  # a safety net: shows_already should have seen it
                if not any(reason in error.message for reason in UNEDITABLE):
                    raise
            else:
                return
        if event.bot is None:
            return
        await event.bot.send_message(event.from_user.id, text, reply_markup=markup)
        return
    await event.answer(text, reply_markup=markup)


async def show_photo(
    query: CallbackQuery, png: bytes, caption: str, markup: InlineKeyboardMarkup
) -> None:
    """A picture screen (a price chart): a photo screen gets the new picture in place; a text
    screen cannot become a photo, so the picture is sent and the old screen removed."""
    photo = BufferedInputFile(png, filename="chart.png")
    message = query.message
    if isinstance(message, Message) and message.photo:
        try:
            await message.edit_media(
                InputMediaPhoto(media=photo, caption=caption), reply_markup=markup
            )
        except TelegramBadRequest as error:
            if not any(reason in error.message for reason in UNEDITABLE):
                raise
        else:
            return
    if query.bot is None:
        return
    await query.bot.send_photo(query.from_user.id, photo, caption=caption, reply_markup=markup)
    if isinstance(message, Message):
        await delete_quietly(message)


async def show_photo_url(
    event: Message | CallbackQuery,
    photo: str,
    caption: str,
    markup: InlineKeyboardMarkup | None,
    fallback: str,
) -> None:
    """A screen with a picture (a product's photo by URL) and `caption` under it.

    A photo screen is edited in place (editMessageMedia); a text screen cannot become one,
    so the photo is sent and the text screen removed. When Telegram cannot fetch the photo,
    the screen is shown as text (`fallback`) instead."""
    message = event.message if isinstance(event, CallbackQuery) else None
    if isinstance(message, Message) and message.photo:
        try:
            media = InputMediaPhoto(media=photo, caption=caption)
            await message.edit_media(media, reply_markup=markup)
        except TelegramBadRequest as error:
            if "message is not modified" in error.message:
                return
            if not any(reason in error.message for reason in UNEDITABLE):
                await show(event, fallback, markup)  # the photo refused: text in its place
                return
        else:
            return
    if event.bot is None:
        return
    chat_id = event.from_user.id if event.from_user is not None else 0
    try:
        await event.bot.send_photo(chat_id, photo, caption=caption, reply_markup=markup)
    except TelegramBadRequest:
        await show(event, fallback, markup)
        return
    if isinstance(message, Message):
        await delete_quietly(message)


async def delete_quietly(message: Message) -> None:
    """Remove a replaced screen; one Telegram no longer lets us delete just stays."""
    with suppress(TelegramBadRequest):
        await message.delete()


def shows_already(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> bool:
    """Whether `message` already shows this HTML text and keyboard, as Telegram compares them:
    the text is parsed as Telegram parses it (bot/telegram_html.py is a port of its
    parser) and compared with the plain text and entities the message came with."""
    try:
        parsed = parse_html(text)
    except HtmlParseError:
        return False  # Telegram will say what is wrong with it
    if parsed.text != message.text:
        return False
    if _entities(message.entities or ()) != _parsed_entities(parsed.entities):
        return False
    return _keyboard(message.reply_markup) == _keyboard(markup)


_Key = tuple[str, int, int, str]
# Entities Telegram finds in plain text by itself ("/menu", links, e-mails): not from the HTML.
DETECTED = frozenset(
    {"mention", "hashtag", "cashtag", "bot_command", "url", "email", "phone_number", "bank_card"}
)


def _entities(entities: Iterable[MessageEntity]) -> list[_Key]:
    return sorted(
        (e.type, e.offset, e.length, e.url or e.language or e.custom_emoji_id or "")
        for e in entities
        if e.type not in DETECTED
    )


def _parsed_entities(entities: Iterable[Entity]) -> list[_Key]:
    keeps_argument = {"text_link", "pre", "custom_emoji"}  # as MessageEntity carries them
    return sorted(
        (e.type, e.offset, e.length, e.argument if e.type in keeps_argument else "")
        for e in entities
    )


def _keyboard(markup: InlineKeyboardMarkup | None) -> object:
    return None if markup is None else markup.model_dump(mode="json", exclude_none=True)
