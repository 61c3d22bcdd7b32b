"""The one money renderer with a display currency: yen without decimals, dinars with three,
the rate's age in words, and the paid amount alone when nothing may be converted."""

from __future__ import annotations

from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from aiogram.utils.i18n import I18n

from bot.services.exchange_rates import RateRules, RateTable
from bot.views import format as fmt
from tests.conftest import START

RULES = RateRules(max_age=timedelta(hours=48))


def _display(target: str, age: timedelta = timedelta(hours=2)) -> fmt.Display:
    rates = RateTable(
        [
            ("USD", "JPY", Decimal("151.3"), START - age),
            ("USD", "KWD", Decimal("0.307"), START - age),
            ("USD", "RUB", Decimal("92"), START - age),
        ]
    )
    return fmt.Display(target, rates, RULES, START, UTC)


@pytest.mark.parametrize(
    ("lang", "target", "shown"),
    [
        ("en", "JPY", "$12.50 (≈ ¥1,891)"),
        ("en", "KWD", "$12.50 (≈ KWD\u00a03.838)"),
        ("ru", "JPY", "12,50\u00a0$ (≈ 1\u00a0891\u00a0¥)"),
        ("ru", "RUB", "12,50\u00a0$ (≈ 1\u00a0150,00\u00a0₽)"),
    ],
)
def test_paid_amounts_carry_the_display_currency_with_its_own_decimals(
    i18n: I18n, lang: str, target: str, shown: str
) -> None:
    with i18n.context(), i18n.use_locale(lang), fmt.converting(_display(target)):
        assert fmt.paid(1250, "USD") == shown


def test_the_note_says_how_old_the_rate_is(i18n: I18n) -> None:
    with i18n.context(), i18n.use_locale("en"):
        with fmt.converting(_display("RUB")):
            assert fmt.rate_note("USD") == "≈ at the rate of 2 hours ago"
            assert fmt.rate_note("RUB") is None  # nothing converted: same currency
        with fmt.converting(_display("RUB", timedelta(hours=30))):
            assert fmt.rate_note("USD") == "≈ at the rate of Nov 25"


def test_only_the_paid_amount_without_a_display_currency_or_a_fresh_rate(i18n: I18n) -> None:
    with i18n.context(), i18n.use_locale("en"):
        assert fmt.paid(1250, "USD") == "$12.50"
        with fmt.converting(_display("RUB", timedelta(hours=49))):
            assert fmt.paid(1250, "USD") == "$12.50"
            assert fmt.rate_note("USD") is None
        with fmt.converting(_display("EUR")):
            assert fmt.paid(1250, "USD") == "$12.50"
