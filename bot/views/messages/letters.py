"""Texts of the message center's after-sale folders: letters in the buyer's disputes and
sellers' replies to their feedback."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _

from bot.db.models import Feedback, Order
from bot.services.messages.letters import DisputeThread, ReplyList, ThreadList
from bot.views import format as fmt
from bot.views.disputes.screens import author_label


def _unread_mark(unread: int) -> str:
    return f"🔵 {fmt.number(unread)} · " if unread else ""


def thread_button_text(thread: DisputeThread) -> str:
    order = thread.order
    return f"{_unread_mark(thread.unread)}№{order.number} · {fmt.short(order.headline, 24)}"


def dispute_threads_text(listing: ThreadList, tz: tzinfo) -> str:
    header = _("⚖️ <b>Letters in your disputes</b>")
    if not listing.page.items:
        return header + "\n\n" + _("No letters from sellers or the platform in your disputes.")
    lines = [header]
    for thread in listing.page.items:
        order, latest = thread.order, thread.latest
        title = _("Order №{number}").format(number=fmt.quote(order.number))
        lines.append(
            f"\n<b>{title}</b> · {fmt.quote(fmt.short(order.store.name, 40))}"
            f" · {fmt.day_time(latest.created_at, tz)}"
            f"\n{author_label(latest.author)}: {fmt.quote(fmt.short(latest.text, 80))}"
        )
    return "\n".join(lines) + fmt.page_note(listing.page)


def reply_button_text(feedback: Feedback, order: Order) -> str:
    mark = "🔵 " if feedback.seller_reply_read_at is None else ""
    return f"{mark}№{order.number} · {fmt.short(order.headline, 24)}"


def replies_text(listing: ReplyList, tz: tzinfo) -> str:
    header = _("⭐ <b>Sellers' replies to your feedback</b>")
    if not listing.page.items:
        return header + "\n\n" + _("No seller has replied to your feedback yet.")
    lines = [header]
    for feedback, order in listing.page.items:
        title = _("Order №{number}").format(number=fmt.quote(order.number))
        when = fmt.day_time(feedback.seller_reply_at, tz) if feedback.seller_reply_at else ""
        lines.append(
            f"\n<b>{title}</b> · {fmt.quote(fmt.short(order.store.name, 40))} · {when}"
            f"\n💬 {fmt.quote(fmt.short(feedback.seller_reply or '', 80))}"
        )
    return "\n".join(lines) + fmt.page_note(listing.page)
