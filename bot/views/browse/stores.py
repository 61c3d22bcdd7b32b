"""A store's own page: its rating, its products or new arrivals, page by page."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.browse.stores import StorePage
from bot.views import format as fmt
from bot.views.feedback.screens import store_rating_line
from bot.views.fit import clip


def store_page_text(page: StorePage, new_arrival_days: int) -> str:
    lines = [_("🏪 <b>{store}</b>").format(store=clip(page.store.name, 200))]
    lines.append(store_rating_line(page.store) or _("No ratings yet."))
    if page.saved:
        lines.append(_("⭐ In your favourite stores."))
    if page.new_arrivals:
        lines.append(
            ngettext(
                "🆕 {count} new arrival in the last {days} days",
                "🆕 {count} new arrivals in the last {days} days",
                page.new_arrivals,
            ).format(count=fmt.number(page.new_arrivals), days=fmt.number(new_arrival_days))
        )
    lines.append("")
    products = page.products
    if page.new_only:
        lines.append(_("<b>New arrivals</b>"))
    if products.total == 0:
        lines.append(
            _("No new arrivals lately.") if page.new_only else _("This store has no products yet.")
        )
    else:
        lines.append(
            ngettext("{count} product", "{count} products", products.total).format(
                count=fmt.number(products.total)
            )
        )
    return "\n".join(lines) + fmt.page_note(products)
