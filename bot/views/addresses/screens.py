"""Texts of Shipping addresses: the list, the card, deleting, and why a field was refused."""

from __future__ import annotations

from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _

from bot.db.models import Address
from bot.services.addresses.book import (
    AddressBook,
    AddressDetails,
    AddressField,
    details_of,
    phone_international,
)
from bot.services.addresses.countries import country_name
from bot.services.addresses.fields import AddressProblem, Refused
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


def limit_text(limit: int) -> str:
    return ngettext(
        "You can keep at most {count} address. Delete one to add another.",
        "You can keep at most {count} addresses. Delete one to add another.",
        limit,
    ).format(count=fmt.number(limit))


def _length_text(problem: AddressProblem, limit: int) -> str:
    if problem is AddressProblem.TOO_SHORT:
        return ngettext(
            "That is too short: use at least {count} character.",
            "That is too short: use at least {count} characters.",
            limit,
        ).format(count=fmt.number(limit))
    return ngettext(
        "That is too long: use at most {count} character.",
        "That is too long: use at most {count} characters.",
        limit,
    ).format(count=fmt.number(limit))


def _phone_text(problem: AddressProblem) -> str:
    if problem is AddressProblem.PHONE_COUNTRY_CODE:
        return _("Start the number with + and its country code.")
    if problem is AddressProblem.PHONE_WRONG_LENGTH:
        return _("The number has too few or too many digits.")
    if problem is AddressProblem.PHONE_INVALID:
        return _("There are no such numbers. Check the digits.")
    return _("That does not look like a phone number.")


def _postal_code_text(refusal: Refused, country: str) -> str:
    if refusal.example is None:
        return _("A postal code has 2 to 10 letters and digits.")
    return _("A postal code in {country} looks like {example}.").format(
        country=country_label(country), example=refusal.example
    )


def _problem_sentence(field: AddressField, refusal: Refused, country: str | None) -> str:
    problem = refusal.problem
    match problem:
        case AddressProblem.TOO_SHORT | AddressProblem.TOO_LONG if refusal.limit is not None:
            return _length_text(problem, refusal.limit)
        case AddressProblem.INVALID_CHARACTERS if field is AddressField.RECIPIENT:
            return _("A name can have only letters, spaces, hyphens, apostrophes and dots.")
        case AddressProblem.INVALID_CHARACTERS:
            return _("Use only letters, digits, punctuation and the signs № # & + / °.")
        case AddressProblem.NO_LETTERS:
            return _("There must be at least one letter.")
        case AddressProblem.NO_HOUSE_NUMBER:
            return _("No house number? Send it again to keep it as is, or add the number.")
        case AddressProblem.UNKNOWN_COUNTRY:
            return _("Choose the country from the list.")
        case AddressProblem.POSTAL_CODE_FORMAT:
            return _postal_code_text(refusal, country or "")
        case _ if field is AddressField.PHONE:
            return _phone_text(problem)
    return _("This cannot be empty.")


def problem_sentence(field: AddressField, refusal: Refused, country: str | None) -> str:
    """Why the buyer's answer to a field was refused, in words (plain text, not escaped)."""
    text = _problem_sentence(field, refusal, country)
    if refusal.example is not None and refusal.problem is not AddressProblem.POSTAL_CODE_FORMAT:
        text += " " + _("For example: {example}").format(example=refusal.example)
    return text


def problem_text(field: AddressField, refusal: Refused, country: str | None) -> str:
    """The same, escaped for an HTML message."""
    return fmt.quote(problem_sentence(field, refusal, country))


def first_address_text() -> str:
    """Offered right after sign-up; the marketplace asks for the address at registration."""
    return _(
        "📍 <b>Add a shipping address?</b>\n\n"
        "Your orders are delivered to it. You can also add one later in Profile → Addresses."
    )
