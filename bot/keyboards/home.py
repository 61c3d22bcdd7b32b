"""The home screen's and the language picker's keyboards."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.keyboards.auth import guest_home_kb
from bot.keyboards.callbacks import (
    CouponListCb,
    DisputeListCb,
    FeedbackListCb,
    LangCb,
    McCb,
    McScreen,
    NavAction,
    NavCb,
    OrderListCb,
    ProfileAction,
    ProfileCb,
    TrashListCb,
)
from bot.keyboards.feedback import my_feedback_button
from bot.keyboards.nav import home_button
from bot.services.coupons import CouponTab
from bot.services.disputes.lists import DisputeTab
from bot.services.home import CabinetSummary, HomeScreen
from bot.services.orders.buyer import OrderTab
from bot.views import format as fmt

LANGUAGE_NAMES = {"en": "🇬🇧 English", "ru": "🇷🇺 Русский"}


def home_kb(screen: HomeScreen) -> InlineKeyboardMarkup:
    """A guest's ways in, or the cabinet's sections."""
    if screen.summary is None:
        return guest_home_kb()
    return sections_kb(screen.summary)


def sections_kb(summary: CabinetSummary) -> InlineKeyboardMarkup:
    """The cabinet's sections; shortcuts to the tabs that need attention come first."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("📋 My orders"), callback_data=OrderListCb(tab=OrderTab.ALL))
    shortcuts = [
        (summary.to_pay, _("💳 To pay ({count})"), OrderTab.TO_PAY),
        (summary.to_ship, _("📦 To ship ({count})"), OrderTab.TO_SHIP),
        (summary.to_receive, _("🚚 To receive ({count})"), OrderTab.TO_RECEIVE),
    ]
    sizes = [1]
    visible = [(text.format(count=fmt.number(n)), tab) for n, text, tab in shortcuts if n]
    for text, tab in visible:
        builder.button(text=text, callback_data=OrderListCb(tab=tab))
    sizes += [1] * len(visible)
    if summary.to_review:
        text = _("⭐ Awaiting feedback ({count})").format(count=fmt.number(summary.to_review))
        builder.button(text=text, callback_data=FeedbackListCb())
    else:  # the feedback already left is always one tap away
        builder.add(my_feedback_button())
    sizes.append(1)
    coupons = (
        _("🎟 Coupons ({count})").format(count=fmt.number(summary.coupons))
        if summary.coupons
        else _("🎟 Coupons")
    )
    messages = (
        _("✉️ Messages ({count})").format(count=fmt.number(summary.messages))
        if summary.messages
        else _("✉️ Messages")
    )
    builder.button(text=messages, callback_data=McCb(screen=McScreen.HOME))
    builder.button(
        text=_("⚖️ Returns & disputes"), callback_data=DisputeListCb(tab=DisputeTab.ACTIVE)
    )
    builder.button(text=coupons, callback_data=CouponListCb(tab=CouponTab.ACTIVE))
    builder.button(text=_("🗑 Deleted orders"), callback_data=TrashListCb(page=0))
    builder.button(text=_("👤 Profile"), callback_data=ProfileCb(action=ProfileAction.OPEN))
    builder.button(text=_("⚙️ Settings"), callback_data=NavCb(action=NavAction.SETTINGS))
    builder.button(text=_("❓ Help"), callback_data=NavCb(action=NavAction.HELP))
    sizes += [1, 1, 2, 2, 1]
    builder.adjust(*sizes)
    return builder.as_markup()


def language_kb(current: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code, name in LANGUAGE_NAMES.items():
        mark = "✓ " if code == current else ""
        builder.button(text=f"{mark}{name}", callback_data=LangCb(locale=code))
    builder.adjust(2)
    builder.row(home_button())
    return builder.as_markup()
