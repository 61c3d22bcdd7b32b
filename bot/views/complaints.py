"""Texts of the report form and the buyer's list of complaints."""

from __future__ import annotations

from datetime import tzinfo

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from bot.db.enums import ComplaintReason, ComplaintStatus, ComplaintTarget
from bot.services.complaints import MAX_TEXT_LENGTH, ComplaintList, ComplaintSubject
from bot.views import format as fmt


def reason_label(reason: ComplaintReason) -> str:
    labels = {
        ComplaintReason.INTELLECTUAL_PROPERTY: lambda: _("©️ Intellectual property"),
        ComplaintReason.PROHIBITED_GOODS: lambda: _("⛔ Prohibited goods"),
        ComplaintReason.SPAM: lambda: _("📣 Spam"),
        ComplaintReason.TRADE_RULES: lambda: _("⚖️ Trade rule violation"),
        ComplaintReason.OTHER: lambda: _("❔ Other"),
    }
    return labels[reason]()


def status_label(status: ComplaintStatus) -> str:
    labels = {
        ComplaintStatus.SUBMITTED: lambda: _("submitted"),
        ComplaintStatus.IN_REVIEW: lambda: _("under review"),
        ComplaintStatus.UPHELD: lambda: _("upheld"),
        ComplaintStatus.REJECTED: lambda: _("rejected"),
    }
    return labels[status]()


def target_label(target: ComplaintTarget) -> str:
    labels = {
        ComplaintTarget.PRODUCT: lambda: _("a product"),
        ComplaintTarget.STORE: lambda: _("a store"),
        ComplaintTarget.MESSAGE: lambda: _("a message"),
    }
    return labels[target]()


def subject_label(target: ComplaintTarget, subject: ComplaintSubject) -> str:
    """The store's name, the product's title or an excerpt of the message, quoted and short;
    the kind of thing ("a store") only when it is gone."""
    name = subject.titles.get(get_i18n().current_locale) or subject.name
    if not name:
        return target_label(target)
    labels = {
        ComplaintTarget.PRODUCT: lambda: _("product “{name}”"),
        ComplaintTarget.STORE: lambda: _("store “{name}”"),
        ComplaintTarget.MESSAGE: lambda: _("message “{name}”"),
    }
    excerpt = " ".join(name.split())
    return labels[target]().format(name=fmt.quote(fmt.short(excerpt, 60)))


def reason_prompt_text(target: ComplaintTarget, subject: ComplaintSubject) -> str:
    # NOTE: {target} is e.g. 'store “UGREEN”' (or "a store" when it is gone).
    return _("🚩 <b>Report {target}</b>\n\nWhat is wrong?").format(
        target=subject_label(target, subject)
    )


def details_prompt_text() -> str:
    return _("✍️ Describe the problem in a few words (up to {count} characters), or skip.").format(
        count=fmt.number(MAX_TEXT_LENGTH)
    )


def details_not_text() -> str:
    return _("Please describe the problem as text, or press Skip.")


def anonymity_prompt_text() -> str:
    return _("🕶 Send the complaint anonymously? Then it goes to the marketplace without your name.")


def review_text(
    target: ComplaintTarget,
    subject: ComplaintSubject,
    reason: ComplaintReason,
    text: str,
    anonymous: bool,
) -> str:
    target_line = _("🚩 <b>Your complaint about {target}</b>")
    lines = [
        target_line.format(target=subject_label(target, subject)),
        _("Reason: {reason}").format(reason=reason_label(reason)),
        _("Details: {text}").format(text=fmt.quote(text)) if text else _("Details: none"),
        _("Anonymous: yes") if anonymous else _("Anonymous: no"),
    ]
    return "\n".join(lines) + "\n\n" + _("Send it to the marketplace?")


def sent_text() -> str:
    return _("✅ Your complaint was sent to the marketplace. Its status is in “My complaints”.")


def cancelled_text() -> str:
    return _("The complaint was not sent.")


def complaints_text(listing: ComplaintList, tz: tzinfo) -> str:
    header = _("🚩 <b>My complaints</b>")
    if not listing.page.items:
        return header + "\n\n" + _("You have not reported anything.")
    lines = [header]
    for complaint in listing.page.items:
        # NOTE: e.g. "Nov 26 · store “UGREEN” · Spam: under review".
        line = _("{date} · {target} · {reason}: <b>{status}</b>").format(
            date=fmt.day(complaint.created_at, tz),
            target=subject_label(
                complaint.target, listing.subjects.get(complaint.id, ComplaintSubject())
            ),
            reason=reason_label(complaint.reason),
            status=status_label(complaint.status),
        )
        if complaint.resolution:
            line += "\n" + fmt.quote(fmt.short(complaint.resolution, 200))
        lines.append(line)
    return "\n\n".join(lines)
