"""Texts of Help: the index of questions and one short page per question."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.views import format as fmt


class HelpTopic(StrEnum):
    """The questions buyers ask most about a marketplace cabinet, in the index's order."""

    CABINET = "cab"
    SIGN_OUT = "out"
    NOT_OPENING = "open"
    SIGN_IN = "in"
    ORDER_GONE = "gone"
    PAYMENT = "pay"
    COUPONS = "cpn"


def topic_title(topic: HelpTopic) -> str:
    """The question, as the index button and as the page's title."""
    titles: dict[HelpTopic, Callable[[], str]] = {
        HelpTopic.CABINET: lambda: _("🏠 Where is my cabinet?"),
        HelpTopic.SIGN_OUT: lambda: _("🚪 Signing out on a shared device"),
        HelpTopic.NOT_OPENING: lambda: _("📵 The cabinet doesn't open"),
        HelpTopic.SIGN_IN: lambda: _("🔑 Can't sign in or forgot the password"),
        HelpTopic.ORDER_GONE: lambda: _("🗑 An order disappeared"),
        HelpTopic.PAYMENT: lambda: _("🔒 Is my payment data safe?"),
        HelpTopic.COUPONS: lambda: _("🎟 How do coupons work?"),
    }
    return titles[topic]()


def help_index_text() -> str:
    # The title reuses the command menu's "Help", so it is translated wherever that is.
    return f"❓ <b>{fmt.quote(_('Help'))}</b>\n\n" + _(
        "Pick a question below: each answer is a few lines, with a button that takes you "
        "straight to the fix.\n\n"
        "<b>Commands</b>\n"
        "/menu: open your cabinet\n"
        "/shop: categories and products\n"
        "/find: search products by words\n"
        "/recent: the products you viewed lately\n"
        "/profile: your name, e-mail, password and other settings\n"
        "/language: change the language\n"
        "/cancel: leave what you are typing\n"
        "/help: these questions"
    )


def help_topic_text(topic: HelpTopic, retention_days: int) -> str:
    """A short, plain page: the question in bold, then three to five lines."""
    bodies: dict[HelpTopic, Callable[[], str]] = {
        HelpTopic.CABINET: _cabinet,
        HelpTopic.SIGN_OUT: _sign_out,
        HelpTopic.NOT_OPENING: _not_opening,
        HelpTopic.SIGN_IN: _sign_in,
        HelpTopic.ORDER_GONE: lambda: _order_gone(retention_days),
        HelpTopic.PAYMENT: _payment,
        HelpTopic.COUPONS: _coupons,
    }
    return f"<b>{fmt.quote(topic_title(topic))}</b>\n\n" + bodies[topic]()


def _cabinet() -> str:
    return _(
        "Your cabinet is right here, in this chat with the bot.\n"
        "Send /menu at any time, or press “🏠 My cabinet” under any screen.\n"
        "From there you reach your orders, coupons, deleted orders, profile and settings."
    )


def _sign_out() -> str:
    return _(
        "Opened the cabinet in someone else's Telegram, say on a friend's phone or a work "
        "computer? Sign out when you are done.\n"
        "Otherwise whoever uses that Telegram next can see your orders and addresses and "
        "use your account, cards saved to it included.\n"
        "You can sign out of this device only or of all devices at once."
    )


def _not_opening() -> str:
    return _(
        "• Check your connection: Telegram shows “Connecting…” at the top while it is offline.\n"
        "• Update Telegram: old versions may not show the buttons.\n"
        "• The bot may be restarting for an update. Wait a minute and send /start."
    )


def _sign_in() -> str:
    return _(
        "• Check the e-mail address for typos.\n"
        "• Passwords are case-sensitive: make sure Caps Lock is off and the keyboard is "
        "set to the right language.\n"
        "• Forgot the password? Reset it: we send a code to your e-mail, and you choose "
        "a new password."
    )


def _order_gone(retention_days: int) -> str:
    if retention_days <= 0:  # nothing purges the trash
        return _(
            "Orders never vanish on their own: only you can delete them.\n"
            "A deleted order waits in Deleted orders until you restore it or delete it "
            "forever. An order whose dispute is open cannot be deleted."
        )
    return ngettext(
        "Orders never vanish on their own: only you can delete them.\n"
        "A deleted order waits in Deleted orders for {count} day, and you can restore it "
        "from there. After that it is removed for good.",
        "Orders never vanish on their own: only you can delete them.\n"
        "A deleted order waits in Deleted orders for {count} days, and you can restore it "
        "from there. After that it is removed for good.",
        retention_days,
    ).format(count=fmt.number(retention_days))


def _payment() -> str:
    return _(
        "• The bot never asks for your card number, its CVV or SMS codes. Whoever asks is "
        "a scammer, even if they write on our behalf.\n"
        "• You pay on the marketplace's payment page; card details never pass through "
        "this chat, and the marketplace keeps payment data encrypted.\n"
        "• Your password is stored only as a secure hash. Choose a strong one that you use "
        "nowhere else; you can change it in your profile."
    )


def _coupons() -> str:
    return _(
        "• A coupon gives a one-time discount and works only until it expires.\n"
        "• Most coupons need a minimum order amount; the coupon shows it.\n"
        "• A store coupon works only in its store; a marketplace coupon works in every store.\n"
        "The discount is applied at checkout when your order qualifies."
    )
