"""Refusals of My wishes; they carry data, and bot/views/wishes/errors.py says them."""

from __future__ import annotations

from dataclasses import dataclass

from bot.services.errors import DomainError


@dataclass
class WishListNotFound(DomainError):
    """No such list of this buyer's (deleted meanwhile, or a forged button)."""

    list_id: int


@dataclass
class WishItemNotFound(DomainError):
    """No such item in this buyer's lists (removed or moved meanwhile, or forged)."""

    item_id: int


@dataclass
class WishProductNotFound(DomainError):
    product_id: int


class ListNameRefused(DomainError):
    """Why a typed list name is not kept (the subclasses say which rule it breaks)."""


@dataclass
class ListNameEmpty(ListNameRefused):
    pass


@dataclass
class ListNameTooLong(ListNameRefused):
    max_length: int


@dataclass
class ListNameTaken(ListNameRefused):
    name: str


@dataclass
class ListLimitReached(DomainError):
    limit: int


@dataclass
class DefaultListFixed(DomainError):
    """The default list is neither renamed nor deleted."""


@dataclass
class AlreadyInList(DomainError):
    """The product is in that list already (a copy or an add would make it twice)."""

    name: str | None  # None: the default list


class TargetRefused(DomainError):
    """Why a typed target price is not kept."""


@dataclass
class TargetNotAPrice(TargetRefused):
    pass


@dataclass
class TargetNotBelow(TargetRefused):
    """A target at or above today's price would fire at once: it must be lower."""

    price_minor: int
    currency: str


@dataclass
class DropNotOffered(DomainError):
    percent: int
