"""Buttons every section uses: a button from its callback data, Home, and Previous/Next."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import NavAction, NavCb


def button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def home_button() -> InlineKeyboardButton:
    return button(_("🏠 My cabinet"), NavCb(action=NavAction.HOME))


def back_home_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[home_button()]])


def page_buttons(
    page: int, pages: int, make: Callable[[int], CallbackData]
) -> list[InlineKeyboardButton]:
    """Previous/Next buttons around page `page` of `pages` (zero-based)."""
    buttons = []
    if page > 0:
        buttons.append(button(_("◀️ Previous"), make(page - 1)))
    if page < pages - 1:
        buttons.append(button(_("Next ▶️"), make(page + 1)))
    return buttons
