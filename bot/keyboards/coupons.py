"""Coupons: keyboards for the tabs and the coupon card."""

from __future__ import annotations

from datetime import datetime

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import CouponAction, CouponCb, CouponListCb
from bot.keyboards.nav import button, home_button, page_buttons
from bot.services.coupons import CouponList, CouponTab
from bot.views import format as fmt
from bot.views.coupons import coupon_button_text
from bot.views.labels import coupon_tab_label


def _tab_text(each: CouponTab, current: CouponTab, count: int) -> str:
    mark = "• " if each is current else ""
    return f"{mark}{coupon_tab_label(each)} {fmt.number(count)}"


def coupons_list_kb(listing: CouponList, now: datetime) -> InlineKeyboardMarkup:
    tab, page = listing.tab, listing.page.number
    rows: list[list[InlineKeyboardButton]] = [
        [
            button(_tab_text(each, tab, listing.tab_counts[each]), CouponListCb(tab=each))
            for each in CouponTab
        ]
    ]
    rows += [
        [
            button(
                coupon_button_text(coupon, now),
                CouponCb(action=CouponAction.OPEN, coupon_id=coupon.id, tab=tab, page=page),
            )
        ]
        for coupon in listing.page.items
    ]
    rows.append(page_buttons(page, listing.page.pages, lambda p: CouponListCb(tab=tab, page=p)))
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def coupon_card_kb(cb: CouponCb) -> InlineKeyboardMarkup:
    back = CouponListCb(tab=cb.tab, page=cb.page)
    return InlineKeyboardMarkup(inline_keyboard=[[button(_("⬅️ Back"), back), home_button()]])


def coupon_push_kb(coupon_id: int) -> list[list[InlineKeyboardButton]]:
    """The buttons of an expiry reminder (the mute button is added by the push)."""
    return [
        [
            button(_("🎟 Open coupon"), CouponCb(action=CouponAction.OPEN, coupon_id=coupon_id)),
            button(_("🎟 My coupons"), CouponListCb(tab=CouponTab.ACTIVE)),
        ]
    ]
