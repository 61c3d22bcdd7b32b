"""Texts of My orders: the list, search results, the order card and the tracking timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.db.enums import OrderStatus
from bot.db.models import Order, TrackingEvent
from bot.i18n import pgettext
from bot.services.orders.buyer import OrderList, OrderScreen, SearchResults, protection_days_left
from bot.services.orders.status import IN_TRANSIT
from bot.views import format as fmt
from bot.views.disputes.screens import dispute_status_line
from bot.views.feedback.screens import store_rating_line
from bot.views.fit import clip, take
from bot.views.labels import STATUS_ICONS, close_reason_label, event_label, status_label, tab_label

# Visible UTF-16 units given to stored text on the order card and the timeline, so the card
# stays under Telegram's 4096 with the longest data the integration API accepts.
TITLE_LIMIT = 150
HEADLINE_LIMIT = 100  # a line of a list of orders
VARIANT_LIMIT = 60
ITEMS_BUDGET = 1800
ADDRESS_LIMIT = 300
EVENT_LIMIT = 200
LOCATION_LIMIT = 80
TIMELINE_BUDGET = 3400


def status_line(order: Order) -> str:
    text = f"{STATUS_ICONS[order.status]} {status_label(order.status)}"
    if order.status is OrderStatus.CLOSED and order.close_reason is not None:
        text += f" ({close_reason_label(order.close_reason)})"
    return text


def order_line(index: int, order: Order) -> str:
    price = fmt.paid(order.total_minor, order.currency)
    title = clip(order.headline, HEADLINE_LIMIT)
    more = ""
    if order.item_count > 1:
        more = " " + ngettext(
            "+ {count} more item", "+ {count} more items", order.item_count - 1
        ).format(count=fmt.number(order.item_count - 1))
    return (
        f"{index}. <b>{title}</b>{more}\n"
        f"    №{fmt.quote(order.number)} · {price} · {status_line(order)}"
    )


def trash_hint(trashed: int) -> str:
    """Tell the buyer where orders they cannot find went."""
    if not trashed:
        return ""
    return "\n\n" + ngettext(
        "🗑 {count} deleted order is in <b>Deleted orders</b>, not in this list.",
        "🗑 {count} deleted orders are in <b>Deleted orders</b>, not in this list.",
        trashed,
    ).format(count=fmt.number(trashed))


def orders_list_text(listing: OrderList) -> str:
    header = _("📋 <b>My orders</b> · {tab}").format(tab=tab_label(listing.tab))
    page = listing.page
    if not page.items:
        body = _("No orders here yet.")
    else:
        body = "\n\n".join(
            order_line(index, order) for index, order in enumerate(page.items, start=1)
        )
    return f"{header}\n\n{body}{fmt.page_note(page)}{trash_hint(listing.trashed)}"


def search_prompt_text() -> str:
    return _("🔎 Send an order number (or its last digits), a product name or a store name.")


def search_results_text(found: SearchResults) -> str:
    query = fmt.quote(found.query)
    page = found.page
    if not page.items:
        return _("🔎 Nothing found for «{query}». Check the number or try another word.").format(
            query=query
        )
    header = ngettext(
        "🔎 {count} order found for «{query}»",
        "🔎 {count} orders found for «{query}»",
        page.total,
    ).format(count=fmt.number(page.total), query=query)
    lines = []
    for index, order in enumerate(page.items, start=1):
        line = order_line(index, order)
        if order.deleted_at is not None:
            line += "\n    " + _("🗑 This order is in Deleted orders. Restore it to see it here.")
        lines.append(line)
    return f"{header}\n\n" + "\n\n".join(lines) + fmt.page_note(page)


def _protection_line(order: Order, now: datetime, tz: tzinfo) -> str | None:
    ends = order.protection_ends_at
    if ends is None:
        return None
    days_left = protection_days_left(order, now)
    if days_left is not None:
        line = ngettext(
            "🛡 Buyer protection: {count} day left (until {date})",
            "🛡 Buyer protection: {count} days left (until {date})",
            days_left,
        ).format(count=fmt.number(days_left), date=fmt.day(ends, tz))
        if order.protection_extended_at is not None:
            line += "\n    " + _("extended on {date}").format(
                date=fmt.day(order.protection_extended_at, tz)
            )
        return line
    return _("🛡 Buyer protection ended on {date}").format(date=fmt.day(ends, tz))


def _dates(order: Order, tz: tzinfo) -> list[str]:
    # NOTE: labels of the dates an order went through, e.g. "Shipped: Nov 20, 2026".
    steps = [
        (order.placed_at, pgettext("date", "Placed")),
        (order.paid_at, pgettext("date", "Paid")),
        (order.shipped_at, pgettext("date", "Shipped")),
        (order.delivered_at, pgettext("date", "Delivered")),
        (order.completed_at, pgettext("date", "Completed")),
        (order.closed_at, pgettext("date", "Closed")),
    ]
    return [f"{label}: {fmt.day(moment, tz)}" for moment, label in steps if moment is not None]


def order_card_text(card: OrderScreen, now: datetime, tz: tzinfo) -> str:
    order = card.order
    lines = [
        _("📦 <b>Order №{number}</b>").format(number=fmt.quote(order.number)),
        _("Status: {status}").format(status=status_line(order)),
        _("Store: {store}").format(store=f"<b>{fmt.quote(order.store.name)}</b>"),
    ]
    rating = store_rating_line(order.store)
    if rating is not None:
        lines.append(rating)
    lines += [" · ".join(_dates(order, tz)), "", *item_lines(order)]
    shipping = (
        fmt.money(order.shipping_minor, order.currency) if order.shipping_minor else _("free")
    )
    lines.append(_("Shipping: {price}").format(price=shipping))
    paid_label = _("Total paid: {price}") if order.paid_at else _("To pay: {price}")
    lines.append(
        "<b>" + paid_label.format(price=fmt.paid(order.total_minor, order.currency)) + "</b>"
    )
    rate_note = fmt.rate_note(order.currency)
    if rate_note:
        lines.append(f"<i>{rate_note}</i>")
    protection = _protection_line(order, now, tz)
    if protection:
        lines += ["", protection]
    if card.dispute.dispute is not None:
        lines += ["", dispute_status_line(card.dispute.dispute)]
    if order.auto_confirm_at is not None and order.status in IN_TRANSIT:
        lines.append(
            _("⏳ Receipt is confirmed automatically on {date}").format(
                date=fmt.day(order.auto_confirm_at, tz)
            )
        )
    if order.tracking_number:
        lines += [
            "",
            _("🚚 Tracking: {carrier} · <code>{number}</code>").format(
                carrier=fmt.quote(order.carrier or "—"), number=fmt.quote(order.tracking_number)
            ),
        ]
        if card.latest_event is not None:
            lines.append(_("Latest: {event}").format(event=event_text(card.latest_event, tz)))
    address = order.shipping_address
    if address:
        shown = clip(address_line(address), ADDRESS_LIMIT)
        lines += ["", _("📍 Ship to: {address}").format(address=shown)]
    return "\n".join(lines)


def item_lines(order: Order) -> list[str]:
    """The items, titles shortened, as many as fit ITEMS_BUDGET; then how many more there are,
    so a large order never pushes its card (and its buttons) over Telegram's limit."""
    lines = []
    for item in order.items:
        variant = f" <i>({clip(item.variant, VARIANT_LIMIT)})</i>" if item.variant else ""
        price = fmt.money(item.unit_price_minor, order.currency)
        title = clip(item.title, TITLE_LIMIT)
        lines.append(f"• {title}{variant} — {fmt.number(item.quantity)} × {price}")
    shown = take(lines, ITEMS_BUDGET)
    if shown == len(lines):
        return lines
    hidden = len(lines) - shown
    return [
        *lines[:shown],
        ngettext("…and {count} more item", "…and {count} more items", hidden).format(
            count=fmt.number(hidden)
        ),
    ]


