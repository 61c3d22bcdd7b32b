"""The buyer's moves on favourite stores: save, take off, news on or off, and taking a
store's coupon into My coupons."""

from __future__ import annotations

from datetime import datetime

from bot.db.models import Coupon, FavouriteStore, Store, StoreCouponOffer
from bot.db.uow import UnitOfWork
from bot.services.deadlines import sync_coupon_deadline
from bot.services.errors import StoreUnavailable
from bot.services.favourites.errors import (
    OfferAlreadyTaken,
    OfferSoldOut,
    OfferUnavailable,
    StoreBlockedNotSaved,
)
from bot.services.favourites.rules import FavouriteRules
from bot.services.favourites.screens import FavouriteStoreScreen, read_screen


async def _store(uow: UnitOfWork, store_id: int) -> Store:
    store = await uow.stores.get(store_id)
    if store is None:
        raise StoreUnavailable(store_id=store_id)
    return store


async def save_store(uow: UnitOfWork, buyer_id: int, store_id: int, now: datetime) -> Store:
    """Saving twice is saving once; a blocked seller cannot be saved."""
    async with uow:
        store = await _store(uow, store_id)
        if await uow.blocked_stores.get(buyer_id, store_id) is not None:
            raise StoreBlockedNotSaved(store_id=store_id)
        if await uow.favourite_stores.get(buyer_id, store_id) is None:
            uow.favourite_stores.add(
                FavouriteStore(user_id=buyer_id, store_id=store_id, saved_at=now, seen_at=now)
            )
        await uow.commit()
        return store


async def unsave_store(uow: UnitOfWork, buyer_id: int, store_id: int) -> Store:
    """Taking off a store not saved is a no-op."""
    async with uow:
        store = await _store(uow, store_id)
        await uow.favourite_stores.delete(buyer_id, store_id)
        await uow.commit()
        return store


async def set_news(
    uow: UnitOfWork,
    buyer_id: int,
    store_id: int,
    enabled: bool,
    page: int,
    rules: FavouriteRules,
    now: datetime,
) -> FavouriteStoreScreen:
    """Pushes of the store's new arrivals and discounts on or off; the screen as it is now.
    A store no longer saved has no switch: the screen offers to save it again."""
    async with uow:
        saved = await uow.favourite_stores.get(buyer_id, store_id)
        if saved is not None:
            saved.news = enabled
        screen = await read_screen(uow, buyer_id, store_id, page, rules, now, saved)
        await uow.commit()
        return screen


def _coupon_of(offer: StoreCouponOffer, buyer_id: int, external_id: str, now: datetime) -> Coupon:
    return Coupon(
        user_id=buyer_id,
        external_id=external_id,
        store_id=offer.store_id,
        title=offer.title,
        titles=dict(offer.titles),
        discount_minor=offer.discount_minor,
        percent_off=offer.percent_off,
        currency=offer.currency,
        min_order_minor=offer.min_order_minor,
        starts_at=None,
        expires_at=offer.expires_at,
        used_at=None,
        order_id=None,
        created_at=now,
        updated_at=now,
    )


async def take_offer(
    uow: UnitOfWork, buyer_id: int, offer_id: int, page: int, rules: FavouriteRules, now: datetime
) -> tuple[Coupon, FavouriteStoreScreen]:
    """One coupon of the offer into the buyer's coupons: never more than its quantity however
    many take at once (a conditional UPDATE counts it), one per buyer (the coupon's
    external id is unique per buyer). Returns the coupon and the store's screen after."""
    async with uow:
        offer = await uow.store_offers.get(offer_id)
        if offer is None or offer.withdrawn_at is not None:
            raise OfferUnavailable(offer_id=offer_id)
        if await uow.blocked_stores.get(buyer_id, offer.store_id) is not None:
            raise StoreBlockedNotSaved(store_id=offer.store_id)
        external_id = taken_coupon_id(offer.id)
        if await uow.coupons.by_external_id(buyer_id, external_id) is not None:
            raise OfferAlreadyTaken(offer_id=offer_id)
        if not offer.claim_from <= now < offer.claim_until or offer.expires_at <= now:
            raise OfferUnavailable(offer_id=offer_id)
        if await uow.store_offers.take_one(offer_id, now) is None:
            raise OfferSoldOut(offer_id=offer_id)
        coupon = _coupon_of(offer, buyer_id, external_id, now)
        if not await uow.coupons.add_once(coupon):
            raise OfferAlreadyTaken(offer_id=offer_id)  # a twin press won: the count undone
        await uow.coupons.flush()
        await sync_coupon_deadline(uow, coupon, now)
        saved = await uow.favourite_stores.get(buyer_id, offer.store_id)
        screen = await read_screen(uow, buyer_id, offer.store_id, page, rules, now, saved)
        await uow.commit()
        return coupon, screen


def taken_coupon_id(offer_id: int) -> str:
    """The external id of the coupon taken from an offer (the repository matches it too)."""
    return f"offer-{offer_id}"
