"""The buyer's shipping addresses: at most ten, exactly one default while any exist, and only
ever the buyer's own. Every write re-checks the fields, so nothing unchecked is stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from bot.db.models import Address
from bot.db.uow import UnitOfWork
from bot.services.addresses.countries import check_country
from bot.services.addresses.errors import (
    AddressFieldRefused,
    AddressLimitReached,
    AddressNotFound,
    FieldRefused,
)
from bot.services.addresses.fields import (
    check_phone,
    check_recipient_name,
    check_region,
    check_street,
)
from bot.services.addresses.postal_codes import check_postal_code
from bot.services.errors import BuyerNotFound
from bot.services.events import EventKind, address_payload, record_buyer_event

MAX_ADDRESSES = 10


class AddressField(StrEnum):
    """The fields of an address, in the order the form asks for them."""

    RECIPIENT = "r"
    COUNTRY = "c"
    PHONE = "p"
    REGION = "rg"
    CITY = "ct"
    STREET = "s"
    POSTAL_CODE = "pc"


@dataclass(frozen=True, slots=True)
class AddressDetails:
    """What the buyer fills in; `phone` is E.164, `country` ISO alpha-2, `postal_code` may be
    "" where the country has none."""

    recipient: str
    phone: str
    country: str
    region: str
    city: str
    street: str
    postal_code: str


@dataclass(frozen=True)
class AddressBook:
    """Shipping addresses: all of them (at most `limit`), the default first, then the newest."""

    addresses: list[Address]
    limit: int

    @property
    def is_full(self) -> bool:
        return len(self.addresses) >= self.limit


@dataclass(frozen=True)
class AddressDeleted:
    """What deleting leaves: the book without the address, and the address that became the
    default in its place (None when the deleted one was not the default, or was the last)."""

    book: AddressBook
    new_default: Address | None


def _checked(field: AddressField, check: Callable[[], str]) -> str:
    try:
        return check()
    except FieldRefused as refusal:
        raise AddressFieldRefused(field, refusal) from None


def check_details(details: AddressDetails) -> AddressDetails:
    """Every field checked and normalized once more; raises `AddressFieldRefused`."""
    country = _checked(AddressField.COUNTRY, lambda: check_country(details.country))
    phone = _checked(
        AddressField.PHONE, lambda: check_phone(details.phone, country, international=True).e164
    )
    return AddressDetails(
        recipient=_checked(AddressField.RECIPIENT, lambda: check_recipient_name(details.recipient)),
        phone=phone,
        country=country,
        region=_checked(AddressField.REGION, lambda: check_region(details.region)),
        city=_checked(AddressField.CITY, lambda: check_region(details.city)),
        street=_checked(AddressField.STREET, lambda: check_street(details.street)),
        postal_code=_checked(
            AddressField.POSTAL_CODE, lambda: check_postal_code(details.postal_code, country)
        ),
    )


def phone_international(e164: str) -> str:
    """`+4915123456789` -> `+49 1512 3456789`, the form people read and dial."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return e164
    return phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)


def details_of(address: Address) -> AddressDetails:
    return AddressDetails(
        recipient=address.recipient,
        phone=address.phone,
        country=address.country,
        region=address.region,
        city=address.city,
        street=address.street,
        postal_code=address.postal_code,
    )


async def list_addresses(uow: UnitOfWork, buyer_id: int) -> AddressBook:
    """The default first, then the newest."""
    async with uow:
        return AddressBook(await uow.addresses.list_for_buyer(buyer_id), MAX_ADDRESSES)


async def get_address(uow: UnitOfWork, buyer_id: int, address_id: int) -> Address:
    async with uow:
        return await _own(uow, buyer_id, address_id)


async def _own(uow: UnitOfWork, buyer_id: int, address_id: int) -> Address:
    address = await uow.addresses.get_for_buyer(buyer_id, address_id)
    if address is None:
        raise AddressNotFound(address_id=address_id)
    return address


async def _record(
    uow: UnitOfWork, kind: EventKind, buyer_id: int, now: datetime, **extra: object
) -> None:
    """Tell the marketplace about the change, in its transaction (see bot/services/events)."""
    buyer = await uow.users.by_id(buyer_id)
    if buyer is None:
        raise BuyerNotFound(buyer_id=buyer_id)
    record_buyer_event(uow, kind, buyer, now, **extra)


