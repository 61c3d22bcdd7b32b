"""Deleted orders: keyboards for the trash list and a trashed order."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.models import Order
from bot.keyboards.callbacks import OrderListCb, TrashAction, TrashCb, TrashListCb
from bot.keyboards.nav import button, home_button, page_buttons
from bot.services.orders.buyer import OrderTab
from bot.services.paging import Page
from bot.views import format as fmt


def trash_list_kb(listing: Page[Order]) -> InlineKeyboardMarkup:
    page = listing.number
    rows = [
        [
            button(
                f"🗑 {fmt.short(order.headline)}",
                TrashCb(action=TrashAction.OPEN, order_id=order.id, page=page),
            )
        ]
        for order in listing.items
    ]
    rows.append(page_buttons(page, listing.pages, lambda p: TrashListCb(page=p)))
    rows.append([button(_("📋 My orders"), OrderListCb(tab=OrderTab.ALL)), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def trashed_order_kb(order: Order, page: int, *, can_purge: bool = True) -> InlineKeyboardMarkup:
    """Restore always; Delete forever unless an open dispute keeps the order."""

    def act(action: TrashAction) -> TrashCb:
        return TrashCb(action=action, order_id=order.id, page=page)

    rows = [[button(_("♻️ Restore"), act(TrashAction.RESTORE))]]
    if can_purge:
        rows.append([button(_("❌ Delete forever"), act(TrashAction.PURGE_ASK))])
    rows.append([button(_("⬅️ Back"), TrashListCb(page=page)), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def purge_confirm_kb(order: Order, page: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(
                    _("❌ Yes, delete forever"),
                    TrashCb(action=TrashAction.PURGE, order_id=order.id, page=page),
                )
            ],
            [
                button(
                    _("⬅️ Keep it"), TrashCb(action=TrashAction.OPEN, order_id=order.id, page=page)
                )
            ],
        ]
    )


def moved_to_trash_kb(order: Order, back: CallbackData) -> InlineKeyboardMarkup:
    """After deleting: undo right away, or go on."""
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("↩️ Undo"), TrashCb(action=TrashAction.RESTORE, order_id=order.id))],
            [button(_("🗑 Deleted orders"), TrashListCb(page=0)), button(_("📋 My orders"), back)],
            [home_button()],
        ]
    )
