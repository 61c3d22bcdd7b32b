"""My wishes within Telegram's limits whatever the data: the longest list names, the longest
titles and store names, many items, a display currency with the widest amounts; and the
counts it shows in Russian plural forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from aiogram.utils.i18n import I18n

from bot.db.models import WishList
from bot.keyboards.callbacks import WishAddCb
from bot.services import catalog
from bot.services.exchange_rates import RateSpec, store_rates
from bot.services.profile import set_display_currency
from bot.services.wishes.rules import LIST_NAME_MAX_LENGTH, LISTS_MAX
from bot.views.wishes.screens import items_count
from tests.conftest import BotHarness
from tests.factories import make_buyer
from tests.handlers.longest_data import chars, units


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_longest_names_and_many_items_fit_every_screen(
    harness: BotHarness, lang: str
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    buyer = await make_buyer(uow, 1001, now, language_code=lang)
    await store_rates(uow, "USD", [RateSpec("UZS", Decimal("999999999.99"), now)], now)
    async with uow:
        attached = await uow.users.by_id(buyer.id)
        assert attached is not None
        await set_display_currency(uow, attached, "UZS", now)
    await catalog.upsert_store(uow, "s-1", chars(200), now)
    async with uow:
        for index in range(LISTS_MAX):
            name = f"{index:02d}" + units(LIST_NAME_MAX_LENGTH - 2)
            uow.wishes.add(WishList(user_id=buyer.id, name=name, is_default=False, created_at=now))
        await uow.commit()
    anna = harness.buyer(language_code=lang)
    await anna.send("/wishes")
    product_ids = []
    for number in range(30):
        titles = {lang: chars(500)}
        spec = catalog.ProductSpec("s-1", f"p-{number}", titles, 999_999_999_99, "USD", 0)
        product, _, _ = await catalog.upsert_product(uow, spec, now)
        product_ids.append(product.id)

    for product_id in product_ids:
        await anna.press_data(WishAddCb(product_id=product_id).pack())
        await anna.press(anna.buttons[1][0])  # the first themed list
    assert len(anna.screen) <= 4096
    await anna.press(anna.buttons[0][0])  # the item's card
    assert len(anna.screen) <= 4096
    await anna.send("/wishes")
    assert len(anna.buttons) == LISTS_MAX + 2  # every list, then home (no more lists)


@pytest.mark.parametrize(
    ("count", "text"),
    [(1, "1 товар"), (2, "2 товара"), (5, "5 товаров"), (11, "11 товаров"), (21, "21 товар")],
)
def test_item_counts_take_the_russian_plural(i18n: I18n, count: int, text: str) -> None:
    with i18n.context(), i18n.use_locale("ru"):
        assert items_count(count) == text
