"""Texts of Favourite stores: the list with each store's rating and news, a saved store's
screen with its new arrivals and coupons to take, and the toasts of the moves."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _

from bot.db.models import Coupon, Product, Store, StoreCouponOffer
from bot.services.favourites.screens import FavouriteList, FavouriteStoreScreen, OfferRow
from bot.views import format as fmt
from bot.views.coupons import coupon_value
from bot.views.feedback.screens import store_rating_line

NAME_LENGTH = 60  # a store's name in a list line or a button
TITLE_LENGTH = 60  # a product's or a coupon's title on a store's screen


def store_name(store: Store, limit: int = NAME_LENGTH) -> str:
    return fmt.quote(fmt.short(store.name, limit))


def localized(titles: dict[str, object], fallback: str) -> str:
    title = titles.get(get_i18n().current_locale)
    return title if isinstance(title, str) and title else fallback


def new_arrivals_label(count: int) -> str:
    return ngettext("🆕 {count} new", "🆕 {count} new", count).format(count=fmt.number(count))


def favourites_text(favourites: FavouriteList) -> str:
    page = favourites.page
    if not page.total:
        return _(
            "⭐ <b>Favourite stores</b>\n\nNo saved stores yet. Save a store from its page or "
            "from a product card, and its new arrivals and coupons will be waiting here."
        )
    lines = [_("⭐ <b>Favourite stores</b>")]
    for number, row in enumerate(page.items, start=page.offset + 1):
        head = f"{fmt.number(number)}. <b>{store_name(row.store)}</b>"
        details = [store_rating_line(row.store) or _("No ratings yet.")]
        if row.new_count:
            details.append(
                ngettext(
                    "🆕 {count} new arrival since your last visit",
                    "🆕 {count} new arrivals since your last visit",
                    row.new_count,
                ).format(count=fmt.number(row.new_count))
            )
        if row.offers:
            details.append(
                ngettext(
                    "🎟 {count} coupon to take", "🎟 {count} coupons to take", row.offers
                ).format(count=fmt.number(row.offers))
            )
        lines.append(head + "\n" + "\n".join(details))
    return "\n\n".join(lines) + fmt.page_note(page)


def _product_line(product: Product) -> str:
    title = fmt.quote(fmt.short(localized(product.titles, product.title), TITLE_LENGTH))
    if product.price_minor is None or product.currency is None:
        return f"• {title}"
    return f"• {title} — {fmt.paid(product.price_minor, product.currency)}"


def offer_coupon(offer: StoreCouponOffer) -> Coupon:
    """The offer as the coupon it gives, to word its value as My coupons does."""
    return Coupon(
        discount_minor=offer.discount_minor,
        percent_off=offer.percent_off,
        currency=offer.currency,
        min_order_minor=offer.min_order_minor,
    )


def offer_value(offer: StoreCouponOffer) -> str:
    return coupon_value(offer_coupon(offer))


def _offer_line(row: OfferRow, tz: tzinfo) -> str:
    offer = row.offer
    title = fmt.quote(fmt.short(localized(offer.titles, offer.title), TITLE_LENGTH))
    line = _("• {value}: {title}, take it by {date}").format(
        value=offer_value(offer), title=title, date=fmt.day(offer.claim_until, tz)
    )
    if row.taken:
        return line + " " + _("(taken ✅)")
    if offer.quantity is not None:
        left = offer.quantity - offer.taken
        line += " " + ngettext("({count} left)", "({count} left)", left).format(
            count=fmt.number(left)
        )
    return line


def favourite_store_text(screen: FavouriteStoreScreen, tz: tzinfo) -> str:
    lines = [_("🏪 <b>{store}</b>").format(store=store_name(screen.store, 100))]
    lines.append(store_rating_line(screen.store) or _("No ratings yet."))
    if not screen.saved:
        lines.append(_("This store is not in your favourites."))
    elif screen.new_count and screen.seen_at is not None:
        lines.append("")
        lines.append(
            ngettext(
                "🆕 <b>{count} new arrival</b> since your last visit ({date}):",
                "🆕 <b>{count} new arrivals</b> since your last visit ({date}):",
                screen.new_count,
            ).format(count=fmt.number(screen.new_count), date=fmt.day(screen.seen_at, tz))
        )
        lines.extend(_product_line(product) for product in screen.new_arrivals)
        if screen.new_count > len(screen.new_arrivals):
            lines.append(_("…and more on the store's page."))
    else:
        lines.append(_("Nothing new since your last visit."))
    if screen.offers:
        lines.append("")
        lines.append(_("🎟 <b>Coupons to take</b>"))
        lines.extend(_offer_line(row, tz) for row in screen.offers)
    if screen.saved:
        lines.append("")
        if screen.news:
            lines.append(_("🔔 You get a push when it has new arrivals or discounts."))
        else:
            lines.append(_("🔕 No pushes about its new arrivals and discounts."))
    return "\n".join(lines)


def saved_text(store: Store) -> str:
    return _("⭐ {store} is in your favourite stores.").format(store=fmt.short(store.name, 60))


def unsaved_text(store: Store) -> str:
    return _("{store} is no longer in your favourite stores.").format(
        store=fmt.short(store.name, 60)
    )


def taken_text() -> str:
    return _("🎟 Coupon taken: it is in My coupons.")


def news_on_text() -> str:
    return _("🔔 You will hear about its new arrivals and discounts.")


def news_off_text() -> str:
    return _("🔕 No more pushes about this store.")
