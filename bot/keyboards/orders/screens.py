"""My orders: keyboards for tabs, the order card and search."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.models import Order
from bot.keyboards.callbacks import (
    ConversationCb,
    FeedbackAction,
    FeedbackCb,
    OrderAction,
    OrderCb,
    OrderListCb,
    SearchAction,
    SearchCb,
    TrashAction,
    TrashCb,
    TrashListCb,
)
from bot.keyboards.disputes.screens import order_dispute_button
from bot.keyboards.nav import button, home_button, page_buttons
from bot.keyboards.stores import store_button, unblock_to_chat_button
from bot.services.orders.buyer import OrderList, OrderScreen, OrderTab
from bot.services.paging import Page
from bot.views import format as fmt
from bot.views.labels import STATUS_ICONS, tab_label


def order_button(order: Order, back: OrderCb) -> InlineKeyboardButton:
    price = fmt.money(order.total_minor, order.currency)
    text = f"{STATUS_ICONS[order.status]} {fmt.short(order.headline)} · {price}"
    return button(text, back.model_copy(update={"action": OrderAction.OPEN, "order_id": order.id}))


def _tab_text(each: OrderTab, current: OrderTab, count: int) -> str:
    mark = "• " if each is current else ""
    return f"{mark}{tab_label(each)} {fmt.number(count)}"


def orders_list_kb(listing: OrderList) -> InlineKeyboardMarkup:
    tab, page, pages = listing.tab, listing.page.number, listing.page.pages
    tabs = [
        button(_tab_text(each, tab, listing.tab_counts[each]), OrderListCb(tab=each))
        for each in OrderTab
    ]
    back = OrderCb(action=OrderAction.OPEN, order_id=0, tab=tab, page=page)
    rows = [tabs[:3], tabs[3:]]
    rows += [[order_button(order, back)] for order in listing.page.items]
    rows.append(page_buttons(page, pages, lambda p: OrderListCb(tab=tab, page=p)))
    rows.append(
        [
            button(_("🔎 Search"), SearchCb(action=SearchAction.START)),
            button(
                _("🗑 Deleted ({count})").format(count=fmt.number(listing.trashed)),
                TrashListCb(page=0),
            ),
        ]
    )
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def search_results_kb(found: Page[Order]) -> InlineKeyboardMarkup:
    page, orders = found.number, found.items
    back = OrderCb(action=OrderAction.OPEN, order_id=0, from_search=True, page=page)
    rows = [[order_button(order, back)] for order in orders if order.deleted_at is None]
    rows += [
        [
            button(
                _("♻️ Restore №{number}").format(number=order.number),
                TrashCb(action=TrashAction.RESTORE, order_id=order.id),
            )
        ]
        for order in orders
        if order.deleted_at is not None
    ]
    rows.append(
        page_buttons(page, found.pages, lambda p: SearchCb(action=SearchAction.PAGE, page=p))
    )
    rows.append(
        [
            button(_("🔎 New search"), SearchCb(action=SearchAction.START)),
            button(_("📋 My orders"), OrderListCb(tab=OrderTab.ALL)),
        ]
    )
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=[row for row in rows if row])


def search_prompt_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("✖️ Cancel search"), OrderListCb(tab=OrderTab.ALL))],
        ]
    )


def back_to_list(cb: OrderCb) -> CallbackData:
    """Where Back from an order card leads: the tab page or the search results it came from."""
    if cb.from_search:
        return SearchCb(action=SearchAction.PAGE, page=cb.page)
    return OrderListCb(tab=cb.tab, page=cb.page)


def order_card_kb(card: OrderScreen, cb: OrderCb) -> InlineKeyboardMarkup:
    """Only the actions the order allows now (the screen says which): a button that would
    always be refused (Delete on an unfinished order or one whose dispute is open, Extend once
    used or expired) is not offered. A blocked seller's card offers Unblock to chat instead
    of Chat with the seller."""
    order = card.order

    def act(action: OrderAction) -> OrderCb:
        return cb.model_copy(update={"action": action, "order_id": order.id})

    rows: list[list[InlineKeyboardButton]] = []
    if order.tracking_number:
        rows.append([button(_("🚚 Track"), act(OrderAction.TRACK))])
    if card.can_confirm:
        rows.append([button(_("✅ Confirm receipt"), act(OrderAction.CONFIRM_ASK))])
    if card.can_extend:
        rows.append([button(_("🛡 Extend protection"), act(OrderAction.EXTEND))])
    if card.can_rate:  # completed, no feedback yet, and the window is still open
        rate = FeedbackCb(action=FeedbackAction.RATE, order_id=order.id)
        rows.append([button(_("⭐ Leave feedback"), rate)])
    elif order.feedback_at is not None:
        mine = FeedbackCb(action=FeedbackAction.OPEN, order_id=order.id)
        rows.append([button(_("⭐ My feedback"), mine)])
    dispute = order_dispute_button(card.dispute)  # Open dispute, or the dispute it has
    if dispute is not None:
        rows.append([dispute])
    rows.append([store_button(order)])  # the store screen: rating, block, report
    if card.seller_blocked:
        rows.append([unblock_to_chat_button(order)])
    else:
        rows.append([button(_("✉️ Chat with the seller"), act(OrderAction.MESSAGES))])
    if card.can_delete:
        rows.append([button(_("🗑 Delete order"), act(OrderAction.DELETE))])
    rows.append([button(_("⬅️ Back"), back_to_list(cb)), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def confirm_receipt_kb(cb: OrderCb) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(
                    _("✅ Yes, I received it"),
                    cb.model_copy(update={"action": OrderAction.CONFIRM}),
                )
            ],
            [button(_("⬅️ Not yet"), cb.model_copy(update={"action": OrderAction.OPEN}))],
        ]
    )


def tracking_kb(cb: OrderCb) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("⬅️ Back to order"), cb.model_copy(update={"action": OrderAction.OPEN}))],
            [home_button()],
        ]
    )


def conversation_page_buttons(cb: OrderCb, page: int, pages: int) -> list[InlineKeyboardButton]:
    """Older messages are on the next pages; the newest page is the first."""

    def make(number: int) -> ConversationCb:
        return ConversationCb(
            order_id=cb.order_id, page=number, tab=cb.tab, from_search=cb.from_search
        )

    buttons = []
    if page < pages - 1:
        buttons.append(button(_("⬅️ Older messages"), make(page + 1)))
    if page > 0:
        buttons.append(button(_("Newer messages ➡️"), make(page - 1)))
    return buttons


def conversation_kb(
    cb: OrderCb, has_photos: bool = False, page: int = 0, pages: int = 1
) -> InlineKeyboardMarkup:
    rows = [
        [button(_("✍️ Write to the seller"), cb.model_copy(update={"action": OrderAction.WRITE}))]
    ]
    paging = conversation_page_buttons(cb, page, pages)
    if paging:
        rows.append(paging)
    if has_photos:
        rows.append([photos_button(cb.model_copy(update={"action": OrderAction.PHOTOS}))])
    rows.append([button(_("⬅️ Back to order"), cb.model_copy(update={"action": OrderAction.OPEN}))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def photos_button(callback_data: CallbackData) -> InlineKeyboardButton:
    return button(_("📷 Show photos"), callback_data)


def write_prompt_kb(cb: OrderCb) -> InlineKeyboardMarkup:
    back = cb.model_copy(update={"action": OrderAction.MESSAGES})
    return InlineKeyboardMarkup(inline_keyboard=[[button(_("✖️ Cancel"), back)]])
