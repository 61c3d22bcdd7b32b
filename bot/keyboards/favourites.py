"""Keyboards of Favourite stores, and the Save store button other screens carry."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import (
    CouponListCb,
    FavAct,
    FavCb,
    FavListCb,
    FavScreenAct,
    FavStoreCb,
    FavTakeCb,
    ProductCb,
    ShopCb,
)
from bot.keyboards.nav import button, home_button, page_buttons
from bot.services.coupons import CouponTab
from bot.services.favourites.screens import FavouriteList, FavouriteStoreScreen
from bot.views import format as fmt
from bot.views.favourites.screens import (
    NAME_LENGTH,
    localized,
    new_arrivals_label,
    offer_value,
)


def favourites_button() -> InlineKeyboardButton:
    """Favourite stores, for home."""
    return button(_("⭐ Favourite stores"), FavListCb())


def save_store_button(store_id: int, saved: bool) -> InlineKeyboardButton:
    """Save store (or take it off the favourites, once saved): for a product card, a store
    page, the store screen of an order; pressing it swaps it for the other in place."""
    if saved:
        return button(_("✅ Store saved"), FavStoreCb(action=FavAct.UNSAVE, store_id=store_id))
    return button(_("⭐ Save store"), FavStoreCb(action=FavAct.SAVE, store_id=store_id))


def swapped_save_button(
    markup: InlineKeyboardMarkup | None, pressed: FavStoreCb
) -> InlineKeyboardMarkup | None:
    """The keyboard with the pressed Save (or Remove) button swapped for the other one;
    None when the keyboard has no such button (a press replayed after signing in)."""
    if markup is None:
        return None
    data = pressed.pack()
    swapped = save_store_button(pressed.store_id, saved=pressed.action is FavAct.SAVE)
    rows = [
        [swapped if each.callback_data == data else each for each in row]
        for row in markup.inline_keyboard
    ]
    if rows == markup.inline_keyboard:
        return None
    return InlineKeyboardMarkup(inline_keyboard=rows)


def favourites_kb(favourites: FavouriteList) -> InlineKeyboardMarkup:
    page = favourites.page
    rows = []
    for row in page.items:
        label = "🏪 " + fmt.short(row.store.name, NAME_LENGTH)
        if row.new_count:
            label += " · " + new_arrivals_label(row.new_count)
        if row.offers:
            label += " · 🎟"
        data = FavCb(action=FavScreenAct.OPEN, store_id=row.store.id, page=page.number)
        rows.append([button(label, data)])
    if nav := page_buttons(page.number, page.pages, lambda number: FavListCb(page=number)):
        rows.append(nav)
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def favourite_store_kb(screen: FavouriteStoreScreen) -> InlineKeyboardMarkup:
    store_id, page = screen.store.id, screen.page
    rows = [
        [
            button(
                "🆕 " + fmt.short(localized(product.titles, product.title), 50),
                ProductCb(product_id=product.id),
            )
        ]
        for product in screen.new_arrivals
    ]
    for row in screen.offers:
        if not row.taken:
            text = _("🎟 Take: {value}").format(value=offer_value(row.offer))
            rows.append([button(fmt.short(text, 60), FavTakeCb(offer_id=row.offer.id, page=page))])
    if any(row.taken for row in screen.offers):
        rows.append([button(_("🎟 My coupons"), CouponListCb(tab=CouponTab.ACTIVE))])
    rows.append([button(_("🏪 All products of the store"), ShopCb(store_id=store_id))])
    if screen.saved:
        action = FavScreenAct.NEWS_OFF if screen.news else FavScreenAct.NEWS_ON
        label = _("🔕 Stop its news") if screen.news else _("🔔 Tell me its news")
        rows.append([button(label, FavCb(action=action, store_id=store_id, page=page))])
    rows.append([save_store_button(store_id, screen.saved)])
    rows.append([button(_("⬅️ Favourite stores"), FavListCb(page=page))])
    return InlineKeyboardMarkup(inline_keyboard=rows)
