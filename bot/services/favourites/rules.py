"""How much the favourite-store screens show, and how news pushes are gathered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True)
class FavouriteRules:
    page_size: int = 6  # stores per page of the list
    arrivals_shown: int = 5  # the newest arrivals on a saved store's screen
    offers_shown: int = 5  # coupons to take on it
    # A store's news (arrivals, price drops, a new coupon) within this window make one push
    # per follower, sent when the window closes: 500 products added at once are one push.
    news_window: timedelta = timedelta(minutes=30)
