"""Pushes that show money add the buyer's display currency at a fresh rate, and only the paid
amount when the rate is too old."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from bot.services import catalog
from bot.services.exchange_rates import RateSpec, store_rates
from bot.services.orders import sync as order_sync
from bot.services.profile import set_display_currency
from tests.conftest import BotHarness
from tests.factories import make_buyer
from tests.notify.test_sender import make_sender


async def _new_order_push(harness: BotHarness, rate_age: timedelta) -> str | None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, language_code="ru")
    async with uow:
        attached = await uow.users.by_id(user.id)
        assert attached is not None
        await set_display_currency(uow, attached, "RUB", now)
    await store_rates(uow, "USD", [RateSpec("RUB", Decimal("92"), now - rate_age)], now)
    await catalog.upsert_store(uow, "ugreen", "UGREEN", now)
    spec = order_sync.OrderSpec(
        "8100000000000009",
        "ugreen",
        "USD",
        [order_sync.ItemSpec("Lamp", 1250, 1)],
        0,
        {"recipient": "Anna", "country": "RU", "city": "Moscow", "street": "Tverskaya 7"},
        now,
        now,
    )
    await order_sync.create_order(uow, user.id, spec, now)
    sender, _ = make_sender(harness)
    assert (await sender.drain()).sent == 1
    return harness.buyer(language_code="ru").screen


@pytest.mark.parametrize(
    ("rate_age", "amount"),
    [
        (timedelta(hours=1), "12,50\u00a0$ (≈ 1\u00a0150,00\u00a0₽)."),
        (timedelta(hours=49), "12,50\u00a0$."),
    ],
)
async def test_a_new_order_push_converts_only_at_a_fresh_rate(
    harness: BotHarness, rate_age: timedelta, amount: str
) -> None:
    screen = await _new_order_push(harness, rate_age)
    assert screen is not None
    assert screen.endswith(amount), screen
