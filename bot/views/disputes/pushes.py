"""What a dispute push says: a new message, the seller's offer, the platform's decision, a
deadline coming or the seller's one passed. Its button opens the dispute card."""

from __future__ import annotations

from datetime import datetime, tzinfo

from aiogram.types import InlineKeyboardButton
from aiogram.utils.i18n import gettext as _

from bot.db.enums import DisputeStatus, MessageSender
from bot.keyboards.disputes.screens import dispute_button
from bot.services.disputes.pushes import DisputePush
from bot.services.events import NoticeKind
from bot.views import format as fmt

PREVIEW_LENGTH = 500


def _head(push: DisputePush) -> dict[str, str]:
    order = push.order
    return {
        "number": fmt.quote(order.number),
        "title": fmt.quote(fmt.short(order.headline, 60)),
    }


def _offer_text(push: DisputePush) -> str:
    dispute = push.dispute
    amount = fmt.paid(dispute.offered_minor or 0, dispute.currency)
    if not dispute.offered_minor:
        text = _("⚖️ The seller offers no refund in the dispute about order №{number} ({title}).")
        return text.format(**_head(push))
    if dispute.offer_return:
        text = _(
            "⚖️ The seller offers {amount} in the dispute about order №{number} ({title}), "
            "after you return the goods."
        )
    else:
        text = _("⚖️ The seller offers {amount} in the dispute about order №{number} ({title}).")
    return text.format(amount=amount, **_head(push))


def _due_text(push: DisputePush, tz: tzinfo, now: datetime) -> str:
    dispute = push.dispute
    if dispute.status is DisputeStatus.AWAITING_RETURN and dispute.return_due_at is not None:
        # NOTE: {when} is a relative time such as "in 3 days"; {date} a date and time.
        return _(
            "📦 Ship the goods back for the dispute about order №{number} {when} ({date}), "
            "or the dispute may be closed without a refund."
        ).format(
            when=fmt.relative(dispute.return_due_at - now),
            date=fmt.day_time(dispute.return_due_at, tz),
            **_head(push),
        )
    assert dispute.buyer_due_at is not None
    return _(
        "⏳ Answer the seller's offer in the dispute about order №{number} {when} ({date}): "
        "accept it, reject it with your own proposal, or escalate."
    ).format(
        when=fmt.relative(dispute.buyer_due_at - now),
        date=fmt.day_time(dispute.buyer_due_at, tz),
        **_head(push),
    )


def _decision_text(push: DisputePush) -> str:
    dispute = push.dispute
    if dispute.status is DisputeStatus.REFUNDED:
        return _(
            "✅ The dispute about order №{number} ({title}) is settled: {amount} will be refunded."
        ).format(amount=fmt.paid(dispute.refunded_minor or 0, dispute.currency), **_head(push))
    return _(
        "⚖️ The platform closed the dispute about order №{number} ({title}) without a refund."
    ).format(**_head(push))


def _message_text(push: DisputePush) -> str:
    assert push.message is not None
    if push.message.author is MessageSender.PLATFORM:
        head = _("💬 The platform wrote in the dispute about order №{number}:")
    else:
        head = _("💬 The seller wrote in the dispute about order №{number}:")
    text = head.format(**_head(push))
    if push.message.text:
        text += "\n\n" + fmt.quote(fmt.short(push.message.text, PREVIEW_LENGTH))
    return text


def dispute_push(
    kind: str, push: DisputePush, tz: tzinfo, now: datetime
) -> tuple[str, list[list[InlineKeyboardButton]]]:
    if kind == NoticeKind.DISPUTE_MESSAGE:
        text = _message_text(push)
    elif kind == NoticeKind.DISPUTE_OFFER:
        text = _offer_text(push)
    elif kind == NoticeKind.DISPUTE_DECISION:
        text = _decision_text(push)
    elif kind == NoticeKind.DISPUTE_DUE:
        text = _due_text(push, tz, now)
    else:
        text = _(
            "⏰ The seller did not answer your dispute about order №{number} ({title}) in time. "
            "You can now escalate it to the platform."
        ).format(**_head(push))
    return text, [[dispute_button(push.dispute.id)]]
