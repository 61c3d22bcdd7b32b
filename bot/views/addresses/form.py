"""Texts of the address form: each step's question, the country choice and the review."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.services.addresses.book import AddressField, phone_international
from bot.services.addresses.countries import Country
from bot.services.addresses.drafts import STEPS, AddressDraft, step_number
from bot.services.addresses.fields import phone_example
from bot.services.addresses.postal_codes import (
    postal_code_example,
    postal_code_optional,
    uses_postal_codes,
)
from bot.views import format as fmt
from bot.views.addresses.screens import country_label


def field_label(field: AddressField) -> str:
    labels = {
        AddressField.RECIPIENT: _("Recipient"),
        AddressField.COUNTRY: _("Country"),
        AddressField.PHONE: _("Phone"),
        AddressField.REGION: _("Region"),
        AddressField.CITY: _("City"),
        AddressField.STREET: _("Street and house"),
        AddressField.POSTAL_CODE: _("Postal code"),
    }
    return labels[field]


def shown_value(draft: AddressDraft, field: AddressField) -> str | None:
    """A field's value as the buyer reads it (not escaped), None while not given."""
    value = draft.value(field)
    if value is None:
        return None
    if field is AddressField.COUNTRY:
        return country_label(value)
    if field is AddressField.PHONE:
        return phone_international(value)
    return value


def _question(draft: AddressDraft, field: AddressField) -> str:  # noqa: PLR0911 - a table
    country = draft.country or ""
    match field:
        case AddressField.RECIPIENT:
            return _(
                "Who will receive the parcel? Send their first and last name, e.g. Anna Smith."
            )
        case AddressField.COUNTRY:
            return _(
                "Which country is it? Type its name or the first letters, e.g. Germany, or its "
                "two-letter code, e.g. DE."
            )
        case AddressField.PHONE:
            example = phone_example(country) if country else None
            if example is None:
                return _(
                    "Send the recipient's phone number with the country code, or tap "
                    "“📱 Share my phone” below to use the number of this Telegram account."
                )
            return _(
                "Send the recipient's phone number, e.g. {example}, or tap “📱 Share my phone” "
                "below to use the number of this Telegram account."
            ).format(example=fmt.quote(example))
        case AddressField.REGION:
            return _("Send the region, state or province.")
        case AddressField.CITY:
            return _("Send the city, town or village.")
        case AddressField.STREET:
            return _(
                "Send the street, the house number and the apartment, e.g. 12 Oak Street, apt 5."
            )
    example = postal_code_example(country)
    text = _("Send the postal code.")
    if example is not None:
        text = _("Send the postal code, e.g. {example}.").format(example=fmt.quote(example))
    if postal_code_optional(country):
        text += " " + _("If the address has none, tap “⏭ No postal code”.")
    return text


def step_header(field: AddressField) -> str:
    # NOTE: the first line of each step of the address form, e.g. "Step 2 of 7 · Country".
    return _("📍 <b>Step {number} of {total}</b> · {field}").format(
        number=fmt.number(step_number(field)),
        total=fmt.number(len(STEPS)),
        field=field_label(field),
    )


def step_text(draft: AddressDraft, field: AddressField, problem: str | None = None) -> str:
    """The step's question; `problem` (escaped) says why the last answer was refused."""
    lines = [step_header(field), ""]
    if problem is not None:
        lines += [f"⚠️ {problem}", ""]
    lines.append(_question(draft, field))
    current = shown_value(draft, field)
    if current:
        lines += ["", _("Now: {value}").format(value=f"<i>{fmt.quote(current)}</i>")]
    return "\n".join(lines)


def not_text_problem(field: AddressField) -> str:
    if field is AddressField.PHONE:
        return _("Please type the number or tap “📱 Share my phone”.")
    return _("Please send the answer as text.")


def countries_found_text(found: list[Country]) -> str:
    if len(found) == 1:
        ask = _("Is it this country? If not, type the name again.")
    else:
        ask = _("Choose the country, or type the name again.")
    return f"{step_header(AddressField.COUNTRY)}\n\n{ask}"


def no_country_problem(query: str) -> str:
    """Escaped: the buyer's words go back into the message."""
    return _(
        "No country matches “{query}”. Type the first letters of its name in English or in "
        "your language, or its two-letter code."
    ).format(query=fmt.quote(fmt.short(query, 40)))


def country_chosen_text(code: str) -> str:
    return f"{step_header(AddressField.COUNTRY)}\n\n✅ {fmt.quote(country_label(code))}"


def phone_accepted_text(e164: str) -> str:
    return _("📱 Phone: {phone}").format(phone=fmt.quote(phone_international(e164)))


def someone_elses_contact_problem() -> str:
    return _("That is someone else's contact. Share your own with the button, or type the number.")


def going_back_text() -> str:
    return _("◀️ Back to the previous step.")


def review_text(draft: AddressDraft) -> str:
    """Every field for a last look, before anything is saved."""
    if draft.address_id is None:
        header = _("📍 <b>New address</b>: check it and save.")
    else:
        header = _("📍 <b>Editing the address</b>: check it and save.")
    lines = [header, ""]
    for field in STEPS:
        value = shown_value(draft, field)
        if field is AddressField.POSTAL_CODE and not value:
            country = draft.country or ""
            if uses_postal_codes(country):
                # NOTE: the value of "Postal code" on the review when the buyer has none.
                value = _("none")
            else:
                # NOTE: the value of "Postal code" on the review, e.g. "not used in Qatar".
                value = _("not used in {country}").format(country=country_label(country))
        lines.append(f"{field_label(field)}: <b>{fmt.quote(value or '—')}</b>")
    return "\n".join(lines)


def fields_text(draft: AddressDraft) -> str:
    return f"{review_text(draft)}\n\n" + _("Which field do you want to change?")


def form_expired_text() -> str:
    return _("This form has expired. Open your addresses and start again.")


def form_closed_text() -> str:
    return _("This form is closed, nothing was saved. Your addresses: /addresses")


def use_buttons_text() -> str:
    return _("Please use the buttons: save the address, edit a field or cancel.")
