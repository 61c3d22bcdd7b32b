"""Stores, categories and products for the browsing tests, through the catalogue service
(as the API feeds them), with the extra columns set as the marketplace reports them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update

from bot.db.models import Category, Product, Store
from bot.db.uow import UnitOfWork
from bot.services import catalog

_external = iter(range(1, 1_000_000))


async def make_store(
    uow: UnitOfWork, name: str, now: datetime, rating: tuple[float, float, int] | None = None
) -> Store:
    store, _created = await catalog.upsert_store(uow, f"s-{next(_external)}", name, now)
    if rating is not None:
        async with uow:
            average, share, count = rating
            await uow.session.execute(
                update(Store)
                .where(Store.id == store.id)
                .values(rating_average=average, rating_positive_share=share, rating_count=count)
            )
            await uow.commit()
    return store


async def make_category(
    uow: UnitOfWork, names: dict[str, str], now: datetime, parent: Category | None = None
) -> Category:
    async with uow:
        category = Category(
            external_id=f"c-{next(_external)}",
            parent_id=parent.id if parent is not None else None,
            names=names,
            created_at=now,
        )
        uow.categories.add(category)
        await uow.commit()
        return category


async def make_product(
    uow: UnitOfWork,
    store: Store,
    titles: dict[str, str],
    now: datetime,
    *,
    price_minor: int = 1999,
    currency: str = "USD",
    stock: int = 5,
    days_old: int = 30,
    **extra: Any,
) -> Product:
    """`extra`: photo_url, descriptions, rating_average, rating_count, orders_count,
    category_id."""
    assert store.external_id is not None
    spec = catalog.ProductSpec(
        store.external_id, f"p-{next(_external)}", titles, price_minor, currency, stock
    )
    product, _history, _created = await catalog.upsert_product(
        uow, spec, now - timedelta(days=days_old)
    )
    if extra:
        async with uow:
            await uow.session.execute(
                update(Product).where(Product.id == product.id).values(**extra)
            )
            await uow.commit()
        for key, value in extra.items():
            setattr(product, key, value)
    return product
