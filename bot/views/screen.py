"""Showing a screen: edit the message a button belongs to, or send a new one."""

from __future__ import annotations

from contextlib import suppress

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message

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
            try:
                await message.edit_text(text, reply_markup=markup)
            except TelegramBadRequest as error:
                if "message is not modified" in error.message:
                    return
                if not any(reason in error.message for reason in UNEDITABLE):
                    raise
            else:
                return
        if event.bot is None:
            return
        await event.bot.send_message(event.from_user.id, text, reply_markup=markup)
        return
    await event.answer(text, reply_markup=markup)


async def delete_quietly(message: Message) -> None:
    """Remove a replaced screen; one Telegram no longer lets us delete just stays."""
    with suppress(TelegramBadRequest):
        await message.delete()
