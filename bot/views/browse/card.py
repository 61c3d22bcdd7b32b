"""The product card: a caption under the product's photo (1024 characters) or a text screen
without one; the description takes what room the rest leaves."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.services.browse.card import ProductCard
from bot.views import format as fmt
from bot.views.browse.products import description_of, price_of, rating_line, stock_line, title_of
from bot.views.feedback.screens import store_rating_line
from bot.views.fit import CAPTION_LIMIT, clip, fit, visible_length

TITLE_LIMIT = 200  # a title longer than this is cut on the card
TEXT_BUDGET = 3000  # a card without a photo: room for a long description, short of 4096


def card_text(card: ProductCard, with_photo: bool) -> str:
    limit = CAPTION_LIMIT if with_photo else TEXT_BUDGET
    product = card.product
    lines = [f"<b>{clip(title_of(product), TITLE_LIMIT)}</b>", ""]
    lines.append(_("💰 {price}").format(price=price_of(product)))
    if product.currency is not None and (note := fmt.rate_note(product.currency)) is not None:
        lines.append(note)
    if (rating := rating_line(product)) is not None:
        lines.append(rating)
    lines.append(stock_line(product))
    store = _("🏪 {store}").format(store=clip(card.store.name, 100))
    lines.append(store)
    if (store_rating := store_rating_line(card.store)) is not None:
        lines.append(store_rating)
    text = "\n".join(lines)
    description = description_of(product).strip()
    room = limit - visible_length(text) - 2
    if description and room > 20:
        text += "\n\n" + clip(description, room)
    return fit(text, limit)


def unknown_product_text() -> str:
    return _("This product is not available any more. It may have been removed from the store.")


def share_text(title: str) -> str:
    """What a shared card says beside its link."""
    # NOTE: the text Telegram puts beside the link when the buyer shares a product
    return _("Look at this: {title}").format(title=fmt.short(title, 100))