def address_line(address: dict[str, object]) -> str:
    parts = ("recipient", "street", "city", "region", "postal_code", "country")
    return ", ".join(str(address[key]) for key in parts if address.get(key))


def event_text(event: TrackingEvent, tz: tzinfo) -> str:
    what = event_label(event.kind) if event.kind is not None else event.description
    details = [clip(event.location, LOCATION_LIMIT)] if event.location else []
    details.append(fmt.day_time(event.occurred_at, tz))
    return f"{clip(what, EVENT_LIMIT)} ({', '.join(details)})"


def tracking_text(order: Order, events: Sequence[TrackingEvent], tz: tzinfo) -> str:
    header = _("🚚 <b>Tracking of order №{number}</b>").format(number=fmt.quote(order.number))
    if order.tracking_number:
        header += (
            "\n"
            + f"{fmt.quote(order.carrier or '—')} · <code>{fmt.quote(order.tracking_number)}</code>"
        )
    if not events:
        return (
            header
            + "\n\n"
            + _(
                "No tracking events yet. The carrier usually reports the first scan "
                "within a few days of shipping."
            )
        )
    scans = [
        ("🔵 " if index == 0 else "⚪ ") + event_text(event, tz)
        for index, event in enumerate(events)
    ]
    # The newest scans first, as many as fit; the oldest are summed up in one line.
    shown = take(scans, TIMELINE_BUDGET)
    if shown < len(scans):
        hidden = len(scans) - shown
        scans = [
            *scans[:shown],
            ngettext("…and {count} earlier scan", "…and {count} earlier scans", hidden).format(
                count=fmt.number(hidden)
            ),
        ]
    return f"{header}\n\n" + "\n".join(scans)


def confirm_receipt_text(order: Order) -> str:
    return _(
        "⚠️ <b>Confirm receipt of order №{number}?</b>\n\n"
        "Confirm only if you have received everything and are satisfied. "
        "Buyer protection for this order ends and {price} is paid to the seller. "
        "After that, you cannot open a dispute for not receiving the goods."
    ).format(number=fmt.quote(order.number), price=fmt.paid(order.total_minor, order.currency))
