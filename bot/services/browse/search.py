"""Finding products: words in the buyer's language, filters, a sort order, pages.

One interface whatever the database: `search_products` returns a `Page` of products.
(A first version: words match titles with LIKE; the full-text engines replace that.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.db.models import Product
from bot.db.repositories.products import ProductFilter
from bot.db.uow import UnitOfWork
from bot.services.paging import Page, page_of


class SortBy(StrEnum):
    """How results are ordered; relevance only means something with words."""

    RELEVANCE = "rel"
    PRICE_UP = "pu"
    PRICE_DOWN = "pd"
    NEWEST = "new"
    RATING = "rat"
    POPULAR = "pop"


@dataclass(frozen=True)
class ProductQuery:
    """What the buyer is looking for. Prices are minor units of `currency`."""

    words: str = ""
    locale: str = "en"
    category_id: int | None = None  # with its subcategories
    store_id: int | None = None
    price_min_minor: int | None = None
    price_max_minor: int | None = None
    currency: str | None = None
    min_rating: float | None = None  # stars, 1-5
    in_stock: bool = False
    sort: SortBy = SortBy.RELEVANCE
    created_since: datetime | None = None  # new arrivals only


async def search_products(
    uow: UnitOfWork, query: ProductQuery, number: int, size: int
) -> Page[Product]:
    """Page `number` of the products matching `query` (clamped to the last page)."""
    async with uow:
        categories = None
        if query.category_id is not None:
            categories = await uow.categories.subtree_ids(query.category_id)
        where = ProductFilter(
            words=query.words,
            category_ids=categories,
            store_id=query.store_id,
            price_min_minor=query.price_min_minor,
            price_max_minor=query.price_max_minor,
            currency=query.currency,
            min_rating=query.min_rating,
            in_stock=query.in_stock,
            created_since=query.created_since,
        )
        total = await uow.products.count_matching(where)

        async def fetch(offset: int, limit: int) -> list[Product]:
            return await uow.products.matching(where, query.sort.value, offset, limit)

        return await page_of(total, number, size, fetch)
