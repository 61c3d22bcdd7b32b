"""Refusals of favourite stores and their coupon offers (words in views/favourites/errors.py)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.errors import DomainError


@dataclass
class StoreBlockedNotSaved(DomainError):
    """The buyer blocked this seller: a blocked store is never a favourite."""

    store_id: int


@dataclass
class OfferUnavailable(DomainError):
    """No such offer, withdrawn, or its claim window is not open."""

    offer_id: int


@dataclass
class OfferSoldOut(DomainError):
    """Every coupon of the offer has been taken."""

    offer_id: int


@dataclass
class OfferAlreadyTaken(DomainError):
    """One coupon per buyer and offer."""

    offer_id: int
