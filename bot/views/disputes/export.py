"""Export evidence: one plain-text file with the whole dispute, ready for a bank or the
platform (order, amounts, deadlines, the full timeline and the list of attachments)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.db.models import DisputeAttachment
from bot.services.disputes.card import DisputeCard
from bot.services.disputes.rules import paid_minor
from bot.views import format as fmt
from bot.views.disputes.screens import author_label, dispute_status_label, reason_label


def _attachment_line(index: int, attachment: DisputeAttachment, tz: tzinfo) -> str:
    where = attachment.telegram_file_id or attachment.url or ""
    name = f" ({attachment.file_name})" if attachment.file_name else ""
    return (
        f"{index}. {fmt.day_time(attachment.created_at, tz)} · "
        f"{author_label(attachment.author)} · {attachment.kind}{name} · {where}"
    )


def export_text(card: DisputeCard, now: datetime, tz: tzinfo) -> str:
    dispute, order = card.dispute, card.order
    money = lambda minor: fmt.money(minor, dispute.currency)  # noqa: E731
    moments = [
        (_("Opened"), dispute.created_at),
        (_("Seller must answer by"), dispute.seller_due_at),
        (_("Buyer must answer by"), dispute.buyer_due_at),
        (_("Goods must be shipped back by"), dispute.return_due_at),
        (_("Escalated to the platform"), dispute.escalated_at),
        (_("Closed"), dispute.closed_at),
    ]
    lines = [
        _("Dispute about order №{number}: evidence").format(number=order.number),
        _("Prepared on {date}").format(date=fmt.day_time(now, tz)),
        "",
        _("Order: №{number}, {title}").format(number=order.number, title=order.headline),
        _("Paid: {amount}").format(amount=money(paid_minor(order))),
        _("Reason: {reason}").format(reason=reason_label(dispute.reason)),
        _("Status: {status}").format(status=dispute_status_label(dispute.status)),
        _("Refund asked: {amount}").format(amount=money(dispute.requested_minor)),
        _("Return the goods: {answer}").format(
            answer=_("yes") if dispute.return_goods else _("no")
        ),
    ]
    if dispute.offered_minor is not None:
        lines.append(_("Seller offered: {amount}").format(amount=money(dispute.offered_minor)))
    if dispute.refunded_minor is not None:
        lines.append(_("Refunded: {amount}").format(amount=money(dispute.refunded_minor)))
    lines += ["", _("Dates:")]
    lines += [f"- {label}: {fmt.day_time(when, tz)}" for label, when in moments if when]
    by_message: dict[int | None, list[DisputeAttachment]] = {}
    for attachment in card.attachments:
        by_message.setdefault(attachment.message_id, []).append(attachment)
    lines += ["", _("Timeline:")]
    for message in card.messages:
        lines.append(
            f"[{fmt.day_time(message.created_at, tz)}] {author_label(message.author)}: "
            f"{message.text}"
        )
        files = by_message.get(message.id, [])
        if files:
            lines.append(
                "    "
                + ngettext("{count} attachment", "{count} attachments", len(files)).format(
                    count=fmt.number(len(files))
                )
            )
    lines += ["", _("Attachments ({count}):").format(count=fmt.number(len(card.attachments)))]
    lines += [
        _attachment_line(index, attachment, tz)
        for index, attachment in enumerate(card.attachments, start=1)
    ]
    return "\n".join(lines) + "\n"


def export_file(card: DisputeCard, now: datetime, tz: tzinfo) -> tuple[str, bytes]:
    name = f"dispute-{card.order.number}-{now.astimezone(tz).date().isoformat()}.txt"
    return name, export_text(card, now, tz).encode()


def export_caption(card: DisputeCard) -> str:
    return _(
        "📄 The dispute about order №{number}: the whole timeline, amounts, deadlines and "
        "attachments, ready for your bank or the platform."
    ).format(number=fmt.quote(card.order.number))
