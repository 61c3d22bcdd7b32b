"""A product's card, open to guests: the product in the buyer's language, its store with the
store's rating, and whether the buyer saved that store. Opening it records the product in the
buyer's recently viewed (guests have a user row of their own, so they get a list too)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.models import Product, Store, User
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import is_account
from bot.services.browse import recent
from bot.services.browse.rules import BrowseRules
from bot.services.errors import ProductNotFound

# The deep link that opens a card: t.me/<bot>?start=p_<id>
LINK_PREFIX = "p_"


@dataclass(frozen=True)
class ProductCard:
    """Everything the card shows, read in one transaction."""

    product: Product
    store: Store
    store_saved: bool  # Save store turns into Saved
    can_ask: bool  # an account may ask the seller; a guest is asked to sign in first


def product_id_of_link(argument: str) -> int | None:
    """The product id of a `p_<id>` deep-link argument; None if it is not one."""
    digits = argument.removeprefix(LINK_PREFIX)
    if not argument.startswith(LINK_PREFIX) or not digits.isdigit() or len(digits) > 18:
        return None
    return int(digits)


async def product_card(
    uow: UnitOfWork, viewer: User, product_id: int, now: datetime, rules: BrowseRules
) -> ProductCard:
    """The card; the view is recorded in the same transaction."""
    async with uow:
        product = await uow.products.get(product_id)
        if product is None:
            raise ProductNotFound(product_id=product_id)
        store = await uow.stores.get(product.store_id)
        if store is None:
            raise ProductNotFound(product_id=product_id)
        account = is_account(viewer)
        saved = account and await uow.favourite_stores.get(viewer.id, store.id) is not None
        await recent.record_view(uow, viewer, product.id, now, rules)
        await uow.commit()
        return ProductCard(product, store, saved, account)
