"""How a product reads anywhere in the shopping half: its title and description in the
buyer's language (falling back as titles do: the marketplace's default title, English, then
any), its price in the display currency, its rating and its stock."""

from __future__ import annotations

from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from babel.numbers import format_decimal

from bot.db.models import Product
from bot.views import format as fmt


def title_of(product: Product) -> str:
    return (product.titles or {}).get(get_i18n().current_locale) or product.title


def description_of(product: Product) -> str:
    descriptions = product.descriptions or {}
    found = descriptions.get(get_i18n().current_locale) or descriptions.get("en")
    if found:
        return str(found)
    return str(next((text for text in descriptions.values() if text), ""))


def price_of(product: Product) -> str:
    """The price as the store asks it, with the display currency beside it; a dash without one."""
    if product.price_minor is None or product.currency is None:
        return "—"
    return fmt.paid(product.price_minor, product.currency)


def short_price_of(product: Product) -> str:
    """For a button: the store's price only (the display currency would not fit)."""
    if product.price_minor is None or product.currency is None:
        return "—"
    return fmt.money(product.price_minor, product.currency)


def rating_line(product: Product) -> str | None:
    """`⭐ 4.7 · 120 ratings · 1,500 orders`; None with neither ratings nor orders."""
    parts = []
    if product.rating_count and product.rating_average is not None:
        average = format_decimal(product.rating_average, format="0.0", locale=fmt.locale())
        parts.append(
            ngettext(
                "⭐ {average} · {count} rating",
                "⭐ {average} · {count} ratings",
                product.rating_count,
            ).format(average=average, count=fmt.number(product.rating_count))
        )
    if product.orders_count:
        parts.append(
            ngettext("{count} order", "{count} orders", product.orders_count).format(
                count=fmt.number(product.orders_count)
            )
        )
    return " · ".join(parts) or None


def stock_line(product: Product) -> str:
    if product.stock is None:
        return _("📦 Stock not reported")
    if product.stock <= 0:
        return _("🚫 Out of stock")
    return ngettext("📦 {count} in stock", "📦 {count} in stock", product.stock).format(
        count=fmt.number(product.stock)
    )


def button_text(product: Product) -> str:
    """A product as one button of a list: its title and price."""
    price = short_price_of(product)
    return _("{title} · {price}").format(title=fmt.short(title_of(product), 40), price=price)
