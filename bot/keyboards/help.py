"""Help: the index of questions and, on each page, buttons that go straight to the fix."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import (
    AuthAction,
    AuthCb,
    CouponListCb,
    HelpCb,
    NavAction,
    NavCb,
    ProfileAction,
    ProfileCb,
    TrashListCb,
)
from bot.keyboards.nav import button, home_button
from bot.services.coupons import CouponTab
from bot.views.help import HelpTopic, topic_title


def help_index_kb() -> InlineKeyboardMarkup:
    rows = [[button(topic_title(topic), HelpCb(topic=topic))] for topic in HelpTopic]
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _fixes(topic: HelpTopic) -> list[InlineKeyboardButton]:
    """The buttons that solve the problem the page is about (home is on every page)."""
    match topic:
        case HelpTopic.SIGN_OUT:
            return [button(_("🚪 Sign out"), AuthCb(action=AuthAction.SIGN_OUT))]
        case HelpTopic.SIGN_IN:
            return [
                button(_("🔑 Sign in"), AuthCb(action=AuthAction.SIGN_IN)),
                button(_("🔁 Reset password"), AuthCb(action=AuthAction.FORGOT)),
            ]
        case HelpTopic.ORDER_GONE:
            return [button(_("🗑 Deleted orders"), TrashListCb(page=0))]
        case HelpTopic.PAYMENT:
            return [button(_("👤 Profile"), ProfileCb(action=ProfileAction.OPEN))]
        case HelpTopic.COUPONS:
            return [button(_("🎟 My coupons"), CouponListCb(tab=CouponTab.ACTIVE))]
    return []


def help_topic_kb(topic: HelpTopic) -> InlineKeyboardMarkup:
    rows = [fixes] if (fixes := _fixes(topic)) else []
    rows.append([button(_("◀️ Help"), NavCb(action=NavAction.HELP)), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)
