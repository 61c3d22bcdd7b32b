"""`Page`: the read model every list shares, and the arithmetic behind it."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: its items, which page it is (0-based, clamped to the list), how
    many pages and items the whole list has."""

    items: Sequence[T]
    number: int
    pages: int
    total: int
    size: int

    @property
    def offset(self) -> int:
        """How many items come before this page (for numbering its lines)."""
        return self.number * self.size


def page_count(total: int, page_size: int) -> int:
    """At least one page, so an empty list still has a page to show."""
    return max(1, math.ceil(total / page_size))


def clamp_page(page: int, pages: int) -> int:
    """A page number from an old button may point past the end; show the last page instead."""
    return min(max(page, 0), pages - 1)


async def page_of(
    total: int,
    number: int,
    size: int,
    fetch: Callable[[int, int], Awaitable[Sequence[T]]],
) -> Page[T]:
    """The page `number` of a list of `total` items, clamped; `fetch(offset, limit)` reads
    its items (not called for an empty list)."""
    pages = page_count(total, size)
    number = clamp_page(number, pages)
    items = await fetch(number * size, size) if total else []
    return Page(items, number, pages, total, size)
