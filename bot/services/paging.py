"""Page arithmetic every list shares: how many pages a total makes, and which page to show."""

from __future__ import annotations

import math


def page_count(total: int, page_size: int) -> int:
    """At least one page, so an empty list still has a page to show."""
    return max(1, math.ceil(total / page_size))


def clamp_page(page: int, pages: int) -> int:
    """A page number from an old button may point past the end; show the last page instead."""
    return min(max(page, 0), pages - 1)
