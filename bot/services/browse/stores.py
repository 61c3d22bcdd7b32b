"""A store's own page, open to guests and reached from any product: its rating, its products
page by page, and its new arrivals (products created in the last days, BrowseRules). Opening
it counts as a visit to a saved store, so its arrivals stop being new on home."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.models import Product, Store, User
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import is_account
from bot.services.browse.errors import ShopNotFound
from bot.services.browse.rules import BrowseRules
from bot.services.browse.search import ProductQuery, SortBy, search_products
from bot.services.paging import Page


@dataclass(frozen=True)
class StorePage:
    store: Store
    products: Page[Product]  # all products by popularity, or only the new arrivals, newest first
    new_only: bool
    new_arrivals: int  # how many products are new arrivals
    saved: bool  # the buyer saved this store


async def store_page(
    uow: UnitOfWork,
    viewer: User,
    store_id: int,
    number: int,
    new_only: bool,
    now: datetime,
    rules: BrowseRules,
) -> StorePage:
    async with uow:
        store = await uow.stores.get(store_id)
        if store is None:
            raise ShopNotFound(store_id=store_id)
        since = now - timedelta(days=rules.new_arrival_days)
        saved = False
        if is_account(viewer):
            favourite = await uow.favourite_stores.get(viewer.id, store_id)
            if favourite is not None:
                saved = True
                favourite.seen_at = now
                await uow.commit()
    arrivals = ProductQuery(store_id=store_id, created_since=since, sort=SortBy.NEWEST)
    if new_only:
        products = await search_products(uow, arrivals, number, rules.results_page_size)
        new_arrivals = products.total
    else:
        new_arrivals = (await search_products(uow, arrivals, 0, 1)).total
        everything = ProductQuery(store_id=store_id, sort=SortBy.POPULAR)
        products = await search_products(uow, everything, number, rules.results_page_size)
    return StorePage(store, products, new_only, new_arrivals, saved)
