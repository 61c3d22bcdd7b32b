"""The one place that renders money, dates, numbers and durations, with Babel, per locale."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from functools import lru_cache
from html import escape

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, format_timedelta
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_currency_precision,
    get_currency_symbol,
)

from bot.services.exchange_rates import Conversion, RateRules, RateTable
from bot.services.lengths import clip_plain
from bot.services.paging import Page


@lru_cache(maxsize=64)
def _babel_locale(code: str) -> Locale:
    """Parsing a locale is the slow part of every Babel call; do it once per language."""
    return Locale.parse(code)


def locale() -> Locale:
    return _babel_locale(get_i18n().current_locale)


@lru_cache(maxsize=8192)
def _money(minor: int, currency: str, where: Locale) -> str:
    amount = Decimal(minor).scaleb(-get_currency_precision(currency))
    return _spaced(format_currency(amount, currency, locale=where), currency, where)


def _spaced(text: str, currency: str, where: Locale) -> str:
    """CLDR's currency spacing, which Babel leaves out: `RUB 1,150.00`, not `RUB1,150.00`
    (a symbol that ends in a letter is kept apart from the digits; `$`, `₽` are not)."""
    symbol = get_currency_symbol(currency, locale=where)
    at = text.find(symbol)
    if not symbol or at < 0:
        return text
    end = at + len(symbol)
    if symbol[-1].isalpha() and text[end : end + 1].isdigit():
        return f"{text[:end]}\u00a0{text[end:]}"
    if symbol[0].isalpha() and text[at - 1 : at].isdigit():
        return f"{text[:at]}\u00a0{text[at:]}"
    return text


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
    shown = format_currency(amount, currency, format=pattern, locale=where, currency_digits=False)
    return _spaced(shown, currency, where)


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


def page_note(page: Page[object]) -> str:
    """ "Page 2 of 3" under a list of more than one page (nothing for one page)."""
    if page.pages <= 1:
        return ""
    return "\n\n" + _("Page {page} of {pages}").format(
        page=number(page.number + 1), pages=number(page.pages)
    )


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
    return clip_plain(title, limit)  # in UTF-16 units, as Telegram counts, never half an emoji


def quote(value: object) -> str:
    """Escape anything that came from a buyer, a seller or the API before it goes into HTML."""
    return escape(str(value), quote=False)


@dataclass(frozen=True)
class Display:
    """The buyer's display currency and the rates to reach it, for the update or push being
    rendered (set by a middleware or the push renderer with `converting`)."""

    currency: str
    rates: RateTable
    rules: RateRules
    now: datetime
    tz: tzinfo


_display: ContextVar[Display | None] = ContextVar("display_currency", default=None)


@contextmanager
def converting(display: Display | None) -> Iterator[None]:
    """Within this block `paid` adds the amount in the display currency."""
    token = _display.set(display)
    try:
        yield
    finally:
        _display.reset(token)


def _converted(minor: int, currency: str) -> Conversion | None:
    display = _display.get()
    if display is None:
        return None
    return display.rates.convert(minor, currency, display.currency, display.now, display.rules)


def current_display() -> Display | None:
    """The display currency in force for this update or push (set with `converting`)."""
    return _display.get()


def converted(minor: int, currency: str) -> Conversion | None:
    """`minor` in the buyer's display currency, when a fresh rate reaches it (else None)."""
    return _converted(minor, currency)


def money_in(minor: int, currency: str, locale_code: str) -> str:
    """`money` in a locale given by code, for code that runs outside the update's context
    (a chart drawn in a worker thread)."""
    return _money(minor, currency, _babel_locale(locale_code))


def day_month_in(moment: datetime, locale_code: str) -> str:
    """A day and month, e.g. `Nov 26` / `26 нояб.`, in a locale given by code."""
    return format_skeleton("MMMd", moment, locale=_babel_locale(locale_code))


def paid(minor: int, currency: str) -> str:
    """An amount as paid, and beside it the buyer's display currency when a fresh rate
    exists: `US$12.50 (≈ 1 150,00 ₽)`; only the paid amount otherwise."""
    return _beside(money(minor, currency), minor, currency, money)


def paid_short(minor: int, currency: str) -> str:
    """Like `paid`, without zero cents (`money_short`); for coupon values."""
    return _beside(money_short(minor, currency), minor, currency, money_short)


def _beside(shown: str, minor: int, currency: str, render: Callable[[int, str], str]) -> str:
    converted = _converted(minor, currency)
    if converted is None:
        return shown
    # NOTE: an amount as paid, then about how much that is in the buyer's display currency
    return _("{amount} (≈ {converted})").format(
        amount=shown, converted=render(converted.minor, converted.currency)
    )


def rate_note(currency: str) -> str | None:
    """How old the rate behind `paid` is, for the card showing it: `≈ at the rate of 2 hours
    ago` or `≈ at the rate of Dec 3`; None when nothing in `currency` is converted."""
    display = _display.get()
    if display is None:
        return None
    as_of = display.rates.rate_time(currency, display.currency, display.now, display.rules)
    if as_of is None:
        return None
    age = max(display.now - as_of, timedelta(minutes=1))
    if age < timedelta(days=1):
        when = format_timedelta(-age, add_direction=True, threshold=1, locale=locale())
        return _("≈ at the rate of {when}").format(when=when)
    date = format_skeleton("MMMd", as_of.astimezone(display.tz), locale=locale())
    return _("≈ at the rate of {date}").format(date=date)
