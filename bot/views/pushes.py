"""What a push says and which buttons it carries, in the buyer's language and time zone.

The dispute pushes are with their section (bot/views/disputes/pushes.py); the after-sale ones
(feedback replies and reminders, promotions, platform notices and complaint status changes)
are at the end of this module."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.db.enums import OrderStatus
from bot.db.models import Coupon, Order
from bot.keyboards.callbacks import (
    DisputeStartCb,
    NotifyAction,
    NotifyCb,
    OrderAction,
    OrderCb,
    OrderListCb,
    TrashAction,
    TrashCb,
    TrashListCb,
)
from bot.keyboards.coupons import coupon_push_kb
from bot.keyboards.nav import button, home_button
from bot.services.complaints import ComplaintSubject
from bot.services.events import NoticeKind
from bot.services.orders.buyer import OrderTab
from bot.services.push_subjects import Subject
from bot.views import format as fmt
from bot.views.charts import PushChart
from bot.views.complaints import status_label as complaint_status_label
from bot.views.complaints import subject_label
from bot.views.coupons import coupon_value
from bot.views.disputes.pushes import dispute_push
from bot.views.labels import status_label
from bot.views.orders.screens import event_text

PREVIEW_LENGTH = 500
Rows = list[list[InlineKeyboardButton]]


@dataclass(frozen=True)
class Push:
    text: str
    markup: InlineKeyboardMarkup
    chart: PushChart | None = None  # sent as this price chart with the text as its caption


def _order_buttons(order: Order, *extra: OrderAction) -> list[list[InlineKeyboardButton]]:
    labels = {
        OrderAction.OPEN: lambda: _("📦 Open order"),
        OrderAction.TRACK: lambda: _("🚚 Track"),
        OrderAction.MESSAGES: lambda: _("✉️ Reply"),
    }
    actions = [*extra, OrderAction.OPEN]
    if OrderAction.TRACK not in actions and order.tracking_number:
        actions.insert(0, OrderAction.TRACK)
    return [
        [button(labels[action](), OrderCb(action=action, order_id=order.id)) for action in actions]
    ]


def _extend_row(order: Order) -> list[list[InlineKeyboardButton]]:
    """The Extend protection button, while the order may still be extended."""
    if order.protection_extended_at is not None or order.protection_ends_at is None:
        return []
    extend = OrderCb(action=OrderAction.EXTEND, order_id=order.id)
    return [[button(_("🛡 Extend protection"), extend)]]


def _dispute_row(subject: Subject, order: Order) -> list[list[InlineKeyboardButton]]:
    """Open dispute, when the subject was found eligible as it was loaded."""
    if not subject.can_dispute:
        return []
    return [[button(_("⚖️ Open dispute"), DisputeStartCb(order_id=order.id))]]


def _status_text(order: Order, tz: tzinfo) -> str:
    title = fmt.quote(fmt.short(order.headline, 60))
    head = _("📦 Order №{number} ({title}): <b>{status}</b>").format(
        number=fmt.quote(order.number), title=title, status=status_label(order.status)
    )
    if order.status is OrderStatus.SHIPPED and order.protection_ends_at is not None:
        return (
            head
            + "\n"
            + _("It is on its way. Buyer protection runs until {date}.").format(
                date=fmt.day(order.protection_ends_at, tz)
            )
        )
    if order.status is OrderStatus.DELIVERED:
        return (
            head
            + "\n"
            + _(
                "Check the parcel, then confirm receipt in the order, or open a dispute if "
                "something is wrong."
            )
        )
    return head


def _protection_text(order: Order, tz: tzinfo, now: datetime) -> str:
    assert order.protection_ends_at is not None
    days = max(1, math.ceil((order.protection_ends_at - now) / timedelta(days=1)))
    head = ngettext(
        "🛡 Buyer protection for order №{number} ({title}) ends in {count} day, on {date}.",
        "🛡 Buyer protection for order №{number} ({title}) ends in {count} days, on {date}.",
        days,
    ).format(
        number=fmt.quote(order.number),
        title=fmt.quote(fmt.short(order.headline, 60)),
        count=fmt.number(days),
        date=fmt.day(order.protection_ends_at, tz),
    )
    return (
        head
        + "\n"
        + _(
            "Not received yet? Extend protection or open a dispute before then; after it, the "
            "money goes to the seller."
        )
    )


def _coupon_text(coupon: Coupon, tz: tzinfo, now: datetime) -> str:
    values = {
        "value": coupon_value(coupon),
        "when": fmt.relative(coupon.expires_at - now),
        "date": fmt.day_time(coupon.expires_at, tz),
    }
    if coupon.store is not None:
        # NOTE: {when} is a relative time such as "in 3 days"; {date} a date and time.
        head = _("🎟 Your coupon “{value}” at {store} expires {when} ({date}).").format(
            store=fmt.quote(coupon.store.name), **values
        )
    else:
        head = _("🎟 Your coupon “{value}” for all stores expires {when} ({date}).").format(**values)
    return head + "\n" + _("Use it on an order before then, or it is lost.")


def render(
    kind: str,
    subject: Subject,
    tz: tzinfo,
    now: datetime,
    payload_due: str = "",
    payload_since: str = "",
) -> Push:
    """The push for an outbox row whose subject still exists."""
    mute = [
        button(_("🔕 Turn these off"), NotifyCb(action=NotifyAction.MUTE, kind=NoticeKind(kind)))
    ]
    if subject.coupon is not None:
        rows = coupon_push_kb(subject.coupon.id)
        text = _coupon_text(subject.coupon, tz, now)
        return Push(text, InlineKeyboardMarkup(inline_keyboard=[*rows, mute]))
    if subject.dispute is not None:
        text, rows = dispute_push(kind, subject.dispute, tz, now)
        return Push(text, InlineKeyboardMarkup(inline_keyboard=[*rows, mute]))
    if (after := aftersale_push(kind, subject, tz, now, payload_due)) is not None:
        text, rows = after
        return Push(text, InlineKeyboardMarkup(inline_keyboard=[*rows, mute]))
    assert subject.order is not None
    text, rows = _order_push(kind, subject, subject.order, tz, now, payload_due, payload_since)
    return Push(text, InlineKeyboardMarkup(inline_keyboard=[*rows, mute]))


def _order_push(  # noqa: PLR0912 - one branch per kind of push
    kind: str,
    subject: Subject,
    order: Order,
    tz: tzinfo,
    now: datetime,
    payload_due: str,
    payload_since: str,
) -> tuple[str, list[list[InlineKeyboardButton]]]:
    number = fmt.quote(order.number)
    if kind == NoticeKind.TRACKING_EVENT and subject.event is not None:
        text = _("🚚 Your parcel (order №{number}): {event}").format(
            number=number, event=event_text(subject.event, tz)
        )
        rows = _order_buttons(order, OrderAction.TRACK)
    elif kind == NoticeKind.SELLER_MESSAGE and subject.message is not None:
        text = _("✉️ The seller wrote about order №{number}:").format(number=number)
        text += "\n\n" + fmt.quote(fmt.short(subject.message.text, PREVIEW_LENGTH))
        rows = _order_buttons(order, OrderAction.MESSAGES)
    elif kind == NoticeKind.PROTECTION_ENDING and order.protection_ends_at is not None:
        text = _protection_text(order, tz, now)
        rows = _extend_row(order) + _dispute_row(subject, order) + _order_buttons(order)
    elif kind == NoticeKind.TRASH_PURGE and order.deleted_at is not None:
        text = (
            _("🗑 Deleted order №{number} ({title}) will be removed for good on {date}.").format(
                number=number,
                title=fmt.quote(fmt.short(order.headline, 60)),
                date=fmt.day(datetime.fromisoformat(payload_due), tz),
            )
            + "\n"
            + _("Restore it if you still need it.")
        )
        restore = TrashCb(action=TrashAction.RESTORE, order_id=order.id)
        rows = [[button(_("♻️ Restore"), restore), button(_("🗑 Deleted orders"), TrashListCb())]]
    elif kind == NoticeKind.AUTO_CONFIRM_SOON and order.auto_confirm_at is not None:
        text = (
            _(
                "⏳ Order №{number} ({title}) will be confirmed automatically on {date}: buyer "
                "protection then ends and the money goes to the seller."
            ).format(
                number=number,
                title=fmt.quote(fmt.short(order.headline, 60)),
                date=fmt.day(order.auto_confirm_at, tz),
            )
            + "\n"
            + _("Not received yet? Extend protection to postpone it.")
        )
        rows = _extend_row(order) + _order_buttons(order)
    elif kind == NoticeKind.TRACKING_STALLED:
        since = datetime.fromisoformat(payload_since) if payload_since else now
        days = max(1, int((now - since) / timedelta(days=1)))
        text = (
            ngettext(
                "🚚 No news of your parcel (order №{number}) for {count} day.",
                "🚚 No news of your parcel (order №{number}) for {count} days.",
                days,
            ).format(number=number, count=fmt.number(days))
            + "\n"
            + _("If it does not move soon, extend buyer protection, or contact the seller.")
        )
        rows = (
            _extend_row(order)
            + _dispute_row(subject, order)
            + _order_buttons(order, OrderAction.TRACK)
        )
    elif kind == NoticeKind.ORDER_CREATED:
        text = _("🛒 New order №{number}: {title}, {price}.").format(
            number=number,
            title=fmt.quote(fmt.short(order.headline, 60)),
            price=fmt.paid(order.total_minor, order.currency),
        )
        rows = _order_buttons(order)
    else:
        text = _status_text(order, tz)
        rows = _order_buttons(order)
    return text, rows


def digest_push(texts: list[str]) -> Push:
    """Several minor pushes as one message."""
    header = _("📰 <b>Your orders today</b>")
    body = "\n\n".join(texts)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[button(_("📋 My orders"), OrderListCb(tab=OrderTab.ALL))]]
    )
    return Push(f"{header}\n\n{body}", markup)


# --- after-sale pushes ----------------------------------------------------------------------


AFTERSALE_PUSHES = frozenset(
    {
        NoticeKind.FEEDBACK_REPLY,
        NoticeKind.FEEDBACK_CLOSING,
        NoticeKind.PROMOTION,
        NoticeKind.PLATFORM_NOTICE,
        NoticeKind.COMPLAINT_STATUS,
    }
)


def aftersale_push(
    kind: str, subject: Subject, tz: tzinfo, now: datetime, payload_due: str
) -> tuple[str, Rows] | None:
    """The text and buttons of an after-sale push; None for any other kind."""
    if kind not in AFTERSALE_PUSHES:
        return None  # most pushes: nothing to build here
    order = subject.order
    if order is not None:
        number = fmt.quote(order.number)
        title = fmt.quote(fmt.short(order.headline, 60))
        open_order = [
            [button(_("📦 Open order"), OrderCb(action=OrderAction.OPEN, order_id=order.id))]
        ]
    if kind == NoticeKind.FEEDBACK_REPLY and order is not None and subject.feedback is not None:
        text = _("💬 The seller replied to your feedback on order №{number} ({title}):").format(
            number=number, title=title
        )
        reply = subject.feedback.seller_reply or ""
        return text + "\n\n" + fmt.quote(fmt.short(reply, PREVIEW_LENGTH)), open_order
    if kind == NoticeKind.FEEDBACK_CLOSING and order is not None:
        due = datetime.fromisoformat(payload_due) if payload_due else now
        days = max(1, math.ceil((due - now) / timedelta(days=1)))
        text = ngettext(
            "⭐ Feedback on order №{number} ({title}) closes in {count} day, on {date}.",
            "⭐ Feedback on order №{number} ({title}) closes in {count} days, on {date}.",
            days,
        ).format(number=number, title=title, count=fmt.number(days), date=fmt.day(due, tz))
        text += "\n" + _("Rate the seller to help other buyers choose.")
        return text, open_order
    notice = subject.notice
    if kind == NoticeKind.PROMOTION and notice is not None and subject.store is not None:
        text = _("🏷 {store}: <b>{title}</b>").format(
            store=fmt.quote(subject.store.name), title=fmt.quote(notice.title)
        )
        return text + "\n" + fmt.quote(fmt.short(notice.text, PREVIEW_LENGTH)), [[home_button()]]
    if kind == NoticeKind.PLATFORM_NOTICE and notice is not None:
        text = _("📢 <b>{title}</b>").format(title=fmt.quote(notice.title))
        return text + "\n" + fmt.quote(fmt.short(notice.text, PREVIEW_LENGTH)), [[home_button()]]
    complaint = subject.complaint
    if kind == NoticeKind.COMPLAINT_STATUS and complaint is not None:
        # NOTE: {target} is e.g. 'store “UGREEN”' (or "a store" when it is gone); {status}
        # e.g. "upheld".
        text = _("🚩 Your complaint about {target}: <b>{status}</b>.").format(
            target=subject_label(complaint.target, subject.complained_about or ComplaintSubject()),
            status=complaint_status_label(complaint.status),
        )
        if complaint.resolution:
            text += "\n" + fmt.quote(fmt.short(complaint.resolution, PREVIEW_LENGTH))
        return text, [[home_button()]]
    return None
