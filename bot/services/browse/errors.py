"""Refusals of the shopping half; they carry ids, never words (bot/views/browse/errors.py)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.errors import DomainError


@dataclass
class ShopNotFound(DomainError):
    """No such store (a forged button, or the marketplace removed it)."""

    store_id: int


@dataclass
class CategoryNotFound(DomainError):
    category_id: int


@dataclass
class QuestionEmpty(DomainError):
    """A question with no words in it."""


@dataclass
class QuestionNotFound(DomainError):
    """No such question about that product (the API answering)."""

    product_id: int
    question_id: int


@dataclass
class PriceRangeInvalid(DomainError):
    """A typed price range the search cannot read."""


@dataclass
class SearchWordsEmpty(DomainError):
    """Nothing to look for."""
