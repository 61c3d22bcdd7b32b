"""The dispute part of the error-to-text table (`bot.views.errors` asks here first)."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.db.enums import DisputeStatus
from bot.services.disputes.errors import DescriptionTooShort, NotAnAmount, NotATrackingNumber
from bot.services.disputes.rules import CLOSED, DisputeRefusal
from bot.services.errors import (
    Blocked,
    DisputeMessageEmpty,
    DisputeMoveRefused,
    DisputeNotAllowed,
    DisputeNotFound,
    DomainError,
    EscalationNotYet,
    OrderInDispute,
    RefundAmountInvalid,
    TooManyAttachments,
)
from bot.views import format as fmt
from bot.views.disputes.screens import dispute_status_label


def _not_allowed(error: DisputeNotAllowed, tz: tzinfo) -> str:
    refusal = DisputeRefusal(error.refusal)
    if refusal is DisputeRefusal.TOO_EARLY and error.opens_at is not None:
        return _(
            "It is too early to open a dispute: the parcel may still arrive. You can open one "
            "from {date}."
        ).format(date=fmt.day(error.opens_at, tz))
    if refusal is DisputeRefusal.WINDOW_CLOSED and error.closed_at is not None:
        return _("The time to open a dispute for this order ended on {date}.").format(
            date=fmt.day(error.closed_at, tz)
        )
    texts = {
        DisputeRefusal.NOT_PAID: lambda: _("A dispute can be opened only for a paid order."),
        DisputeRefusal.NOT_SHIPPED: lambda: _(
            "The seller has not shipped this order yet. You can cancel the order instead of "
            "opening a dispute."
        ),
        DisputeRefusal.ORDER_CLOSED: lambda: _("This order is closed; it cannot be disputed."),
        DisputeRefusal.ALREADY_DISPUTED: lambda: _(
            "This order already has a dispute. An order can be disputed only once."
        ),
    }
    if refusal in texts:
        return texts[refusal]()
    return _("A dispute cannot be opened for this order now.")


def _in_dispute(error: OrderInDispute) -> str:
    # A callback alert holds 200 characters: keep these short in every language.
    status = dispute_status_label(error.dispute_status)
    if error.blocked is Blocked.DELETE_ACCOUNT:
        return _(
            "Your dispute about order №{number} is open ({status}). Delete the account once it "
            "ends: without the account, nobody could answer the seller for you."
        ).format(number=fmt.quote(error.order_number), status=status)
    if error.blocked is Blocked.CONFIRM_RECEIPT:
        return _(
            "This order's dispute is open ({status}). Confirming receipt would pay the seller: "
            "cancel the dispute first if the problem is solved, or wait for its decision."
        ).format(status=status)
    return _(
        "This order's dispute is open ({status}). You can delete the order once the dispute "
        "ends; deleting it now would erase your claim."
    ).format(status=status)


def dispute_error_text(error: DomainError, tz: tzinfo) -> str | None:
    """The buyer's words for a dispute refusal; None for any other error."""
    match error:
        case DisputeNotFound():
            return _("This dispute is not available.")
        case DisputeNotAllowed():
            return _not_allowed(error, tz)
        case OrderInDispute():
            return _in_dispute(error)
        case EscalationNotYet(allowed_from=when) if when is not None:
            return _(
                "You can escalate to the platform after rejecting the seller's offer, or from "
                "{date} if the seller does not answer by then."
            ).format(date=fmt.day_time(when, tz))
        case EscalationNotYet():
            return _("You can escalate to the platform after rejecting the seller's offer.")
        case DisputeMoveRefused(status=status) if DisputeStatus(status) in CLOSED:
            return _("This dispute is closed; nothing can be changed in it any more.")
        case DisputeMoveRefused():
            return _("This cannot be done at this stage of the dispute.")
    return _typed_error_text(error)


def _typed_error_text(error: DomainError) -> str | None:
    """What the buyer typed or sent does not fit: an amount, a text, evidence."""
    match error:
        case RefundAmountInvalid(paid_minor=paid, currency=currency):
            return _("The refund must be more than zero and at most {paid}, what you paid.").format(
                paid=fmt.paid(paid, currency)
            )
        case NotAnAmount():
            return _("That is not an amount. Type digits, for example 12.50 or 12.")
        case NotATrackingNumber():
            return _("That is not a tracking number: use 4 to 40 letters, digits or dashes.")
        case DisputeMessageEmpty():
            return _("Write a few words or attach a photo or video.")
        case DescriptionTooShort(min_length=length):
            return ngettext(
                "Describe the problem in at least {count} character.",
                "Describe the problem in at least {count} characters.",
                length,
            ).format(count=fmt.number(length))
        case TooManyAttachments(limit=limit):
            return ngettext(
                "Attach at most {count} file to one message.",
                "Attach at most {count} files to one message.",
                limit,
            ).format(count=fmt.number(limit))
    return None
