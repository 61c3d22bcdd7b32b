"""Texts of the home screen, the language picker and /cancel."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.home import CabinetSummary, HomeScreen
from bot.views import format as fmt
from bot.views.accounts.auth import guest_home_text


def home_text(screen: HomeScreen) -> str:
    """A guest is greeted and offered ways in; an account sees its summary."""
    if screen.summary is None:
        return guest_home_text(screen.first_name)
    return summary_text(screen.first_name, screen.summary)


def summary_text(first_name: str, summary: CabinetSummary) -> str:
    """The web cabinet's summary: what waits for the buyer, by status."""
    greeting = _("👤 <b>My cabinet</b> · {name}").format(name=fmt.quote(first_name or "—"))
    if summary.total == 0:
        return (
            greeting
            + "\n\n"
            + _(
                "You have no orders yet. When you buy something on the marketplace, "
                "it shows up here with tracking and buyer protection."
            )
            + (f"\n\n{coupons_line(summary.coupons)}" if summary.coupons else "")
            + "".join(f"\n{line}" for line in shopping_lines(summary))
        )
    counts = [
        (
            "💳",
            ngettext(
                "{count} order awaiting payment", "{count} orders awaiting payment", summary.to_pay
            ),
            summary.to_pay,
        ),
        (
            "📦",
            ngettext(
                "{count} order awaiting shipment",
                "{count} orders awaiting shipment",
                summary.to_ship,
            ),
            summary.to_ship,
        ),
        (
            "🚚",
            ngettext(
                "{count} order on its way to you",
                "{count} orders on their way to you",
                summary.to_receive,
            ),
            summary.to_receive,
        ),
        (
            "⭐",
            ngettext(
                "{count} order awaiting your feedback",
                "{count} orders awaiting your feedback",
                summary.to_review,
            ),
            summary.to_review,
        ),
    ]
    lines = [f"{icon} " + text.format(count=fmt.number(count)) for icon, text, count in counts]
    total = ngettext("{count} order in total", "{count} orders in total", summary.total)
    return "\n".join(
        [
            greeting,
            "",
            *lines,
            "",
            total.format(count=fmt.number(summary.total)),
            coupons_line(summary.coupons),
            *shopping_lines(summary),
        ]
    )


def coupons_line(count: int) -> str:
    return "🎟 " + ngettext("{count} active coupon", "{count} active coupons", count).format(
        count=fmt.number(count)
    )


def shopping_lines(summary: CabinetSummary) -> list[str]:
    """What moved since the buyer looked: cheaper wishes, new arrivals in saved stores."""
    lines = []
    if summary.cheaper_wishes:
        text = ngettext(
            "{count} of your wishes is cheaper than when you added it",
            "{count} of your wishes are cheaper than when you added them",
            summary.cheaper_wishes,
        )
        lines.append("📉 " + text.format(count=fmt.number(summary.cheaper_wishes)))
    if summary.new_arrivals:
        text = ngettext(
            "{count} new arrival in your favourite stores",
            "{count} new arrivals in your favourite stores",
            summary.new_arrivals,
        )
        lines.append("🆕 " + text.format(count=fmt.number(summary.new_arrivals)))
    return lines


def language_text() -> str:
    return _("🌐 Choose the language of the cabinet:")


def language_changed_text() -> str:
    # NOTE: shown in the newly chosen language right after switching.
    return _("Language changed to English.")


def cancelled_text(had_form: bool) -> str:
    if had_form:
        return _("Cancelled. Nothing was saved.")
    return _("There is nothing to cancel.")


def account_linked_text() -> str:
    return _(
        "✅ Your marketplace account is now linked to this Telegram account. "
        "Your orders are here, and the bot will tell you when something happens to them."
    )


def home_hint_text() -> str:
    return _("Your cabinet is one tap away.")
