"""The one place that renders money, dates, numbers and durations, with Babel, per locale."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from functools import lru_cache
from html import escape

from aiogram.utils.i18n import get_i18n
from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, format_timedelta
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_precision


@lru_cache(maxsize=64)
def _babel_locale(code: str) -> Locale:
    """Parsing a locale is the slow part of every Babel call; do it once per language."""
    return Locale.parse(code)


def locale() -> Locale:
    return _babel_locale(get_i18n().current_locale)


@lru_cache(maxsize=8192)
def _money(minor: int, currency: str, where: Locale) -> str:
    amount = Decimal(minor).scaleb(-get_currency_precision(currency))
    return format_currency(amount, currency, locale=where)


def money(minor: int, currency: str) -> str:
    """Integer minor units to e.g. `$24.99` or `2 450,00 ₽` in the buyer's locale."""
    return _money(minor, currency, locale())


@lru_cache(maxsize=1024)
def _whole_money(minor: int, currency: str, where: Locale) -> str:
    precision = get_currency_precision(currency)
    if minor % 10**precision:
        return _money(minor, currency, where)
    pattern = where.currency_formats["standard"].pattern.replace(".00", "")
    amount = Decimal(minor // 10**precision)
    return format_currency(amount, currency, format=pattern, locale=where, currency_digits=False)


def money_short(minor: int, currency: str) -> str:
    """Like `money`, without zero cents: `$3`, `$2.50`, `3 $`; for coupon values."""
    return _whole_money(minor, currency, locale())


def percent(value: int) -> str:
    """A whole percent, e.g. `10%` / `10 %`."""
    return format_percent(Decimal(value).scaleb(-2), locale=locale())


def relative(delta: timedelta) -> str:
    """How far ahead, e.g. `in 3 days`, `in 20 hours` / `через 3 дня`."""
    return format_timedelta(delta, add_direction=True, locale=locale())


@lru_cache(maxsize=4096)
def _number(value: int, where: Locale) -> str:
    return format_decimal(value, locale=where)


def number(value: int) -> str:
    return _number(value, locale())


# CLDR ends some dates with an abbreviated word ("2026 г." in Russian, "р." in Ukrainian).
_FINAL_ABBREVIATION = re.compile(r"(?<=\d)\s+[^\W\d]{1,3}\.$")


def day(moment: datetime, tz: tzinfo) -> str:
    """A calendar date, e.g. `Nov 26, 2026` / `26 нояб. 2026`. It never ends with a full stop
    (a final "г." is dropped), so a sentence can end with a date and its own full stop."""
    text = format_date(moment.astimezone(tz).date(), format="medium", locale=locale())
    return _FINAL_ABBREVIATION.sub("", text).removesuffix(".")


def day_time(moment: datetime, tz: tzinfo) -> str:
    """A short date and time, e.g. `Nov 26, 2:05 PM` / `26 нояб., 14:05`."""
    local = moment.astimezone(tz)
    date_part = format_skeleton("MMMd", local, locale=locale())
    return f"{date_part}, {format_time(local, format='short', locale=locale())}"


def short(title: str, limit: int = 28) -> str:
    """A title cut to fit an inline button."""
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def quote(value: object) -> str:
    """Escape anything that came from a buyer, a seller or the API before it goes into HTML."""
    return escape(str(value), quote=False)
