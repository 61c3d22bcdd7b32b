"""The rules of wish lists and price alerts: limits, the drops a buyer can follow, and when a
followed condition holds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from bot.db.models import Product, WishItem
from bot.services.exchange_rates import RateRules, RateTable, minor_digits
from bot.services.lengths import utf16_len
from bot.services.wishes.errors import ListNameEmpty, ListNameTooLong, TargetNotAPrice

LIST_NAME_MAX_LENGTH = 64  # the column holds 64 characters
LISTS_MAX = 20  # themed lists a buyer can have besides the default one
DROP_CHOICES = (5, 10, 15, 20, 30, 50)  # "any drop of N %" the buyer can pick
MAX_TARGET_MINOR = 10**12


def check_list_name(text: str) -> str:
    """Spaces folded; not empty; at most LIST_NAME_MAX_LENGTH characters."""
    name = " ".join(text.split())
    if not name:
        raise ListNameEmpty()
    if utf16_len(name) > LIST_NAME_MAX_LENGTH or len(name) > LIST_NAME_MAX_LENGTH:
        raise ListNameTooLong(max_length=LIST_NAME_MAX_LENGTH)
    return name


_AMOUNT = re.compile(r"^\d+(?:[.,]\d{1,3})?$")


def parse_amount(text: str, currency: str) -> int:
    """A typed amount ("19.99", "19,99", "1 500") in minor units of `currency`."""
    cleaned = "".join(text.split()).replace("\u00a0", "")
    for sign in ("$", "€", "₽", "£", "¥", currency, currency.lower()):
        cleaned = cleaned.replace(sign, "")
    if not _AMOUNT.match(cleaned):
        raise TargetNotAPrice()
    digits = minor_digits(currency)
    try:
        amount = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as error:  # pragma: no cover - the pattern lets none through
        raise TargetNotAPrice() from error
    minor = amount.scaleb(digits)
    if minor != minor.to_integral_value() or minor <= 0 or minor >= MAX_TARGET_MINOR:
        raise TargetNotAPrice()
    return int(minor)


@dataclass(frozen=True)
class PriceChange:
    """How far today's price is from the price when added: minor units and whole percent."""

    minor: int
    percent: int


def change_since_added(item: WishItem, product: Product) -> PriceChange | None:
    """None when either price is unknown or they are in different currencies."""
    if (
        item.added_price_minor is None
        or product.price_minor is None
        or item.added_currency != product.currency
    ):
        return None
    delta = product.price_minor - item.added_price_minor
    percent = round(Decimal(delta * 100) / item.added_price_minor) if item.added_price_minor else 0
    return PriceChange(delta, int(percent))


def follows_price(item: WishItem) -> bool:
    return item.target_price_minor is not None or item.drop_percent is not None


def price_in(
    product: Product, currency: str, rates: RateTable | None, now: datetime, rules: RateRules
) -> int | None:
    """Today's price in `currency`, converted at a fresh rate when need be; None if unknown."""
    if product.price_minor is None or product.currency is None:
        return None
    if product.currency == currency:
        return product.price_minor
    if rates is None:
        return None
    converted = rates.convert(product.price_minor, product.currency, currency, now, rules)
    return None if converted is None else converted.minor


def price_condition_holds(
    item: WishItem,
    product: Product,
    rates: RateTable | None,
    now: datetime,
    rules: RateRules,
) -> bool | None:
    """Whether the price is at or below the target, or the drop chosen below the price when
    added; None when nothing is followed or it cannot be told (no fresh rate)."""
    if item.target_price_minor is not None and item.target_currency is not None:
        price = price_in(product, item.target_currency, rates, now, rules)
        return None if price is None else price <= item.target_price_minor
    if item.drop_percent is not None:
        if (
            item.added_price_minor is None
            or product.price_minor is None
            or product.currency != item.added_currency
        ):
            return None
        return product.price_minor * 100 <= item.added_price_minor * (100 - item.drop_percent)
    return None


def in_stock(stock: int | None) -> bool | None:
    """Whether the store has it; None when the marketplace did not say."""
    return None if stock is None else stock > 0
