"""Home shows what moved in the buyer's shopping: wishes that got cheaper, new arrivals in the
stores they saved (as the web cabinet's home shows the latest updates and new products)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from bot.db.models import FavouriteStore, User, WishItem, WishList
from bot.db.uow import UnitOfWork
from bot.services import catalog
from tests.conftest import BotHarness
from tests.factories import make_buyer


async def _shopping(uow: UnitOfWork, buyer: User, now: datetime) -> None:
    """Two wishes (one now cheaper), a saved store with two products added since the visit."""
    earlier = now - timedelta(days=3)
    await catalog.upsert_store(uow, "s-1", "Gadget Store", earlier)
    await catalog.upsert_store(uow, "s-2", "Other Store", earlier)
    prices = {"p-1": 1999, "p-2": 500}
    for external_id, price in prices.items():
        spec = catalog.ProductSpec("s-1", external_id, {"en": external_id}, price, "USD", 3)
        await catalog.upsert_product(uow, spec, earlier)
    async with uow:
        wishes = WishList(user_id=buyer.id, name=None, is_default=True, created_at=earlier)
        uow.wishes.add(wishes)
        await uow.wishes.flush()
        for product_id in (1, 2):
            uow.wishes.add(
                WishItem(
                    list_id=wishes.id,
                    user_id=buyer.id,
                    product_id=product_id,
                    added_at=earlier,
                    added_price_minor=2499 if product_id == 1 else 500,
                    added_currency="USD",
                )
            )
        store = await uow.stores.by_external_id("s-1")
        assert store is not None
        uow.favourite_stores.add(
            FavouriteStore(user_id=buyer.id, store_id=store.id, saved_at=earlier, seen_at=earlier)
        )
        await uow.commit()
    for external_id in ("p-3", "p-4"):  # new in the saved store since the visit
        spec = catalog.ProductSpec("s-1", external_id, {"en": external_id}, 100, "USD", 1)
        await catalog.upsert_product(uow, spec, now)
    spec = catalog.ProductSpec("s-2", "p-5", {"en": "p-5"}, 100, "USD", 1)
    await catalog.upsert_product(uow, spec, now)  # new, but in a store not saved


@pytest.mark.parametrize(
    ("language", "cheaper", "arrivals"),
    [
        (
            "en",
            "📉 1 of your wishes is cheaper than when you added it",
            "🆕 2 new arrivals in your favourite stores",
        ),
        (
            "ru",
            "📉 1 товар из желаний подешевел с тех пор, как вы его добавили",
            "🆕 2 новинки в любимых магазинах",
        ),
    ],
)
async def test_home_shows_cheaper_wishes_and_new_arrivals(
    harness: BotHarness, language: str, cheaper: str, arrivals: str
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    buyer = await make_buyer(uow, 1001, now, language_code=language)
    await _shopping(uow, buyer, now)
    anna = harness.buyer(language_code=language)

    await anna.send("/menu")

    assert cheaper in anna.screen
    assert arrivals in anna.screen


async def test_home_is_quiet_about_shopping_when_nothing_moved(harness: BotHarness) -> None:
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    anna = harness.buyer()

    await anna.send("/menu")

    assert "cheaper" not in anna.screen
    assert "new arrival" not in anna.screen
