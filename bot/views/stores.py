"""The texts of the store screen reached from an order card."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.db.models import Store
from bot.services.stores import StoreCard
from bot.views import format as fmt
from bot.views.feedback.screens import store_rating_line


def store_card_text(card: StoreCard) -> str:
    lines = [_("🏪 <b>{store}</b>").format(store=fmt.quote(card.store.name))]
    lines.append(store_rating_line(card.store) or _("No ratings yet."))
    lines.append(
        ngettext(
            "You have {count} order in this store.",
            "You have {count} orders in this store.",
            card.orders_count,
        ).format(count=fmt.number(card.orders_count))
    )
    if card.blocked:
        lines.append(_("🚫 You blocked this seller: their messages and promotions are hidden."))
    return "\n".join(lines)


def block_confirm_text(store: Store) -> str:
    return _(
        "Block {store}? Their messages and promotions will no longer reach you. "
        "You can unblock them here at any time."
    ).format(store=fmt.quote(store.name))


def products_text() -> str:
    return _("🚩 Which product of this order do you want to report?")


def blocked_text() -> str:
    return _("🚫 Seller blocked.")


def unblocked_text() -> str:
    return _("✅ Seller unblocked.")
