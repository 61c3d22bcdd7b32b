"""My wishes: the keyboards of the lists, a list, an item and their questions."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import (
    ProductAct,
    ProductCb,
    WishDropCb,
    WishesAct,
    WishesCb,
    WishItemAct,
    WishItemCb,
    WishListAct,
    WishListCb,
    WishMergeCb,
    WishMoveAct,
    WishMoveCb,
    WishPickCb,
)
from bot.keyboards.nav import button, home_button, page_buttons
from bot.services.wishes.lists import ListDeletion, ListPicker, ListScreen, WishCard, WishLists
from bot.services.wishes.rules import DROP_CHOICES
from bot.views import format as fmt
from bot.views.wishes.screens import item_button_text, list_button_text, list_label, list_name

Rows = list[list[InlineKeyboardButton]]


def wishes_button() -> InlineKeyboardButton:
    """My wishes, for home and wherever a way to the lists is wanted."""
    return button(_("❤️ My wishes"), WishesCb())


def _back_to_lists() -> InlineKeyboardButton:
    return button(_("⬅️ My wishes"), WishesCb())


def lists_kb(overview: WishLists) -> InlineKeyboardMarkup:
    rows: Rows = [
        [
            button(
                list_button_text(list_label(summary.wish_list), summary.count),
                WishListCb(list_id=summary.wish_list.id),
            )
        ]
        for summary in overview.lists
    ]
    if overview.can_create:
        rows.append([button(_("➕ New list"), WishesCb(action=WishesAct.NEW))])
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def list_kb(screen: ListScreen) -> InlineKeyboardMarkup:
    wish_list, page = screen.wish_list, screen.page
    rows: Rows = [
        [
            button(
                item_button_text(page.offset + index + 1, line),
                WishItemCb(action=WishItemAct.OPEN, item_id=line.item.id, page=page.number),
            )
        ]
        for index, line in enumerate(page.items)
    ]
    rows.append(
        page_buttons(page.number, page.pages, lambda p: WishListCb(list_id=wish_list.id, page=p))
    )
    if not wish_list.is_default:
        act = WishListAct
        rows.append(
            [
                button(_("✏️ Rename"), WishListCb(action=act.RENAME, list_id=wish_list.id)),
                button(_("🗑 Delete list"), WishListCb(action=act.DELETE_ASK, list_id=wish_list.id)),
            ]
        )
    rows.append([_back_to_lists(), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def cancel_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[_back_to_lists()]])


def back_to_list_kb(list_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[[button(_("⬅️ Back"), WishListCb(list_id=list_id))]]
    )


def deletion_kb(question: ListDeletion) -> InlineKeyboardMarkup:
    list_id = question.wish_list.id
    rows: Rows = []
    if question.count:
        rows += [
            [
                button(
                    _("➡️ Move to “{name}”").format(name=fmt.short(list_name(other), 40)),
                    WishMergeCb(list_id=list_id, into_id=other.id),
                )
            ]
            for other in question.others
        ]
        remove = _("🗑 Delete with the items")
    else:
        remove = _("🗑 Delete")
    rows.append([button(remove, WishListCb(action=WishListAct.DELETE, list_id=list_id))])
    rows.append([button(_("⬅️ Back"), WishListCb(list_id=list_id))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def picker_kb(picker: ListPicker) -> InlineKeyboardMarkup:
    product_id = picker.product.id
    rows: Rows = [
        [
            button(
                ("✓ " if each.id in picker.holding else "") + list_label(each),
                WishPickCb(product_id=product_id, list_id=each.id),
            )
        ]
        for each in picker.lists
    ]
    rows.append([button(_("⬅️ Back"), ProductCb(action=ProductAct.OPEN, product_id=product_id))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def card_kb(card: WishCard, page: int) -> InlineKeyboardMarkup:
    item = card.line.item

    def act(action: WishItemAct) -> WishItemCb:
        return WishItemCb(action=action, item_id=item.id, page=page)

    rows: Rows = [
        [
            button(
                _("🛍 Open product"), ProductCb(action=ProductAct.OPEN, product_id=item.product_id)
            )
        ],
        [
            button(_("🎯 Target price"), act(WishItemAct.TARGET)),
            button(_("📉 Any drop"), act(WishItemAct.DROP_ASK)),
        ],
    ]
    if item.target_price_minor is not None or item.drop_percent is not None:
        rows.append([button(_("🔕 Stop the price alert"), act(WishItemAct.PRICE_OFF))])
    if item.back_in_stock:
        rows.append([button(_("✅ Back in stock alert: on"), act(WishItemAct.STOCK_OFF))])
    else:
        rows.append([button(_("📦 Back in stock alert: off"), act(WishItemAct.STOCK_ON))])
    if card.others:
        rows.append(
            [
                button(_("↔️ Move"), act(WishItemAct.MOVE_ASK)),
                button(_("📋 Copy"), act(WishItemAct.COPY_ASK)),
            ]
        )
    rows.append([button(_("🗑 Remove"), act(WishItemAct.REMOVE))])
    rows.append([button(_("⬅️ Back to the list"), WishListCb(list_id=item.list_id, page=page))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def _back_to_card(card: WishCard, page: int) -> list[InlineKeyboardButton]:
    item_id = card.line.item.id
    return [button(_("⬅️ Back"), WishItemCb(action=WishItemAct.OPEN, item_id=item_id, page=page))]


def move_kb(card: WishCard, page: int, copy: bool) -> InlineKeyboardMarkup:
    action = WishMoveAct.COPY if copy else WishMoveAct.MOVE
    item_id = card.line.item.id
    rows: Rows = [
        [button(list_label(other), WishMoveCb(action=action, item_id=item_id, to_list_id=other.id))]
        for other in card.others
    ]
    rows.append(_back_to_card(card, page))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def drop_kb(card: WishCard, page: int) -> InlineKeyboardMarkup:
    item = card.line.item
    choices = [
        button(
            ("✓ " if item.drop_percent == percent else "") + f"−{fmt.percent(percent)}",
            WishDropCb(item_id=item.id, percent=percent),
        )
        for percent in DROP_CHOICES
    ]
    rows: Rows = [choices[:3], choices[3:], _back_to_card(card, page)]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def target_prompt_kb(card: WishCard, page: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[_back_to_card(card, page)])
