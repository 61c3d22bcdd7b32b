"""The category tree as the buyer walks it: a level's categories with how many products
each has (its subcategories included); categories without products are left out."""

from __future__ import annotations

from dataclasses import dataclass

from bot.db.models import Category, Product
from bot.db.uow import UnitOfWork
from bot.services.browse.drafts import SearchDraft
from bot.services.browse.errors import CategoryNotFound
from bot.services.browse.search import search_products
from bot.services.paging import Page


@dataclass(frozen=True)
class CategoryLevel:
    category: Category | None  # None: the top level
    children: list[tuple[Category, int]]  # each with its products, subcategories included


async def category_level(uow: UnitOfWork, category_id: int) -> CategoryLevel:
    async with uow:
        categories = await uow.categories.all()
        counts = await uow.categories.product_counts()
    by_id = {category.id: category for category in categories}
    current = by_id.get(category_id) if category_id else None
    if category_id and current is None:
        raise CategoryNotFound(category_id=category_id)
    below: dict[int | None, list[Category]] = {}
    for category in categories:
        below.setdefault(category.parent_id, []).append(category)

    def total(category: Category) -> int:
        return counts.get(category.id, 0) + sum(
            total(child) for child in below.get(category.id, [])
        )

    children = [(child, total(child)) for child in below.get(category_id or None, [])]
    return CategoryLevel(current, [(child, count) for child, count in children if count])


@dataclass(frozen=True)
class Results:
    draft: SearchDraft
    page: Page[Product]


async def results(uow: UnitOfWork, draft: SearchDraft, locale: str, size: int) -> Results:
    """The page of products the draft asks for (clamped), the draft holding that page."""
    query = draft.query(locale, draft.price_currency, draft.price_min, draft.price_max)
    page = await search_products(uow, query, draft.page, size)
    return Results(
        SearchDraft(**{**draft.to_data(), "page": page.number, "sort": draft.sort}), page
    )
