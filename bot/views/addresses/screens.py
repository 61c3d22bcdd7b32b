"""Texts of Shipping addresses: the list, the card and deleting."""

from __future__ import annotations

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from bot.db.models import Address
from bot.services.addresses.book import (
    AddressBook,
    AddressDetails,
    details_of,
    phone_international,
)
from bot.services.addresses.countries import country_name
from bot.views import format as fmt
from bot.views.fit import clip

SUMMARY_LIMIT = 200  # a line of the list; the card shows the whole address

DEFAULT_MARK = "⭐"


def country_label(code: str) -> str:
    """The country's name in the buyer's language (not escaped)."""
    return country_name(code, get_i18n().current_locale) or code


def flag(code: str) -> str:
    """The flag emoji of an ISO alpha-2 code (regional indicator letters)."""
    return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in code.upper())


def address_summary(address: Address) -> str:
    """One line: recipient, city, country (not escaped; for buttons)."""
    parts = (address.recipient, address.city, country_label(address.country))
    mark = f"{DEFAULT_MARK} " if address.is_default else ""
    return mark + " · ".join(parts)


def address_block(details: AddressDetails) -> str:
    """The full address as a label would carry it, escaped."""
    place = ", ".join(part for part in (details.city, details.region, details.postal_code) if part)
    return "\n".join(
        [
            f"<b>{fmt.quote(details.recipient)}</b>",
            f"📱 {fmt.quote(phone_international(details.phone))}",
            fmt.quote(details.street),
            fmt.quote(place),
            fmt.quote(country_label(details.country)),
        ]
    )


def addresses_list_text(book: AddressBook) -> str:
    header = _("📍 <b>Shipping addresses</b>")
    if not book.addresses:
        body = _(
            "You have no shipping addresses yet. Add one, and it is ready when you order "
            "on the marketplace."
        )
        return f"{header}\n\n{body}"
    # NOTE: how many addresses of the most allowed, e.g. "3 of 10".
    count = _("{count} of {limit}").format(
        count=fmt.number(len(book.addresses)), limit=fmt.number(book.limit)
    )
    lines = "\n".join(
        f"{index}. {clip(address_summary(address), SUMMARY_LIMIT)}"
        for index, address in enumerate(book.addresses, start=1)
    )
    note = _("⭐ marks the default address: orders are shipped there unless you choose another.")
    return f"{header} · {count}\n\n{lines}\n\n{note}"


def address_card_text(address: Address) -> str:
    lines = [_("📍 <b>Shipping address</b>")]
    if address.is_default:
        lines.append(_("⭐ Default address"))
    return "\n".join(lines) + "\n\n" + address_block(details_of(address))


def delete_question_text(address: Address) -> str:
    return _("🗑 <b>Delete this address?</b>") + "\n\n" + address_block(details_of(address))


def address_saved_text() -> str:
    return _("✅ Address saved.")


def address_deleted_text(new_default: Address | None) -> str:
    if new_default is None:
        return _("🗑 Address deleted.")
    # An answer to a button holds at most 200 characters.
    return _("🗑 Address deleted. Your default address is now: {address}").format(
        address=fmt.short(address_summary(new_default), 100)
    )


def default_set_text() -> str:
    return _("⭐ This is now your default address.")


def first_address_text() -> str:
    """Offered right after sign-up; the marketplace asks for the address at registration."""
    return _(
        "📍 <b>Add a shipping address?</b>\n\n"
        "Your orders are delivered to it. You can also add one later in Profile → Addresses."
    )
