"""Texts of the open-dispute form: each step's question and the review before submitting."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.db.enums import DisputeReason
from bot.db.models import Order
from bot.services.disputes.drafts import DESCRIPTION_MIN_LENGTH, DisputeDraft
from bot.services.disputes.rules import MAX_ATTACHMENTS, MAX_TEXT_LENGTH, paid_minor
from bot.views import format as fmt
from bot.views.disputes.screens import reason_label
from bot.views.fit import clip


def _head(order: Order) -> str:
    return _("⚖️ <b>Open a dispute</b> · order №{number}").format(number=fmt.quote(order.number))


def _with(order: Order, text: str, problem: str | None) -> str:
    body = text if problem is None else f"{problem}\n\n{text}"
    return f"{_head(order)}\n\n{body}"


def reason_step_text(order: Order) -> str:
    return _with(order, _("What went wrong?"), None)


def refund_step_text(order: Order) -> str:
    return _with(
        order,
        _("How much do you ask back? You paid {paid}.").format(
            paid=fmt.paid(paid_minor(order), order.currency)
        ),
        None,
    )


def amount_step_text(order: Order, problem: str | None = None) -> str:
    text = _(
        "Type the amount in {currency}, more than zero and at most {paid} (for example 12.50)."
    ).format(currency=order.currency, paid=fmt.paid(paid_minor(order), order.currency))
    return _with(order, text, problem)


def return_step_text(order: Order) -> str:
    return _with(order, _("Will you return the goods to the seller?"), None)


def description_step_text(order: Order, problem: str | None = None) -> str:
    text = _(
        "Describe the problem in your own words, {min} to {max} characters: what you "
        "received, what is wrong, what you expected."
    ).format(min=fmt.number(DESCRIPTION_MIN_LENGTH), max=fmt.number(MAX_TEXT_LENGTH))
    return _with(order, text, problem)


def evidence_step_text(order: Order, count: int, problem: str | None = None) -> str:
    text = ngettext(
        "Send photos or videos that show the problem, up to {limit} file.",
        "Send photos or videos that show the problem, up to {limit} files.",
        MAX_ATTACHMENTS,
    ).format(limit=fmt.number(MAX_ATTACHMENTS))
    if count:
        text += "\n" + ngettext(
            "📎 {count} file attached.", "📎 {count} files attached.", count
        ).format(count=fmt.number(count))
    return _with(order, text, problem)


def review_text(order: Order, draft: DisputeDraft) -> str:
    paid = paid_minor(order)
    amount = paid if draft.full or draft.refund_minor is None else draft.refund_minor
    refund = fmt.paid(amount, order.currency)
    if draft.full:
        refund = _("{amount} (full refund)").format(amount=refund)
    files = len(draft.evidence)
    lines = [
        _head(order),
        f"<i>{fmt.quote(fmt.short(order.headline, 80))}</i>",
        "",
        _("Reason: {reason}").format(reason=reason_label(DisputeReason(draft.reason))),
        _("Refund: {amount}").format(amount=refund),
        *(
            [
                _("Return the goods: {answer}").format(
                    answer=_("yes") if draft.return_goods else _("no")
                )
            ]
            if draft.asks_return
            else []
        ),
        _("Evidence: {files}").format(
            files=ngettext("{count} file", "{count} files", files).format(count=fmt.number(files))
        ),
        "",
        clip(draft.description or "", 1500),
        "",
        _("Check everything and press <b>Submit</b>. The seller will be asked to answer."),
    ]
    return "\n".join(lines)


def form_expired_text() -> str:
    return _("This form has expired. Open the order and start the dispute again.")


def form_cancelled_text() -> str:
    return _("The dispute was not opened.")


def unexpected_text() -> str:
    return _(
        "⚠️ That does not fit this step. Answer the question above: tap a button, type the "
        "text, or send photos and videos where they are asked for."
    )
