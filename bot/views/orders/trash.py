"""Texts of Deleted orders."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.db.models import Order
from bot.services.orders.trash import TrashedOrder, TrashList, purge_date, purges
from bot.views import format as fmt
from bot.views.fit import clip
from bot.views.orders.screens import order_line, status_line


def trash_text(listing: TrashList, retention_days: int, tz: tzinfo) -> str:
    page = listing.page
    header = _("🗑 <b>Deleted orders</b>")
    if not page.items:
        return f"{header}\n\n" + _empty_text(retention_days)
    if purges(retention_days):
        intro = ngettext(
            "{count} order. Restore it or delete it forever; otherwise it is removed "
            "on the date shown.",
            "{count} orders. Restore them or delete them forever; otherwise each is removed "
            "on the date shown.",
            page.total,
        )
    else:
        intro = ngettext(
            "{count} order. It stays here until you restore it or delete it forever.",
            "{count} orders. They stay here until you restore them or delete them forever.",
            page.total,
        )
    lines = [
        order_line(index, order) + _fate_note(order, retention_days, listing.held, tz)
        for index, order in enumerate(page.items, start=1)
    ]
    intro = intro.format(count=fmt.number(page.total))
    return f"{header}\n{intro}\n\n" + "\n\n".join(lines) + fmt.page_note(page)


def _empty_text(retention_days: int) -> str:
    if not purges(retention_days):
        return _(
            "The trash is empty. Completed or closed orders that you delete wait here until "
            "you restore them or delete them forever."
        )
    return ngettext(
        "The trash is empty. Completed or closed orders that you delete "
        "wait here for {count} day before they are removed for good.",
        "The trash is empty. Completed or closed orders that you delete "
        "wait here for {count} days before they are removed for good.",
        retention_days,
    ).format(count=fmt.number(retention_days))


def _fate_note(order: Order, retention_days: int, held: frozenset[int], tz: tzinfo) -> str:
    """Under a trashed order: when a configured purge removes it, or that a dispute keeps it."""
    if order.id in held:
        return "\n    " + _("kept while its dispute is open")
    purge = purge_date(order, retention_days)
    if purge is None:
        return ""
    return "\n    " + _("removed on {date}").format(date=fmt.day(purge, tz))


def trashed_order_text(trashed: TrashedOrder, retention_days: int, tz: tzinfo) -> str:
    order = trashed.order
    assert order.deleted_at is not None
    deleted = fmt.day(order.deleted_at, tz)
    purge = purge_date(order, retention_days)
    if trashed.in_dispute:
        fate = _(
            "Deleted on {date}. Its dispute is still open, so it stays here until the dispute "
            "ends; you can restore it at any time."
        ).format(date=deleted)
    elif purge is None:
        fate = _(
            "Deleted on {date}. It stays here until you restore it or delete it forever."
        ).format(date=deleted)
    else:
        fate = _("Deleted on {date}. It will be removed for good on {purge}.").format(
            date=deleted, purge=fmt.day(purge, tz)
        )
    return "\n".join(
        [
            _("🗑 <b>Deleted order №{number}</b>").format(number=fmt.quote(order.number)),
            f"<b>{clip(order.headline, 300)}</b>",
            f"{fmt.paid(order.total_minor, order.currency)} · {status_line(order)}",
            "",
            fate,
        ]
    )


def purge_confirm_text(order: Order) -> str:
    return _(
        "❌ <b>Delete order №{number} forever?</b>\n\n"
        "It disappears from your cabinet with its tracking history and cannot be restored."
    ).format(number=fmt.quote(order.number))


def moved_to_trash_text(order: Order, retention_days: int) -> str:
    if not purges(retention_days):
        return _(
            "🗑 Order №{number} moved to <b>Deleted orders</b>. It stays there until you "
            "restore it or delete it forever."
        ).format(number=fmt.quote(order.number))
    return ngettext(
        "🗑 Order №{number} moved to <b>Deleted orders</b>. You can restore it there "
        "within {count} day.",
        "🗑 Order №{number} moved to <b>Deleted orders</b>. You can restore it there "
        "within {count} days.",
        retention_days,
    ).format(number=fmt.quote(order.number), count=fmt.number(retention_days))
