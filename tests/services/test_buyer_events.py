"""What the marketplace hears of the buyer's own data: every address added, edited, deleted or
made the default, and every profile change, is an outbound event written with the change."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.db.models import OutboundEvent
from bot.db.uow import UnitOfWork
from bot.services import profile, users
from bot.services.accounts import credentials
from bot.services.addresses import book
from bot.services.addresses.errors import AddressFieldRefused
from bot.services.profile import NameRefused
from tests.conftest import START
from tests.factories import make_buyer
from tests.services.test_address_book import BERLIN, MOSCOW

MINUTE = timedelta(minutes=1)


async def _events(uow: UnitOfWork) -> list[dict[str, Any]]:
    async with uow:
        rows = await uow.session.scalars(select(OutboundEvent).order_by(OutboundEvent.id))
        return [{"kind_column": row.kind, **row.payload} for row in rows]


async def test_every_address_change_reaches_the_marketplace_as_an_event(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START, external_id="b-1")
    berlin = await book.add_address(uow, anna.id, BERLIN, START)
    moscow = await book.add_address(uow, anna.id, MOSCOW, START + MINUTE)
    edited = replace(BERLIN, street="Friedrichstraße 43")
    await book.update_address(uow, anna.id, berlin.id, edited, START + 2 * MINUTE)
    await book.set_default_address(uow, anna.id, moscow.id, START + 3 * MINUTE)
    await book.set_default_address(uow, anna.id, moscow.id, START + 4 * MINUTE)  # no change
    await book.delete_address(uow, anna.id, moscow.id, START + 5 * MINUTE)

    events = await _events(uow)
    assert [(e["kind_column"], e["kind"]) for e in events] == [
        ("address.added", "address.added"),
        ("address.added", "address.added"),
        ("address.updated", "address.updated"),
        ("address.default_changed", "address.default_changed"),
        ("address.deleted", "address.deleted"),
        ("address.default_changed", "address.default_changed"),
    ]
    assert all(e["buyer_id"] == anna.id and e["external_id"] == "b-1" for e in events)
    assert events[0]["address"] == {
        "id": berlin.id,
        "recipient": "Anna Schmidt",
        "phone": "+4915123456789",
        "country": "DE",
        "region": "Berlin",
        "city": "Berlin",
        "street": "Unter den Linden 77",
        "postal_code": "10117",
        "is_default": True,
    }
    assert events[0]["at"] == START.isoformat()
    assert events[1]["address"]["is_default"] is False
    assert events[2]["address"]["street"] == "Friedrichstraße 43"
    assert events[2]["at"] == (START + 2 * MINUTE).isoformat()
    assert events[3]["address_id"] == moscow.id
    assert events[4]["address_id"] == moscow.id  # the deleted default...
    assert events[5]["address_id"] == berlin.id  # ...and the address that took its place


async def test_a_refused_address_change_sends_no_event(uow: UnitOfWork) -> None:
    anna = await make_buyer(uow, 1001, START)
    bad = replace(BERLIN, postal_code="ABC")
    with pytest.raises(AddressFieldRefused):
        await book.add_address(uow, anna.id, bad, START)
    assert await _events(uow) == []


async def test_profile_changes_of_an_account_reach_the_marketplace(uow: UnitOfWork) -> None:
    buyer = await make_buyer(uow, 1001, START, external_id="b-1")
    async with uow:
        user = await uow.users.by_id(buyer.id)
        assert user is not None
        await profile.rename(uow, user, "Ann", START)
        with pytest.raises(NameRefused):  # refused: not saved, not sent
            await profile.rename(uow, user, "R2-D2", START)
        await profile.set_display_currency(uow, user, "EUR", START)
        await profile.set_display_currency(uow, user, None, START)
        await profile.set_time_zone(uow, user, "Asia/Almaty", START)
        await users.set_locale(uow, user, "ru", START)
        await profile.set_avatar(uow, user, "photo-file-id", START)
        await credentials.finish_email_change(uow, user, "ann@example.com", START)

    events = await _events(uow)
    assert {e["kind"] for e in events} == {"buyer.profile_changed"}
    assert [e["changes"] for e in events] == [
        {"name": "Ann"},
        {"display_currency": "EUR"},
        {"display_currency": None},
        {"time_zone": "Asia/Almaty"},
        {"locale": "ru"},
        {"has_avatar": True},
        {"email": "ann@example.com"},
    ]
    assert all(e["external_id"] == "b-1" and e["buyer_id"] == buyer.id for e in events)


async def test_a_guests_choices_stay_in_the_cabinet(uow: UnitOfWork) -> None:
    guest = await make_buyer(uow, 1001, START, registered=False)
    async with uow:
        user = await uow.users.by_id(guest.id)
        assert user is not None
        await users.set_locale(uow, user, "ru", START)
        await profile.set_time_zone(uow, user, "Europe/Moscow", START)
    assert await _events(uow) == []
