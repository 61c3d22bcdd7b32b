"""Entry points every section links to: home, help, language, My orders, Deleted orders."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.numbers import PageNumber
from bot.services.orders import OrderTab


class NavAction(StrEnum):
    HOME = "home"
    HELP = "help"
    LANGUAGE = "lang"
    SETTINGS = "set"
    NOTIFICATIONS = "ntf"
    QUIET = "qh"


class NavCb(CallbackData, prefix="nav"):
    action: NavAction


class LangCb(CallbackData, prefix="lng"):
    locale: str


class OrderListCb(CallbackData, prefix="ol"):
    tab: OrderTab
    page: PageNumber = 0


class TrashListCb(CallbackData, prefix="tl"):
    page: PageNumber = 0


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
