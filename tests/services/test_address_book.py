"""The address book on every database: one default, the limit, and only the buyer's own."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.db.uow import UnitOfWork
from bot.services.addresses import book
from bot.services.addresses.book import AddressDetails, AddressField
from bot.services.addresses.errors import (
    AddressFieldRefused,
    AddressLimitReached,
    AddressNotFound,
    PostalCodeMalformed,
)
from tests.conftest import START
from tests.factories import make_buyer

BERLIN = AddressDetails(
    recipient="Anna Schmidt",
    phone="+4915123456789",
    country="DE",
    region="Berlin",
    city="Berlin",
    street="Unter den Linden 77",
    postal_code="10117",
)
MOSCOW = AddressDetails(
    recipient="Анна Петрова",
    phone="+79123456789",
    country="RU",
    region="Москва",
    city="Москва",
    street="ул. Тверская, д. 7, кв. 12",
    postal_code="125009",
)


async def _add(uow: UnitOfWork, buyer_id: int, details: AddressDetails, minutes: int = 0):
    return await book.add_address(uow, buyer_id, details, START + timedelta(minutes=minutes))


async def _defaults(uow: UnitOfWork, buyer_id: int) -> list[int]:
    listing = await book.list_addresses(uow, buyer_id)
    return [address.id for address in listing.addresses if address.is_default]


async def test_the_first_address_is_the_default_and_stays_the_only_one(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)

    first = await _add(uow, anna.id, BERLIN)
    second = await _add(uow, anna.id, MOSCOW, minutes=1)

    assert first.is_default and not second.is_default
    listing = await book.list_addresses(uow, anna.id)
    assert [a.id for a in listing.addresses] == [first.id, second.id]

    await book.set_default_address(uow, anna.id, second.id, START)

    assert await _defaults(uow, anna.id) == [second.id]
    listing = await book.list_addresses(uow, anna.id)
    assert [a.id for a in listing.addresses] == [second.id, first.id]  # the default first
    await book.set_default_address(uow, anna.id, second.id, START)  # again: nothing changes
    assert await _defaults(uow, anna.id) == [second.id]


async def test_deleting_the_default_makes_the_newest_remaining_one_default(
    uow: UnitOfWork,
) -> None:
    anna = await make_buyer(uow, 1001, START)
    oldest = await _add(uow, anna.id, BERLIN)
    middle = await _add(uow, anna.id, MOSCOW, minutes=1)
    newest = await _add(uow, anna.id, replace(BERLIN, city="Potsdam"), minutes=2)

    assert (await book.delete_address(uow, anna.id, middle.id, START)).new_default is None
    assert await _defaults(uow, anna.id) == [oldest.id]

    deleted = await book.delete_address(uow, anna.id, oldest.id, START)
    successor = deleted.new_default

    assert successor is not None and successor.id == newest.id
    assert await _defaults(uow, anna.id) == [newest.id]
    assert [a.id for a in deleted.book.addresses] == [newest.id]
    assert (await book.delete_address(uow, anna.id, newest.id, START)).new_default is None
    assert (await book.list_addresses(uow, anna.id)).addresses == []


async def test_deleting_returns_the_book_as_it_is_now_the_new_default_first(
    uow: UnitOfWork,
) -> None:
    anna = await make_buyer(uow, 1001, START)
    oldest = await _add(uow, anna.id, BERLIN)
    middle = await _add(uow, anna.id, MOSCOW, minutes=1)
    newest = await _add(uow, anna.id, replace(BERLIN, city="Potsdam"), minutes=2)

    deleted = await book.delete_address(uow, anna.id, oldest.id, START)

    assert deleted.new_default is not None and deleted.new_default.id == newest.id
    assert [a.id for a in deleted.book.addresses] == [newest.id, middle.id]
    listed = (await book.list_addresses(uow, anna.id)).addresses
    assert [(a.id, a.is_default) for a in deleted.book.addresses] == [
        (a.id, a.is_default) for a in listed
    ]


async def test_a_buyer_keeps_at_most_ten_addresses(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    boris = await make_buyer(uow, 2002, START, name="Boris")
    for minute in range(book.MAX_ADDRESSES):
        await _add(uow, anna.id, replace(BERLIN, city=f"Berlin {minute}"), minutes=minute)

    with pytest.raises(AddressLimitReached) as refused:
        await book.check_can_add(uow, anna.id)
    assert refused.value.limit == 10
    with pytest.raises(AddressLimitReached):
        await _add(uow, anna.id, MOSCOW)
    listing = await book.list_addresses(uow, anna.id)
    assert len(listing.addresses) == 10 and listing.is_full
    await book.check_can_add(uow, boris.id)  # the limit is per buyer
    await _add(uow, boris.id, MOSCOW)


async def test_another_buyers_address_is_not_found(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    boris = await make_buyer(uow, 2002, START, name="Boris")
    borises = await _add(uow, boris.id, MOSCOW)
    await _add(uow, anna.id, BERLIN)

    for action in (
        book.get_address(uow, anna.id, borises.id),
        book.update_address(uow, anna.id, borises.id, BERLIN, START),
        book.set_default_address(uow, anna.id, borises.id, START),
        book.delete_address(uow, anna.id, borises.id, START),
    ):
        with pytest.raises(AddressNotFound) as missing:
            await action
        assert missing.value.address_id == borises.id

    kept = await book.get_address(uow, boris.id, borises.id)
    assert kept.recipient == "Анна Петрова" and kept.is_default
    assert [a.recipient for a in (await book.list_addresses(uow, anna.id)).addresses] == [
        "Anna Schmidt"
    ]


async def test_an_update_is_checked_and_stored_normalized(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    address = await _add(uow, anna.id, BERLIN)

    later = START + timedelta(hours=1)
    updated = await book.update_address(
        uow,
        anna.id,
        address.id,
        replace(MOSCOW, recipient="  Anna   Petrova ", postal_code="125 009", country="ru"),
        later,
    )

    assert (updated.recipient, updated.country, updated.postal_code) == (
        "Anna Petrova",
        "RU",
        "125009",
    )
    assert updated.is_default and updated.updated_at == later
    with pytest.raises(AddressFieldRefused) as refused:
        await book.update_address(
            uow, anna.id, address.id, replace(BERLIN, postal_code="1234"), later
        )
    assert refused.value.field is AddressField.POSTAL_CODE
    assert refused.value.refusal == PostalCodeMalformed("DE", expected="10115")
    assert (await book.get_address(uow, anna.id, address.id)).country == "RU"


def test_phones_are_shown_in_international_format() -> None:
    assert book.phone_international("+4915123456789") == "+49 1512 3456789"
    assert book.phone_international("+79123456789") == "+7 912 345-67-89"
    assert book.phone_international("garbage") == "garbage"
