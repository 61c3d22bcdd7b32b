"""Favourite stores' rules on every database (PostgreSQL too when TEST_DATABASE_URL is set):
many buyers taking the last coupons of an offer at once never get more than its quantity,
and one buyer pressing Take twice at once gets one coupon."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.app import Database
from bot.db.models import Coupon, Store, StoreCouponOffer
from bot.db.uow import UnitOfWork
from bot.services import catalog
from bot.services.favourites import buyer
from bot.services.favourites.errors import OfferAlreadyTaken, OfferSoldOut
from bot.services.favourites.rules import FavouriteRules
from tests.conftest import START
from tests.factories import make_buyer

RULES = FavouriteRules()


async def _offer(uow: UnitOfWork, quantity: int) -> tuple[Store, int]:
    store, _ = await catalog.upsert_store(uow, "s-1", "Gadget Store", START - timedelta(days=9))
    async with uow:
        offer = StoreCouponOffer(
            store_id=store.id,
            external_id="11-11",
            title="11.11",
            titles={"en": "11.11"},
            discount_minor=None,
            percent_off=20,
            currency=None,
            min_order_minor=0,
            claim_from=START - timedelta(hours=1),
            claim_until=START + timedelta(days=1),
            expires_at=START + timedelta(days=7),
            quantity=quantity,
            taken=0,
            created_at=START,
            withdrawn_at=None,
        )
        uow.store_offers.add(offer)
        await uow.store_offers.flush()
        await uow.commit()
        return store, offer.id


async def _take(database: Database, buyer_id: int, offer_id: int) -> str:
    try:
        await buyer.take_offer(
            UnitOfWork(database.session_factory), buyer_id, offer_id, 0, RULES, START
        )
    except OfferSoldOut:
        return "sold out"
    except OfferAlreadyTaken:
        return "already"
    return "taken"


async def _coupons(database: Database) -> list[int]:
    async with database.session_factory() as session:
        return list((await session.scalars(select(Coupon.user_id))).all())


async def test_simultaneous_takes_never_oversell(database: Database) -> None:
    uow = UnitOfWork(database.session_factory)
    _, offer_id = await _offer(uow, quantity=5)
    buyers = [
        (await make_buyer(uow, 5000 + number, START, name=f"B{number}")).id for number in range(30)
    ]

    outcomes = await asyncio.gather(*(_take(database, who, offer_id) for who in buyers))

    assert outcomes.count("taken") == 5
    assert outcomes.count("sold out") == 25
    taken_by = await _coupons(database)
    assert len(taken_by) == len(set(taken_by)) == 5
    async with database.session_factory() as session:
        offer = await session.get(StoreCouponOffer, offer_id)
        assert offer is not None and offer.taken == 5


async def test_one_buyer_pressing_twice_at_once_gets_one_coupon(database: Database) -> None:
    uow = UnitOfWork(database.session_factory)
    _, offer_id = await _offer(uow, quantity=5)
    anna = await make_buyer(uow, 1001, START)

    outcomes = await asyncio.gather(*(_take(database, anna.id, offer_id) for _ in range(4)))

    assert sorted(outcomes) == ["already", "already", "already", "taken"]
    assert await _coupons(database) == [anna.id]
    async with database.session_factory() as session:
        taken = await session.scalar(select(func.sum(StoreCouponOffer.taken)))
    assert taken == 1


@pytest.mark.parametrize("quantity", [1])
async def test_the_coupon_taken_is_the_offers(database: Database, quantity: int) -> None:
    uow = UnitOfWork(database.session_factory)
    store, offer_id = await _offer(uow, quantity)
    anna = await make_buyer(uow, 1001, START)

    coupon, screen = await buyer.take_offer(uow, anna.id, offer_id, 0, RULES, START)

    assert (coupon.store_id, coupon.percent_off, coupon.expires_at) == (
        store.id,
        20,
        START + timedelta(days=7),
    )
    assert [row.taken for row in screen.offers] == []  # none left to show