async def has_addresses(uow: UnitOfWork, buyer_id: int) -> bool:
    """Whether the buyer has given a shipping address (sign-up offers one when not)."""
    async with uow:
        return await uow.addresses.count_for_buyer(buyer_id) > 0


async def check_can_add(uow: UnitOfWork, buyer_id: int) -> None:
    """Refuse before the buyer types seven fields, not only when they press Save."""
    async with uow:
        if await uow.addresses.count_for_buyer(buyer_id) >= MAX_ADDRESSES:
            raise AddressLimitReached(limit=MAX_ADDRESSES)


async def save_address(
    uow: UnitOfWork, buyer_id: int, address_id: int | None, details: AddressDetails, now: datetime
) -> Address:
    """The address form's Save: a new address (`address_id` None), or the one edited."""
    if address_id is None:
        return await add_address(uow, buyer_id, details, now)
    return await update_address(uow, buyer_id, address_id, details, now)


async def add_address(
    uow: UnitOfWork, buyer_id: int, details: AddressDetails, now: datetime
) -> Address:
    """A new address; the buyer's first one becomes the default."""
    checked = check_details(details)
    async with uow:
        count = await uow.addresses.count_for_buyer(buyer_id)
        if count >= MAX_ADDRESSES:
            raise AddressLimitReached(limit=MAX_ADDRESSES)
        address = Address(
            user_id=buyer_id,
            recipient=checked.recipient,
            phone=checked.phone,
            country=checked.country,
            region=checked.region,
            city=checked.city,
            street=checked.street,
            postal_code=checked.postal_code,
            is_default=count == 0,
            created_at=now,
            updated_at=now,
        )
        uow.addresses.add(address)
        await uow.addresses.flush()
        await _record(uow, EventKind.ADDRESS_ADDED, buyer_id, now, address=address_payload(address))
        await uow.commit()
        return address


async def update_address(
    uow: UnitOfWork, buyer_id: int, address_id: int, details: AddressDetails, now: datetime
) -> Address:
    checked = check_details(details)
    async with uow:
        address = await _own(uow, buyer_id, address_id)
        address.recipient = checked.recipient
        address.phone = checked.phone
        address.country = checked.country
        address.region = checked.region
        address.city = checked.city
        address.street = checked.street
        address.postal_code = checked.postal_code
        address.updated_at = now
        payload = address_payload(address)
        await _record(uow, EventKind.ADDRESS_UPDATED, buyer_id, now, address=payload)
        await uow.commit()
        return address


async def set_default_address(
    uow: UnitOfWork, buyer_id: int, address_id: int, now: datetime
) -> Address:
    """This address becomes the default and no other one stays it."""
    async with uow:
        address = await _own(uow, buyer_id, address_id)
        if not address.is_default:
            await uow.addresses.clear_default(buyer_id)
            address.is_default = True
            address.updated_at = now
            await _record(
                uow, EventKind.ADDRESS_DEFAULT_CHANGED, buyer_id, now, address_id=address.id
            )
            await uow.commit()
        return address


async def delete_address(
    uow: UnitOfWork, buyer_id: int, address_id: int, now: datetime
) -> AddressDeleted:
    """Deletes the address; when it was the default, the newest remaining one becomes the
    default, and is returned (with the book as it is now) so the buyer can be told."""
    async with uow:
        address = await _own(uow, buyer_id, address_id)
        was_default = address.is_default
        deleted_id = address.id
        await uow.addresses.delete(address)
        await uow.addresses.flush()
        successor = None
        if was_default:
            successor = await uow.addresses.newest_for_buyer(buyer_id)
            if successor is not None:
                successor.is_default = True
                successor.updated_at = now
                await uow.addresses.flush()  # the book below lists the new default first
        await _record(uow, EventKind.ADDRESS_DELETED, buyer_id, now, address_id=deleted_id)
        if successor is not None:
            await _record(
                uow, EventKind.ADDRESS_DEFAULT_CHANGED, buyer_id, now, address_id=successor.id
            )
        remaining = AddressBook(await uow.addresses.list_for_buyer(buyer_id), MAX_ADDRESSES)
        await uow.commit()
        return AddressDeleted(remaining, successor)
