"""A store page's buttons: its products, new arrivals, save, search in it, pages."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.browse.card import shop_button
from bot.keyboards.callbacks import FavAct, FavStoreCb, ProductCb, ShopCb, StoreSearchCb
from bot.keyboards.nav import button, home_button, page_buttons
from bot.services.browse.stores import StorePage
from bot.views.browse.products import button_text


def store_page_kb(page: StorePage) -> InlineKeyboardMarkup:
    store_id = page.store.id
    rows = [
        [button(button_text(product), ProductCb(product_id=product.id))]
        for product in page.products.items
    ]
    if nav := page_buttons(
        page.products.number,
        page.products.pages,
        lambda n: ShopCb(store_id=store_id, page=n, new=page.new_only),
    ):
        rows.append(nav)
    if page.new_only:
        rows.append([button(_("📦 All products"), ShopCb(store_id=store_id))])
    elif page.new_arrivals:
        rows.append([button(_("🆕 New arrivals"), ShopCb(store_id=store_id, new=True))])
    if page.saved:
        save = button(_("✅ Store saved"), FavStoreCb(action=FavAct.UNSAVE, store_id=store_id))
    else:
        save = button(_("⭐ Save store"), FavStoreCb(action=FavAct.SAVE, store_id=store_id))
    rows.append([save, button(_("🔎 Search here"), StoreSearchCb(store_id=store_id))])
    rows.append([shop_button(), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)
