"""Stores and products as the marketplace reports them; every price change is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.models import Product, ProductPrice, Store
from bot.db.uow import UnitOfWork
from bot.services.errors import ProductNotFound, StoreNotFound


@dataclass(frozen=True)
class ProductSpec:
    store_external_id: str
    external_id: str
    titles: dict[str, str]
    price_minor: int
    currency: str
    stock: int


def default_title(titles: dict[str, str]) -> str:
    """English if there is one, else the first language given."""
    return titles.get("en") or next(iter(titles.values()))


async def upsert_store(
    uow: UnitOfWork, external_id: str, name: str, now: datetime
) -> tuple[Store, bool]:
    """Create the store or rename it; True when it was created."""
    async with uow:
        store = await uow.stores.by_external_id(external_id)
        created = store is None
        if store is None:
            store = Store(external_id=external_id, name=name, created_at=now)
            uow.stores.add(store)
        else:
            store.name = name
        await uow.commit()
        return store, created


async def upsert_product(
    uow: UnitOfWork, spec: ProductSpec, now: datetime
) -> tuple[Product, list[ProductPrice], bool]:
    """Create or update a product; a new price (or currency) adds a price-history row."""
    async with uow:
        store = await uow.stores.by_external_id(spec.store_external_id)
        if store is None:
            raise StoreNotFound(external_id=spec.store_external_id)
        product = await uow.products.by_external_id(store.id, spec.external_id)
        created = product is None
        if product is None:
            product = Product(store_id=store.id, external_id=spec.external_id, created_at=now)
            uow.products.add(product)
        price_changed = (product.price_minor, product.currency) != (spec.price_minor, spec.currency)
        product.titles = dict(spec.titles)
        product.title = default_title(spec.titles)
        product.price_minor, product.currency = spec.price_minor, spec.currency
        product.stock = spec.stock
        product.updated_at = now
        await uow.products.flush()
        if price_changed:
            uow.products.add(
                ProductPrice(
                    product_id=product.id,
                    price_minor=spec.price_minor,
                    currency=spec.currency,
                    changed_at=now,
                )
            )
        await uow.commit()
        return product, await uow.products.price_history(product.id), created


async def get_product(uow: UnitOfWork, product_id: int) -> tuple[Product, list[ProductPrice]]:
    async with uow:
        product = await uow.products.get(product_id)
        if product is None:
            raise ProductNotFound(product_id=product_id)
        return product, await uow.products.price_history(product.id)


async def list_stores(uow: UnitOfWork, offset: int, limit: int) -> tuple[list[Store], int]:
    async with uow:
        return await uow.stores.page(offset, limit)


@dataclass(frozen=True)
class ProductListing:
    products: list[Product]
    total: int
    store_external_ids: dict[int, str]
    histories: dict[int, list[ProductPrice]]


async def list_products(
    uow: UnitOfWork, store_external_id: str | None, offset: int, limit: int
) -> ProductListing:
    """A page of products with their stores' ids and price histories, in four queries."""
    async with uow:
        store_id = None
        if store_external_id is not None:
            store = await uow.stores.by_external_id(store_external_id)
            if store is None:
                raise StoreNotFound(external_id=store_external_id)
            store_id = store.id
        products, total = await uow.products.page(store_id, offset, limit)
        stores = await uow.stores.external_ids({product.store_id for product in products})
        histories = await uow.products.price_histories([product.id for product in products])
        return ProductListing(products, total, stores, histories)


async def store_external_id(uow: UnitOfWork, store_id: int) -> str:
    async with uow:
        store = await uow.stores.get(store_id)
        return store.external_id or "" if store is not None else ""
