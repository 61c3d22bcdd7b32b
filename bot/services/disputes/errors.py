"""Refusals only the dispute screens raise (the ones other sections meet too are in
`bot.services.errors`); `bot.views.disputes.errors` puts them into words."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.errors import DomainError


@dataclass
class DescriptionTooShort(DomainError):
    min_length: int


@dataclass
class NotAnAmount(DomainError):
    """What the buyer typed is not an amount of `currency` (letters, a sign, too many
    decimals for it)."""

    currency: str


@dataclass
class NotATrackingNumber(DomainError):
    """What the buyer typed cannot be a parcel's tracking number (4 to 40 letters, digits or
    dashes)."""
