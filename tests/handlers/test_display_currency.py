"""The display currency does what it says: amounts are shown as paid and, beside them, in the
buyer's chosen currency at the marketplace's rate with its age; with no rate or an old one,
only what was paid."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from bot.db.enums import DisputeReason, OrderStatus
from bot.services.disputes import buyer as disputes
from bot.services.disputes import sync as dispute_sync
from bot.services.disputes.buyer import DisputeSpec
from bot.services.disputes.rules import DisputeRules
from bot.services.exchange_rates import RateSpec, store_rates
from bot.services.profile import set_display_currency
from tests.conftest import BotHarness
from tests.factories import make_buyer, make_coupon, make_order


async def _buyer(
    harness: BotHarness, lang: str, currency: str | None, rate_age: timedelta | None
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, language_code=lang)
    await make_order(uow, user, now, status=OrderStatus.SHIPPED, title="Lamp", price_minor=1250)
    if currency is not None:
        async with uow:
            attached = await uow.users.by_id(user.id)
            assert attached is not None
            await set_display_currency(uow, attached, currency, now)
    if rate_age is not None:
        spec = RateSpec("RUB", Decimal("92"), now - rate_age)
        await store_rates(uow, "USD", [spec], now)


async def test_order_list_and_card_show_roubles_beside_dollars_in_english(
    harness: BotHarness,
) -> None:
    await _buyer(harness, "en", "RUB", timedelta(hours=2))
    anna = harness.buyer()

    await anna.send("/orders")
    assert "$12.50 (≈ RUB\u00a01,150.00)" in anna.screen

    await anna.press("🚚 Lamp · $12.50")
    assert "Total paid: $12.50 (≈ RUB\u00a01,150.00)" in anna.screen
    assert "≈ at the rate of 2 hours ago" in anna.screen


async def test_order_card_shows_the_conversion_the_russian_way(harness: BotHarness) -> None:
    await _buyer(harness, "ru", "RUB", timedelta(days=2) - timedelta(hours=1))
    anna = harness.buyer(language_code="ru")

    await anna.send("/orders")
    await anna.press("🚚 Lamp · 12,50\u00a0$")

    assert "Итого оплачено: 12,50\u00a0$ (≈ 1\u00a0150,00\u00a0₽)" in anna.screen
    assert "≈ по курсу на 24 нояб." in anna.screen


async def test_an_old_rate_shows_only_the_paid_amount(harness: BotHarness) -> None:
    await _buyer(harness, "en", "RUB", timedelta(hours=49))
    anna = harness.buyer()

    await anna.send("/orders")
    await anna.press("🚚 Lamp · $12.50")

    assert "Total paid: $12.50\n" in anna.screen + "\n"
    assert "≈" not in anna.screen


async def test_without_a_rate_only_the_paid_amount_is_shown(harness: BotHarness) -> None:
    await _buyer(harness, "ru", "EUR", timedelta(hours=1))  # rates to RUB only
    anna = harness.buyer(language_code="ru")

    await anna.send("/orders")
    await anna.press("🚚 Lamp · 12,50\u00a0$")

    assert "≈" not in anna.screen


async def test_choosing_a_currency_in_the_profile_converts_the_next_screen(
    harness: BotHarness,
) -> None:
    await _buyer(harness, "en", None, timedelta(hours=3))
    anna = harness.buyer()
    await anna.send("/orders")
    assert "≈" not in anna.screen

    await anna.send("/profile")
    await anna.press("💱 Currency")
    await anna.press("Russian Ruble (RUB)")
    await anna.send("/orders")

    assert "$12.50 (≈ RUB\u00a01,150.00)" in anna.screen


async def test_coupons_show_their_value_in_the_display_currency_too(harness: BotHarness) -> None:
    await _buyer(harness, "en", "RUB", timedelta(hours=1))
    uow, now = harness.uow(), harness.clock.now()
    async with uow:
        user = await uow.users.by_telegram_id(1001)
    assert user is not None
    await make_coupon(uow, user, now, discount_minor=300, min_order_minor=2000)
    anna = harness.buyer()

    await anna.send("/coupons")

    assert "$3 (≈ RUB\u00a0276) off orders from $20 (≈ RUB\u00a01,840)" in anna.screen


async def test_the_dispute_card_shows_refund_amounts_in_roubles_in_russian(
    harness: BotHarness,
) -> None:
    uow, now = harness.uow(), harness.clock.now()
    user = await make_buyer(uow, 1001, now, language_code="ru")
    order = await make_order(uow, user, now, status=OrderStatus.SHIPPED, price_minor=2450)
    async with uow:
        attached = await uow.users.by_id(user.id)
        assert attached is not None
        await set_display_currency(uow, attached, "RUB", now)
    await store_rates(uow, "USD", [RateSpec("RUB", Decimal("92"), now - timedelta(hours=5))], now)
    spec = DisputeSpec(DisputeReason.NOT_RECEIVED, None, False, "Never arrived", ())
    dispute = (await disputes.open_dispute(uow, user, order.id, spec, now, DisputeRules())).dispute
    await dispute_sync.seller_offer(uow, dispute.id, 2000, False, "Part", now, DisputeRules())
    anna = harness.buyer(language_code="ru")

    await anna.send("/disputes")
    await anna.press(next(text for row in anna.buttons for text in row if order.number in text))

    assert "20,00\u00a0$ (≈ 1\u00a0840,00\u00a0₽)" in anna.screen  # the seller's offer
    assert "24,50\u00a0$ (≈ 2\u00a0254,00\u00a0₽)" in anna.screen  # what was paid
    assert "≈ по курсу 5 часов назад" in anna.screen


async def test_the_demo_account_converts_once_a_currency_is_chosen(
    make_harness: Callable[..., BotHarness],
) -> None:
    harness = make_harness(demo_data=True)
    anna = harness.buyer()
    await anna.send("/start")

    await anna.send("/profile")
    await anna.press("💱 Currency")
    await anna.press("Euro (EUR)")
    await anna.send("/orders")

    assert "(≈ €" in anna.screen
    await harness.bot.session.close()
