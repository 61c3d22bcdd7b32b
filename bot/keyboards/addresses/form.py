"""The address form: keyboards of the steps, the country choice, the
phone step's reply keyboard and the review."""

from __future__ import annotations

from aiogram.types import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import AddressFormAction, CountryCb, FieldCb, FormCb
from bot.keyboards.nav import button
from bot.services.addresses.book import AddressField
from bot.services.addresses.countries import Country
from bot.services.addresses.drafts import AddressDraft
from bot.services.addresses.fields import phone_example
from bot.services.addresses.postal_codes import postal_code_optional
from bot.views.addresses.form import field_label
from bot.views.addresses.screens import flag


def back_label() -> str:
    return _("◀️ Back")


def cancel_label() -> str:
    return _("✖️ Cancel")


def share_phone_label() -> str:
    return _("📱 Share my phone")


def _nav_row(draft: AddressDraft, field: AddressField) -> list[InlineKeyboardButton]:
    row = [button(cancel_label(), FormCb(action=AddressFormAction.CANCEL))]
    if draft.has_back(field):
        row.insert(0, button(back_label(), FormCb(action=AddressFormAction.BACK)))
    return row


def step_kb(draft: AddressDraft, field: AddressField) -> InlineKeyboardMarkup:
    rows: list[list[InlineKeyboardButton]] = []
    if field is AddressField.POSTAL_CODE and postal_code_optional(draft.country or ""):
        rows.append(
            [button(_("⏭ No postal code"), FormCb(action=AddressFormAction.NO_POSTAL_CODE))]
        )
    rows.append(_nav_row(draft, field))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def countries_kb(draft: AddressDraft, found: list[Country]) -> InlineKeyboardMarkup:
    """Up to eight matches, two a row, with their flags."""
    choices = [
        button(f"{flag(each.code)} {each.name}", CountryCb(code=each.code)) for each in found
    ]
    rows = [choices[index : index + 2] for index in range(0, len(choices), 2)]
    rows.append(_nav_row(draft, AddressField.COUNTRY))
    return InlineKeyboardMarkup(inline_keyboard=rows)


def phone_kb(draft: AddressDraft) -> ReplyKeyboardMarkup:
    """Telegram's own "share my number" button; Back and Cancel are typed buttons here, as a
    message has either this keyboard or inline buttons, not both."""
    navigation = [KeyboardButton(text=cancel_label())]
    if draft.has_back(AddressField.PHONE):
        navigation.insert(0, KeyboardButton(text=back_label()))
    example = phone_example(draft.country) if draft.country else None
    return ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text=share_phone_label(), request_contact=True)], navigation],
        resize_keyboard=True,
        input_field_placeholder=example,
    )


def review_kb() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("💾 Save"), FormCb(action=AddressFormAction.SAVE))],
            [button(_("✏️ Edit a field"), FormCb(action=AddressFormAction.FIELDS))],
            [button(cancel_label(), FormCb(action=AddressFormAction.CANCEL))],
        ]
    )


def fields_kb(draft: AddressDraft) -> InlineKeyboardMarkup:
    choices = [button(field_label(each), FieldCb(field=each)) for each in draft.steps()]
    rows = [choices[index : index + 2] for index in range(0, len(choices), 2)]
    rows.append([button(_("⬅️ Back"), FormCb(action=AddressFormAction.REVIEW))])
    return InlineKeyboardMarkup(inline_keyboard=rows)
