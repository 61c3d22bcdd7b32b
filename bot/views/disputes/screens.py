"""Texts of Returns & disputes: labels, the list, the card with deadlines and correspondence."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.db.enums import DisputeReason, DisputeStatus, MessageSender
from bot.db.models import Dispute, DisputeMessage, Order
from bot.i18n import pgettext
from bot.services.disputes.card import DisputeCard
from bot.services.disputes.lists import DisputeList, DisputeTab
from bot.services.disputes.rules import paid_minor
from bot.views import format as fmt
from bot.views.fit import (
    MESSAGE_LIMIT,
    PART_LIMIT,
    Paged,
    chunks,
    clip,
    fit,
    paged_text,
    take,
    visible_length,
)

S = DisputeStatus
CARD_MESSAGES = 10
CARD_PREVIEW = 300
CARD_ROOM = 300  # for the correspondence heading and "… earlier messages"

STATUS_ICONS = {
    S.AWAITING_SELLER: "⏳",
    S.AWAITING_BUYER: "❗",
    S.AWAITING_RETURN: "📦",
    S.ESCALATED: "🏛",
    S.REFUNDED: "✅",
    S.REFUSED: "⛔",
    S.CANCELLED: "✖️",
}


def dispute_status_icon(status: DisputeStatus) -> str:
    return STATUS_ICONS[status]


def dispute_status_label(status: DisputeStatus) -> str:
    labels = {
        S.AWAITING_SELLER: lambda: _("Waiting for the seller"),
        S.AWAITING_BUYER: lambda: _("Your answer is needed"),
        S.AWAITING_RETURN: lambda: _("Return the goods"),
        S.ESCALATED: lambda: _("The platform decides"),
        S.REFUNDED: lambda: _("Refunded"),
        S.REFUSED: lambda: _("Closed without a refund"),
        S.CANCELLED: lambda: _("Cancelled by you"),
    }
    return labels[status]()


def reason_label(reason: DisputeReason) -> str:
    labels = {
        DisputeReason.NOT_RECEIVED: lambda: _("Not received"),
        DisputeReason.NOT_AS_DESCRIBED: lambda: _("Not as described"),
        DisputeReason.DAMAGED: lambda: _("Damaged"),
        DisputeReason.WRONG_ITEM: lambda: _("Wrong item"),
        DisputeReason.COUNTERFEIT: lambda: _("Counterfeit"),
        DisputeReason.OTHER: lambda: _("Other"),
    }
    return labels[reason]()


def dispute_tab_label(tab: DisputeTab) -> str:
    # NOTE: tabs of Returns & disputes.
    if tab is DisputeTab.ACTIVE:
        return pgettext("disputes", "Active")
    return pgettext("disputes", "Closed")


def author_label(author: MessageSender) -> str:
    labels = {
        MessageSender.BUYER: lambda: _("👤 You"),
        MessageSender.SELLER: lambda: _("🏪 Seller"),
        MessageSender.PLATFORM: lambda: _("🏛 Platform"),
    }
    return labels[author]()


def dispute_status_line(dispute: Dispute) -> str:
    """One line for the order card."""
    return _("⚖️ Dispute: {status}").format(
        status=f"{dispute_status_icon(dispute.status)} {dispute_status_label(dispute.status)}"
    )


def disputes_list_text(listing: DisputeList) -> str:
    header = _("⚖️ <b>Returns & disputes</b> · {tab}").format(tab=dispute_tab_label(listing.tab))
    page = listing.page
    if not page.items:
        return f"{header}\n\n" + _("No disputes here.")
    lines = []
    for index, (dispute, order) in enumerate(page.items, start=1):
        amount = fmt.paid(dispute.requested_minor, dispute.currency)
        status = f"{dispute_status_icon(dispute.status)} {dispute_status_label(dispute.status)}"
        lines.append(
            f"{index}. <b>{fmt.quote(fmt.short(order.headline, 60))}</b>\n"
            f"    №{fmt.quote(order.number)} · {amount} · {status}"
        )
    return f"{header}\n\n" + "\n\n".join(lines) + fmt.page_note(page)


def _due(label: str, moment: datetime, now: datetime, tz: tzinfo) -> str:
    return label.format(date=fmt.day_time(moment, tz), when=fmt.relative(moment - now))


def deadline_lines(dispute: Dispute, now: datetime, tz: tzinfo) -> list[str]:
    lines = []
    if dispute.seller_due_at is not None:
        lines.append(
            _due(_("⏳ The seller must answer by {date} ({when})"), dispute.seller_due_at, now, tz)
        )
    if dispute.buyer_due_at is not None:
        lines.append(
            _due(_("⏳ Answer the offer by {date} ({when})"), dispute.buyer_due_at, now, tz)
        )
    if dispute.return_due_at is not None:
        lines.append(
            _due(_("📦 Ship the goods back by {date} ({when})"), dispute.return_due_at, now, tz)
        )
    return lines


def amount_lines(dispute: Dispute, order: Order) -> list[str]:
    money = lambda minor: fmt.paid(minor, dispute.currency)  # noqa: E731
    asked = _("You ask: <b>{amount}</b> of {paid} paid").format(
        amount=money(dispute.requested_minor), paid=money(paid_minor(order))
    )
    goods = _("you return the goods") if dispute.return_goods else _("you keep the goods")
    lines = [f"{asked} · {goods}"]
    if dispute.offered_minor is None:
        lines.append(_("Seller offers: no offer yet"))
    else:
        offer = _("Seller offers: <b>{amount}</b>").format(amount=money(dispute.offered_minor))
        if dispute.offer_return:
            offer += " · " + _("if you return the goods")
        lines.append(offer)
    if dispute.refunded_minor is not None:
        lines.append(_("Refunded: <b>{amount}</b>").format(amount=money(dispute.refunded_minor)))
    rate_note = fmt.rate_note(dispute.currency)
    if rate_note:
        lines.append(f"<i>{rate_note}</i>")
    return lines


def entry_text(
    message: DisputeMessage, files: int, tz: tzinfo, limit: int | None = CARD_PREVIEW
) -> str:
    text = fmt.quote(message.text) if limit is None else clip(message.text, limit)
    return f"{entry_head(message, files, tz)}\n{text}" if text else entry_head(message, files, tz)


def entry_head(message: DisputeMessage, files: int, tz: tzinfo) -> str:
    head = f"<b>{author_label(message.author)}</b> · {fmt.day_time(message.created_at, tz)}"
    if files:
        head += " · " + ngettext("📎 {count} file", "📎 {count} files", files).format(
            count=fmt.number(files)
        )
    return head


def files_per_message(card: DisputeCard) -> Counter[int | None]:
    return Counter(attachment.message_id for attachment in card.attachments)


def card_head(card: DisputeCard) -> list[str]:
    dispute, order = card.dispute, card.order
    return [
        _("⚖️ <b>Dispute about order №{number}</b>").format(number=fmt.quote(order.number)),
        f"<i>{fmt.quote(fmt.short(order.headline, 80))}</i>",
        _("Status: {status}").format(
            status=f"{dispute_status_icon(dispute.status)} {dispute_status_label(dispute.status)}"
        ),
        _("Reason: {reason}").format(reason=reason_label(dispute.reason)),
    ]


def dispute_card_text(card: DisputeCard, now: datetime, tz: tzinfo) -> str:
    lines = [*card_head(card), "", *amount_lines(card.dispute, card.order)]
    deadlines = deadline_lines(card.dispute, now, tz)
    if deadlines:
        lines += ["", *deadlines]
    files = files_per_message(card)
    latest = card.messages[-CARD_MESSAGES:]
    previews = [entry_text(message, files[message.id], tz) for message in reversed(latest)]
    # The newest previews that fit beside the rest of the card; the others are counted.
    budget = MESSAGE_LIMIT - CARD_ROOM - visible_length("\n".join(lines))
    shown = latest[len(latest) - take(previews, budget) :]
    lines += [
        "",
        ngettext(
            "💬 <b>Correspondence</b> ({count} message)",
            "💬 <b>Correspondence</b> ({count} messages)",
            len(card.messages),
        ).format(count=fmt.number(len(card.messages))),
    ]
    if len(shown) < len(card.messages):
        hidden = len(card.messages) - len(shown)
        lines.append(
            ngettext("… {count} earlier message", "… {count} earlier messages", hidden).format(
                count=fmt.number(hidden)
            )
        )
    lines += [entry_text(message, files[message.id], tz) for message in shown]
    return fit("\n".join(lines))


def history_text(card: DisputeCard, tz: tzinfo, page: int = 0) -> Paged:
    """The whole correspondence in pages, the newest page first; a long message in parts."""
    files = files_per_message(card)
    head = _("📜 <b>All messages of the dispute about order №{number}</b>").format(
        number=fmt.quote(card.order.number)
    )
    entries = []
    for message in card.messages:
        first = entry_head(message, files[message.id], tz)
        parts = chunks(message.text, PART_LIMIT)
        for number, part in enumerate(parts, start=1):
            mark = f" · {fmt.number(number)}/{fmt.number(len(parts))}" if len(parts) > 1 else ""
            entries.append(f"{first}{mark}\n{fmt.quote(part)}" if part else first)
    return paged_text(head, entries, page)


def accept_confirm_text(dispute: Dispute) -> str:
    amount = fmt.paid(dispute.offered_minor or 0, dispute.currency)
    text = _(
        "⚠️ <b>Accept the seller's offer of {amount}?</b>\n\n"
        "The dispute ends with this outcome and cannot be reopened."
    ).format(amount=amount)
    if dispute.offer_return:
        text += "\n" + _("You will have to ship the goods back first.")
    return text


def cancel_confirm_text() -> str:
    return _(
        "⚠️ <b>Cancel the dispute?</b>\n\n"
        "It cannot be reopened: an order can be disputed only once, and you will not get a "
        "refund through this dispute."
    )


def counter_prompt_text(currency: str, paid: int, problem: str | None = None) -> str:
    """Reject and counter: the amount asked instead, at most `paid` (minor units)."""
    text = _(
        "↩️ Type the amount you ask for instead, in {currency}, at most {paid} (for example 12.50)."
    ).format(currency=currency, paid=fmt.paid(paid, currency))
    return text if problem is None else f"{problem}\n\n{text}"


def message_prompt_text() -> str:
    return _("✍️ Send a message to the dispute: text, or a photo or video with a caption.")


def tracking_prompt_text(problem: str | None = None) -> str:
    text = _("📦 Type the tracking number of the parcel with the returned goods.")
    return text if problem is None else f"{problem}\n\n{text}"
