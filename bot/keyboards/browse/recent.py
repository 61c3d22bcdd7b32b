"""Recently viewed: a product per row with its remove button, pages, clear, length."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.browse.card import shop_button
from bot.keyboards.callbacks import ProductCb, RecentAct, RecentCb, RecentLengthCb
from bot.keyboards.nav import button, home_button, page_buttons
from bot.services.browse.recent import RecentList
from bot.views.browse.products import button_text


def recent_kb(listing: RecentList) -> InlineKeyboardMarkup:
    page = listing.page
    rows = [
        [
            button(button_text(product), ProductCb(product_id=product.id)),
            button(
                "✖️",
                RecentCb(action=RecentAct.REMOVE, product_id=product.id, page=page.number),
            ),
        ]
        for product, _viewed_at in page.items
    ]
    if nav := page_buttons(
        page.number, page.pages, lambda n: RecentCb(action=RecentAct.OPEN, page=n)
    ):
        rows.append(nav)
    tools = [
        button(_("⚙️ Keep: {count}").format(count=listing.limit), RecentCb(action=RecentAct.LENGTH))
    ]
    if page.total:
        tools.insert(0, button(_("🧹 Clear all"), RecentCb(action=RecentAct.CLEAR_ASK)))
    rows.append(tools)
    rows.append([shop_button(), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def clear_confirm_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("🧹 Yes, clear"), RecentCb(action=RecentAct.CLEAR))],
            [button(_("⬅️ Back"), RecentCb(action=RecentAct.OPEN))],
        ]
    )


def length_kb(choices: tuple[int, ...], current: int) -> InlineKeyboardMarkup:
    row = [
        button(("✓ " if count == current else "") + str(count), RecentLengthCb(length=count))
        for count in choices
    ]
    return InlineKeyboardMarkup(
        inline_keyboard=[row, [button(_("⬅️ Back"), RecentCb(action=RecentAct.OPEN))]]
    )
