"""Texts of Deleted orders."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.db.models import Order
from bot.services.trash import TrashPage, purge_date
from bot.views import format as fmt
from bot.views.fit import clip
from bot.views.orders import order_line, page_note, status_line


def trash_text(listing: TrashPage, retention_days: int, tz: tzinfo) -> str:
    header = _("🗑 <b>Deleted orders</b>")
    if not listing.orders:
        empty = ngettext(
            "The trash is empty. Completed or closed orders that you delete "
            "wait here for {count} day before they are removed for good.",
            "The trash is empty. Completed or closed orders that you delete "
            "wait here for {count} days before they are removed for good.",
            retention_days,
        )
        return f"{header}\n\n" + empty.format(count=fmt.number(retention_days))
    intro = ngettext(
        "{count} order. Restore it or delete it forever; otherwise it is removed "
        "on the date shown.",
        "{count} orders. Restore them or delete them forever; otherwise each is removed "
        "on the date shown.",
        listing.total,
    ).format(count=fmt.number(listing.total))
    lines = [
        order_line(index, order)
        + "\n    "
        + _("removed on {date}").format(date=fmt.day(purge_date(order, retention_days), tz))
        for index, order in enumerate(listing.orders, start=1)
    ]
    return f"{header}\n{intro}\n\n" + "\n\n".join(lines) + page_note(listing.page, listing.pages)


def trashed_order_text(order: Order, retention_days: int, tz: tzinfo) -> str:
    assert order.deleted_at is not None
    return "\n".join(
        [
            _("🗑 <b>Deleted order №{number}</b>").format(number=fmt.quote(order.number)),
            f"<b>{clip(order.headline, 300)}</b>",
            f"{fmt.money(order.total_minor, order.currency)} · {status_line(order)}",
            "",
            _("Deleted on {date}. It will be removed for good on {purge}.").format(
                date=fmt.day(order.deleted_at, tz),
                purge=fmt.day(purge_date(order, retention_days), tz),
            ),
        ]
    )


def purge_confirm_text(order: Order) -> str:
    return _(
        "❌ <b>Delete order №{number} forever?</b>\n\n"
        "It disappears from your cabinet with its tracking history and cannot be restored."
    ).format(number=fmt.quote(order.number))


def moved_to_trash_text(order: Order, retention_days: int) -> str:
    return ngettext(
        "🗑 Order №{number} moved to <b>Deleted orders</b>. You can restore it there "
        "within {count} day.",
        "🗑 Order №{number} moved to <b>Deleted orders</b>. You can restore it there "
        "within {count} days.",
        retention_days,
    ).format(number=fmt.quote(order.number), count=fmt.number(retention_days))
