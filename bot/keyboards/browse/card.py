"""The product card's buttons and the shop's way in from anywhere."""

from __future__ import annotations

from urllib.parse import quote

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import (
    CatalogCb,
    ChartCb,
    FavAct,
    FavStoreCb,
    ResultsAct,
    ResultsCb,
    ShopCb,
    WishAddCb,
)
from bot.keyboards.nav import button, home_button
from bot.services.browse.card import LINK_PREFIX, ProductCard
from bot.views.browse.card import share_text
from bot.views.browse.products import title_of


def shop_button() -> InlineKeyboardButton:
    """🛍 Shop: the category tree (for home and any screen that leads to shopping)."""
    return button(_("🛍 Shop"), CatalogCb())


def product_link(bot_username: str, product_id: int) -> str:
    """The deep link that opens the card: t.me/<bot>?start=p_<id>."""
    return f"https://t.me/{bot_username}?start={LINK_PREFIX}{product_id}"


def share_url(bot_username: str, card: ProductCard) -> str:
    """Telegram's share dialog with the card's deep link and a line about the product."""
    link = product_link(bot_username, card.product.id)
    text = share_text(title_of(card.product))
    return f"https://t.me/share/url?url={quote(link, safe='')}&text={quote(text, safe='')}"


def card_kb(card: ProductCard, bot_username: str | None, has_results: bool) -> InlineKeyboardMarkup:
    product, store = card.product, card.store
    if card.store_saved:
        save = button(_("✅ Store saved"), FavStoreCb(action=FavAct.UNSAVE, store_id=store.id))
    else:
        save = button(_("⭐ Save store"), FavStoreCb(action=FavAct.SAVE, store_id=store.id))
    rows = [
        [button(_("❤️ Add to wishes"), WishAddCb(product_id=product.id)), save],
        [button(_("📈 Price chart"), ChartCb(product_id=product.id))],
        # Ask the seller (AskSellerCb) joins here once its question form is handled.
        [button(_("🏪 Store page"), ShopCb(store_id=store.id))],
    ]
    if bot_username:
        share = InlineKeyboardButton(text=_("📤 Share"), url=share_url(bot_username, card))
        rows[1].append(share)
    last = [shop_button(), home_button()]
    if has_results:
        last.insert(0, button(_("⬅️ Results"), ResultsCb(action=ResultsAct.BACK)))
    rows.append(last)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def unknown_product_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(inline_keyboard=[[shop_button(), home_button()]])
