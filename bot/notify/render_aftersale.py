"""The texts of the after-sale pushes: feedback replies and reminders, promotions, platform
notices and complaint status changes (the screens they will open come with their sections)."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, tzinfo

from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.keyboards.nav import button, home_button
from bot.keyboards.orders import OrderAction, OrderCb
from bot.services.complaints import ComplaintSubject
from bot.services.events import NoticeKind
from bot.services.push_subjects import Subject
from bot.views import format as fmt
from bot.views.complaints import status_label, subject_label

PREVIEW_LENGTH = 500
Rows = list[list[InlineKeyboardButton]]


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
            status=status_label(complaint.status),
        )
        if complaint.resolution:
            text += "\n" + fmt.quote(fmt.short(complaint.resolution, PREVIEW_LENGTH))
        return text, [[home_button()]]
    return None
