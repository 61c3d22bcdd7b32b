"""What the favourite-store screens show: the list, each store with its rating, what arrived
since the buyer's last visit and its coupons to take; and one saved store's screen, whose
opening marks its arrivals seen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.models import FavouriteStore, Product, Store, StoreCouponOffer
from bot.db.uow import UnitOfWork
from bot.services.errors import StoreUnavailable
from bot.services.favourites.rules import FavouriteRules
from bot.services.paging import Page, page_of


@dataclass(frozen=True)
class FavouriteRow:
    store: Store
    new_count: int  # products added since the buyer last opened it from the list
    offers: int  # coupons to take now
    news: bool


@dataclass(frozen=True)
class FavouriteList:
    page: Page[FavouriteRow]


@dataclass(frozen=True)
class OfferRow:
    offer: StoreCouponOffer
    taken: bool  # by this buyer: its coupon is in My coupons


@dataclass(frozen=True)
class FavouriteStoreScreen:
    """A saved store as its screen shows it (`saved` False once taken off the list: it can
    be saved again from here)."""

    store: Store
    saved: bool
    news: bool
    seen_at: datetime | None  # the previous visit, whose arrivals are new
    new_arrivals: list[Product]
    new_count: int
    offers: list[OfferRow]
    page: int  # of the list, for Back


async def list_favourites(
    uow: UnitOfWork, buyer_id: int, page: int, rules: FavouriteRules, now: datetime
) -> FavouriteList:
    async with uow:
        total = await uow.favourite_stores.count(buyer_id)

        async def fetch(offset: int, limit: int) -> list[FavouriteRow]:
            rows = await uow.favourite_stores.page(buyer_id, offset, limit)
            offers = await uow.store_offers.open_counts([store.id for _, store, _ in rows], now)
            return [
                FavouriteRow(store, new, offers.get(store.id, 0), saved.news)
                for saved, store, new in rows
            ]

        return FavouriteList(await page_of(total, page, rules.page_size, fetch))


async def read_screen(
    uow: UnitOfWork,
    buyer_id: int,
    store_id: int,
    page: int,
    rules: FavouriteRules,
    now: datetime,
    saved: FavouriteStore | None,
) -> FavouriteStoreScreen:
    """Inside the caller's transaction; `saved` is the buyer's row for the store, if any."""
    store = await uow.stores.get(store_id)
    if store is None:
        raise StoreUnavailable(store_id=store_id)
    arrivals: list[Product] = []
    new_count = 0
    if saved is not None:
        arrivals, new_count = await uow.favourite_stores.new_arrivals(
            store_id, saved.seen_at, rules.arrivals_shown
        )
    offers = await uow.store_offers.open_for_buyer(store_id, buyer_id, now, rules.offers_shown)
    return FavouriteStoreScreen(
        store,
        saved is not None,
        saved.news if saved is not None else False,
        saved.seen_at if saved is not None else None,
        arrivals,
        new_count,
        [OfferRow(offer, taken) for offer, taken in offers],
        page,
    )


async def favourite_store(
    uow: UnitOfWork, buyer_id: int, store_id: int, page: int, rules: FavouriteRules, now: datetime
) -> FavouriteStoreScreen:
    """The screen, with what arrived since the last visit; this visit is the last one now."""
    async with uow:
        saved = await uow.favourite_stores.get(buyer_id, store_id)
        screen = await read_screen(uow, buyer_id, store_id, page, rules, now, saved)
        if saved is not None:
            await uow.favourite_stores.mark_seen(buyer_id, store_id, now)
            await uow.commit()
        return screen
