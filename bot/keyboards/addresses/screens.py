"""Shipping addresses: keyboards of the list, the card and deleting.

Other sections (the profile) open the list with `AddressListCb()`.
"""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.db.models import Address
from bot.keyboards.callbacks import (
    AddressAction,
    AddressCb,
    AddressListAction,
    AddressListCb,
    NavAction,
    NavCb,
)
from bot.keyboards.nav import button, home_button
from bot.services.addresses.book import AddressBook
from bot.views import format as fmt
from bot.views.addresses.screens import address_summary


def first_address_kb() -> InlineKeyboardMarkup:
    """After sign-up: add the first shipping address now, or skip to the cabinet."""
    add = AddressListCb(action=AddressListAction.WELCOME)
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [button(_("➕ Add a shipping address"), add)],
            [button(_("⏭ Skip"), NavCb(action=NavAction.HOME))],
        ]
    )


def addresses_list_kb(book: AddressBook) -> InlineKeyboardMarkup:
    """One button per address; Add is always there and says why when the book is full."""
    rows: list[list[InlineKeyboardButton]] = [
        [
            button(
                fmt.short(address_summary(address), 48),
                AddressCb(action=AddressAction.OPEN, address_id=address.id),
            )
        ]
        for address in book.addresses
    ]
    rows.append([button(_("➕ Add address"), AddressListCb(action=AddressListAction.ADD))])
    rows.append([home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def address_card_kb(address: Address) -> InlineKeyboardMarkup:
    def act(action: AddressAction) -> AddressCb:
        return AddressCb(action=action, address_id=address.id)

    rows = [[button(_("✏️ Edit"), act(AddressAction.EDIT))]]
    if not address.is_default:
        rows.append([button(_("⭐ Set as default"), act(AddressAction.SET_DEFAULT))])
    rows.append([button(_("🗑 Delete"), act(AddressAction.DELETE_ASK))])
    rows.append([button(_("⬅️ Back"), AddressListCb()), home_button()])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def delete_question_kb(address: Address) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                button(
                    _("🗑 Yes, delete"),
                    AddressCb(action=AddressAction.DELETE, address_id=address.id),
                ),
                # NOTE: the answer to "Delete this address?".
                button(_("No"), AddressCb(action=AddressAction.OPEN, address_id=address.id)),
            ]
        ]
    )
