"""The cabinet's rules as configuration sets them, built once at start-up and injected.

Services take the rule object they need (`DisputeRules`, `FeedbackRules`, ...) as an argument
and never read configuration; handlers find them all on `ctx.rules`, the API on `call.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.config import Settings
from bot.services.browse.rules import BrowseRules
from bot.services.disputes.rules import DisputeRules
from bot.services.exchange_rates import RateRules
from bot.services.favourites.rules import FavouriteRules
from bot.services.feedback.rules import FeedbackRules


@dataclass(frozen=True, slots=True)
class Rules:
    disputes: DisputeRules
    feedback: FeedbackRules
    rates: RateRules
    orders_page_size: int
    coupons_page_size: int
    protection_extension_days: int
    # 0: deleted orders stay in the trash until the buyer empties it.
    trash_retention_days: int
    # Lists whose page size is not configurable: every list's size lives here all the same.
    messages_page_size: int = 8
    complaints_page_size: int = 5
    favourites: FavouriteRules = FavouriteRules()
    browse: BrowseRules = BrowseRules()
    wishes_page_size: int = 6  # items on a page of a wish list


def build_rules(settings: Settings) -> Rules:
    return Rules(
        disputes=DisputeRules(
            settings.dispute_opens_days_after_shipment,
            settings.dispute_closes_days_after_completion,
            settings.dispute_seller_response_days,
            settings.dispute_buyer_response_days,
            settings.dispute_return_days,
        ),
        feedback=FeedbackRules(
            settings.feedback_window_days,
            settings.feedback_additional_days,
            settings.feedback_rating_period_days,
        ),
        rates=RateRules(max_age=timedelta(hours=settings.exchange_rate_max_age_hours)),
        orders_page_size=settings.orders_page_size,
        coupons_page_size=settings.coupons_page_size,
        protection_extension_days=settings.protection_extension_days,
        trash_retention_days=settings.trash_retention_days,
    )
