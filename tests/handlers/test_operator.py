"""/admin for the operators in ADMIN_IDS: a short status of buyers, pushes, marketplace events
and exchange rates; to a buyer it is like a command the bot does not have, and it is never in
the command menu."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from typing import Any

from aiogram.utils.i18n import I18n

from bot.app import command_list
from bot.services.exchange_rates import RateSpec, store_rates
from tests.conftest import BotHarness
from tests.factories import make_buyer

OPERATOR = 7001


def _sent(calls: list[Any]) -> list[tuple[str, str | None]]:
    return [(call.method, call.params.get("text")) for call in calls]


async def _activity(harness: BotHarness) -> None:
    uow, now = harness.uow(), harness.clock.now()
    buyer = await make_buyer(uow, 1001, now)
    await make_buyer(uow, 1002, now, registered=False)  # a guest is not a buyer yet
    async with uow:
        await uow.outbox.add(buyer.id, "order_created", {}, "k-1", now - timedelta(minutes=5), now)
        await uow.outbox.add(buyer.id, "order_created", {}, "k-2", now + timedelta(hours=1), now)
        uow.events.add("order_confirmed", {}, now - timedelta(hours=3), buyer_id=None)
        await uow.commit()
    earlier = now - timedelta(hours=2)
    await store_rates(uow, "USD", [RateSpec("RUB", Decimal("92"), earlier)], earlier)
    await store_rates(uow, "USD", [RateSpec("EUR", Decimal("0.9"), now - timedelta(days=3))], now)


async def test_an_operator_sees_the_status_in_english(
    make_harness: Callable[..., BotHarness],
) -> None:
    harness = make_harness(admin_ids=frozenset({OPERATOR}))
    await _activity(harness)
    operator = harness.buyer(OPERATOR)

    await operator.send("/admin")

    assert operator.screen == (
        "🛠 Operator status\n"
        "Buyers: 1\n"
        "Pushes waiting: 2 (due now: 1)\n"
        "Events not yet taken by the marketplace: 1\n"
        "Oldest waiting event: Nov 26, 9:00\u202fAM (3 hours ago)\n"
        "Exchange rates: 2, too old to show: 1\n"
        "Rates last updated: Nov 26, 12:00\u202fPM (1 minute ago)"
    )
    await harness.bot.session.close()


async def test_an_operator_sees_the_status_in_russian(
    make_harness: Callable[..., BotHarness],
) -> None:
    harness = make_harness(admin_ids=frozenset({OPERATOR}))
    operator = harness.buyer(OPERATOR, language_code="ru")

    await operator.send("/admin")

    assert operator.screen == (
        "🛠 Состояние сервиса\n"
        "Покупателей: 0\n"
        "Уведомлений в очереди: 0 (к отправке сейчас: 0)\n"
        "Событий, ещё не принятых маркетплейсом: 0\n"
        "Курсов валют: 0, устаревших: 0\n"
        "Курсы обновлены: никогда"
    )
    await harness.bot.session.close()


async def test_to_a_buyer_admin_is_like_any_command_the_bot_does_not_have(
    make_harness: Callable[..., BotHarness],
) -> None:
    harness = make_harness(admin_ids=frozenset({OPERATOR}))
    await _activity(harness)
    anna = harness.buyer(1001)

    unknown = _sent(await anna.send("/nosuchcommand"))
    admin = _sent(await anna.send("/admin"))

    assert admin == unknown
    assert not any(text and "Operator" in text for _, text in admin)
    await harness.bot.session.close()


async def test_inside_a_form_admin_is_to_a_buyer_like_any_command_the_bot_does_not_have(
    make_harness: Callable[..., BotHarness],
) -> None:
    harness = make_harness(admin_ids=frozenset({OPERATOR}))
    anna = harness.buyer(1001)
    await make_buyer(harness.uow(), 1001, harness.clock.now())
    await anna.send("/orders")
    await anna.press("🔎 Search")

    unknown = _sent(await anna.send("/nosuchcommand"))
    admin = _sent(await anna.send("/admin"))

    assert admin == unknown  # the hint, and the search form stays open
    context = harness.dispatcher.fsm.get_context(harness.bot, anna.user_id, anna.user_id)
    assert await context.get_state() is not None
    await harness.bot.session.close()


async def test_without_admin_ids_nobody_is_an_operator(harness: BotHarness) -> None:
    anna = harness.buyer(OPERATOR)
    unknown = _sent(await anna.send("/nosuchcommand"))
    assert _sent(await anna.send("/admin")) == unknown


def test_admin_is_not_in_the_command_menu(i18n: I18n) -> None:
    with i18n.context(), i18n.use_locale("en"):
        assert "admin" not in [command.command for command in command_list()]
