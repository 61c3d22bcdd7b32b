"""The buyer's shipping addresses: at most ten, exactly one default while any exist, and only
ever the buyer's own. Every write re-checks the fields, so nothing unchecked is stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from bot.db.models import Address
from bot.db.uow import UnitOfWork
from bot.services.addresses.countries import check_country
from bot.services.addresses.fields import (
    Accepted,
    Refused,
    check_phone,
    check_recipient_name,
    check_region,
    check_street,
)
from bot.services.addresses.postal_codes import check_postal_code
from bot.services.errors import AddressLimitReached, AddressNotFound, BuyerNotFound, DomainError
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


@dataclass
class AddressFieldRefused(DomainError):
    """A field that does not pass its check (e.g. a form kept across an upgrade of the rules)."""

    field: AddressField
    refusal: Refused
    country: str | None = None  # explains a postal code ("a postal code in Germany looks...")


@dataclass(frozen=True)
class AddressBook:
    addresses: list[Address]
    limit: int

    @property
    def is_full(self) -> bool:
        return len(self.addresses) >= self.limit


def _accepted(
    field: AddressField, checked: Accepted[str] | Refused, country: str | None = None
) -> str:
    if isinstance(checked, Refused):
        raise AddressFieldRefused(field=field, refusal=checked, country=country)
    return checked.value


def check_details(details: AddressDetails) -> AddressDetails:
    """Every field checked and normalized once more; raises `AddressFieldRefused`."""
    country = _accepted(AddressField.COUNTRY, check_country(details.country))
    phone = check_phone(details.phone, country, international=True)
    if isinstance(phone, Refused):
        raise AddressFieldRefused(field=AddressField.PHONE, refusal=phone, country=country)
    return AddressDetails(
        recipient=_accepted(AddressField.RECIPIENT, check_recipient_name(details.recipient)),
        phone=phone.value.e164,
        country=country,
        region=_accepted(AddressField.REGION, check_region(details.region)),
        city=_accepted(AddressField.CITY, check_region(details.city)),
        street=_accepted(AddressField.STREET, check_street(details.street)),
        postal_code=_accepted(
            AddressField.POSTAL_CODE, check_postal_code(details.postal_code, country), country
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
) -> Address | None:
    """Deletes the address; when it was the default, the newest remaining one becomes the
    default, and is returned so the buyer can be told."""
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
        await _record(uow, EventKind.ADDRESS_DELETED, buyer_id, now, address_id=deleted_id)
        if successor is not None:
            await _record(
                uow, EventKind.ADDRESS_DEFAULT_CHANGED, buyer_id, now, address_id=successor.id
            )
        await uow.commit()
        return successor
