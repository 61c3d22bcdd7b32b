"""The store screen reached from an order card: its keyboards."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.models import Order
from bot.keyboards.callbacks import OrderAction, OrderCb, StoreAct, StoreCb, StoreProductCb
from bot.keyboards.favourites import save_store_button
from bot.keyboards.nav import button
from bot.services.stores import StoreCard
from bot.views import format as fmt


def store_button(order: Order) -> InlineKeyboardButton:
    text = _("🏪 {store}").format(store=fmt.short(order.store.name, 40))
    return button(text, StoreCb(action=StoreAct.OPEN, order_id=order.id))


def unblock_to_chat_button(order: Order) -> InlineKeyboardButton:
    """On the card of an order whose seller is blocked, instead of "Chat with the seller"."""
    return button(
        _("🔓 Unblock the seller to chat"), StoreCb(action=StoreAct.UNBLOCK, order_id=order.id)
    )


def _back_row(order_id: int) -> list[InlineKeyboardButton]:
    return [button(_("⬅️ Back to order"), OrderCb(action=OrderAction.OPEN, order_id=order_id))]


def store_card_kb(card: StoreCard) -> InlineKeyboardMarkup:
    order_id = card.order.id

    def act(action: StoreAct) -> StoreCb:
        return StoreCb(action=action, order_id=order_id)

    if card.blocked:
        block = button(_("✅ Unblock"), act(StoreAct.UNBLOCK))
    else:
        block = button(_("🚫 Block this seller"), act(StoreAct.BLOCK_ASK))
    rows = [[block], [button(_("🚩 Report the store"), act(StoreAct.REPORT))]]
    if not card.blocked:
        rows.insert(0, [save_store_button(card.store.id, card.saved)])
    if card.products:
        rows.append([button(_("🚩 Report a product"), act(StoreAct.PRODUCTS))])
    rows.append(_back_row(order_id))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def block_confirm_kb(order_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("🚫 Yes, block"), StoreCb(action=StoreAct.BLOCK, order_id=order_id))],
            [button(_("⬅️ Back"), StoreCb(action=StoreAct.OPEN, order_id=order_id))],
        ]
    )


def products_kb(card: StoreCard) -> InlineKeyboardMarkup:
    order_id = card.order.id
    rows = [
        [button(fmt.short(title, 50), StoreProductCb(order_id=order_id, product_id=product_id))]
        for product_id, title in card.products
    ]
    rows.append([button(_("⬅️ Back"), StoreCb(action=StoreAct.OPEN, order_id=order_id))])
    return InlineKeyboardMarkup(inline_keyboard=rows)
