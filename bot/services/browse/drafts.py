"""The search draft: what the buyer is looking for (words or a category), the filters, the
sort and the page, kept in FSM data as plain JSON so result buttons carry only short actions;
and the price range the buyer types, read into minor units."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import get_currency_precision

from bot.services.browse.errors import PriceRangeInvalid, SearchWordsEmpty
from bot.services.browse.search import ProductQuery, SortBy
from bot.services.errors import MessageTooLong
from bot.services.lengths import utf16_len

DRAFT_KEY = "browse_search"
MAX_WORDS_LENGTH = 200
_NUMBER = r"(\d{1,12}(?:[.,]\d{1,3})?)"
_RANGE = re.compile(rf"^{_NUMBER}?\s*(?:-|–|—|\.\.)\s*{_NUMBER}?$|^{_NUMBER}$")


@dataclass(frozen=True)
class SearchDraft:
    """Prices in minor units of `price_currency` (the one the buyer typed them in)."""

    words: str = ""
    category_id: int | None = None
    store_id: int | None = None
    price_min: int | None = None
    price_max: int | None = None
    price_currency: str | None = None
    min_rating: int | None = None
    in_stock: bool = False
    sort: SortBy = SortBy.RELEVANCE
    page: int = 0

    @property
    def filtered(self) -> bool:
        return (
            self.price_min is not None
            or self.price_max is not None
            or self.min_rating is not None
            or self.in_stock
        )

    def to_data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_data(cls, data: Any) -> SearchDraft | None:
        """None for anything that is not a draft (an old or foreign FSM value)."""
        if not isinstance(data, dict):
            return None
        try:
            sort = SortBy(data.get("sort", SortBy.RELEVANCE))
            return cls(**{**data, "sort": sort})
        except (TypeError, ValueError):
            return None

    def with_words(self, words: str) -> SearchDraft:
        return replace(SearchDraft(), words=check_words(words), store_id=self.store_id)

    def unfiltered(self) -> SearchDraft:
        return replace(
            self, price_min=None, price_max=None, price_currency=None, min_rating=None,
            in_stock=False, page=0,
        )  # fmt: skip

    def query(
        self, locale: str, currency: str | None, low: int | None, high: int | None
    ) -> ProductQuery:
        """The search behind the draft; prices already converted to `currency`."""
        sort = self.sort
        if sort is SortBy.RELEVANCE and not self.words:
            sort = SortBy.POPULAR  # relevance means nothing without words
        return ProductQuery(
            words=self.words,
            locale=locale,
            category_id=self.category_id,
            store_id=self.store_id,
            price_min_minor=low,
            price_max_minor=high,
            currency=currency,
            min_rating=float(self.min_rating) if self.min_rating else None,
            in_stock=self.in_stock,
            sort=sort,
        )


def check_words(words: str) -> str:
    words = " ".join(words.split())
    if not words:
        raise SearchWordsEmpty()
    if utf16_len(words) > MAX_WORDS_LENGTH:
        raise MessageTooLong(MAX_WORDS_LENGTH, utf16_len(words))
    return words


def _minor(text: str | None, currency: str) -> int | None:
    if not text:
        return None
    precision = int(get_currency_precision(currency))
    try:
        amount = Decimal(text.replace(",", "."))
    except InvalidOperation as error:
        raise PriceRangeInvalid() from error
    return int((amount * Decimal(10) ** precision).to_integral_value())


def parse_price_range(text: str, currency: str) -> tuple[int | None, int | None]:
    """ "10-50", "10 - 50", "10-" (from 10), "-50" (up to 50), "50" (up to 50), in minor
    units of `currency`; the bounds swapped when typed the wrong way round."""
    cleaned = text.replace("\u00a0", "").replace(" ", "").strip()
    found = _RANGE.match(cleaned)
    if found is None:
        raise PriceRangeInvalid()
    low_text, high_text, single = found.groups()
    if single is not None:
        low_text, high_text = None, single
    low, high = _minor(low_text, currency), _minor(high_text, currency)
    if low is None and high is None:
        raise PriceRangeInvalid()
    if low is not None and high is not None and low > high:
        low, high = high, low
    return low, high
