"""Texts of Coupons: what a coupon is worth, the tabbed list and the coupon card."""

from __future__ import annotations

from datetime import datetime, tzinfo

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from bot.db.models import Coupon
from bot.services.coupons import (
    CouponList,
    CouponState,
    CouponTab,
    coupon_state,
    not_started,
    time_left,
)
from bot.views import format as fmt
from bot.views.fit import clip
from bot.views.labels import coupon_tab_label

STATE_ICONS = {CouponState.ACTIVE: "🎟", CouponState.USED: "✅", CouponState.EXPIRED: "⌛"}


def coupon_value(coupon: Coupon) -> str:
    """`$3 off orders from $20`, `10% off`: the words the web cabinet puts on a coupon."""
    if coupon.discount_minor is not None and coupon.currency is not None:
        discount = fmt.paid_short(coupon.discount_minor, coupon.currency)
    else:
        discount = fmt.percent(coupon.percent_off or 0)
    if coupon.min_order_minor and coupon.currency is not None:
        # NOTE: a coupon's value; {discount} is an amount or a percent: "$3 off orders from $20".
        return _("{discount} off orders from {minimum}").format(
            discount=discount, minimum=fmt.paid_short(coupon.min_order_minor, coupon.currency)
        )
    # NOTE: a coupon's value without a minimum order: "$3 off", "10% off".
    return _("{discount} off").format(discount=discount)


def coupon_title(coupon: Coupon) -> str:
    """The title in the buyer's language when the marketplace gave one."""
    title = coupon.titles.get(get_i18n().current_locale)
    return title if isinstance(title, str) and title else coupon.title


def store_name(coupon: Coupon) -> str:
    """The store's name, or that the coupon works everywhere (not escaped)."""
    return coupon.store.name if coupon.store is not None else _("All stores")


def expiry_line(coupon: Coupon, now: datetime, tz: tzinfo) -> str:
    # NOTE: {when} is a relative time such as "in 3 days" or "in 20 hours".
    return _("⏳ Expires {date} ({when})").format(
        date=fmt.day_time(coupon.expires_at, tz), when=fmt.relative(time_left(coupon, now))
    )


def _state_line(coupon: Coupon, now: datetime, tz: tzinfo) -> str:
    state = coupon_state(coupon, now)
    if state is CouponState.USED:
        assert coupon.used_at is not None
        used = _("✅ Used on {date}").format(date=fmt.day(coupon.used_at, tz))
        if coupon.order is not None:
            used += " · " + _("order №{number}").format(number=fmt.quote(coupon.order.number))
        return used
    if state is CouponState.EXPIRED:
        return _("⌛ Expired on {date}").format(date=fmt.day(coupon.expires_at, tz))
    line = expiry_line(coupon, now, tz)
    if not_started(coupon, now):
        assert coupon.starts_at is not None
        starts = _("🕒 Valid from {date}").format(date=fmt.day_time(coupon.starts_at, tz))
        line = f"{starts}\n{line}"
    return line


def coupon_line(index: int, coupon: Coupon, now: datetime, tz: tzinfo) -> str:
    # Shortened: ten coupons of a long store name each must fit one list (the card has all).
    where = f"{clip(coupon_title(coupon), 100)} · {clip(store_name(coupon), 60)}"
    state = _state_line(coupon, now, tz).replace("\n", "\n    ")
    return f"{index}. <b>{coupon_value(coupon)}</b>\n    {where}\n    {state}"


def coupon_button_text(coupon: Coupon, now: datetime) -> str:
    icon = STATE_ICONS[coupon_state(coupon, now)]
    return f"{icon} {fmt.short(coupon_value(coupon), 36)} · {fmt.short(store_name(coupon), 24)}"


def coupons_list_text(listing: CouponList, now: datetime, tz: tzinfo) -> str:
    header = _("🎟 <b>Coupons</b> · {tab}").format(tab=fmt.quote(coupon_tab_label(listing.tab)))
    page = listing.page
    if page.items:
        body = "\n\n".join(
            coupon_line(index, coupon, now, tz) for index, coupon in enumerate(page.items, start=1)
        )
    elif listing.tab is CouponTab.ACTIVE:
        body = _(
            "You have no active coupons. Coupons you get on the marketplace show up here, "
            "and the bot reminds you before they expire."
        )
    else:
        body = _("No used or expired coupons.")
    return f"{header}\n\n{body}{fmt.page_note(page)}"


def coupon_card_text(coupon: Coupon, now: datetime, tz: tzinfo) -> str:
    lines = [
        f"🎟 <b>{fmt.quote(coupon_title(coupon))}</b>",
        "",
        f"<b>{coupon_value(coupon)}</b>",
        _("Store: {store}").format(store=fmt.quote(store_name(coupon))),
        _state_line(coupon, now, tz),
    ]
    if coupon_state(coupon, now) is CouponState.ACTIVE:
        lines += [
            "",
            _("The discount is applied at checkout on the marketplace when your order qualifies."),
        ]
    return "\n".join(lines)
