"""A store's rating from its buyers' feedback within the rating period: recomputed in the
transaction of every new feedback, and daily, so feedback older than the period drops out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.uow import UnitOfWork
from bot.services.feedback.rules import FeedbackRules

POSITIVE_FROM = 4  # 4 and 5 stars count as positive, as on the marketplace


@dataclass(frozen=True)
class StoreRating:
    positive_share: float | None
    average: float | None
    count: int


def store_rating(count: int, total: int, positive: int) -> StoreRating:
    """The rating from the count, the sum of stars and the count of 4-5 star ratings."""
    if count == 0:
        return StoreRating(None, None, 0)
    return StoreRating(positive / count, total / count, count)


async def recompute_store_rating(
    uow: UnitOfWork, store_id: int, now: datetime, rules: FeedbackRules
) -> StoreRating:
    """Inside the caller's transaction, after its feedback is flushed."""
    since = now - timedelta(days=rules.rating_period_days)
    rating = store_rating(*await uow.feedback.store_totals(store_id, since))
    store = await uow.stores.get(store_id)
    assert store is not None
    store.rating_positive_share = rating.positive_share
    store.rating_average = rating.average
    store.rating_count = rating.count
    return rating


async def refresh_store_ratings(uow: UnitOfWork, now: datetime, rules: FeedbackRules) -> int:
    """Recompute every rated store's numbers: feedback older than the period drops out even
    when no new feedback comes (a daily job). Returns how many stores were looked at."""
    async with uow:
        store_ids = await uow.stores.rated_ids()
        for store_id in store_ids:
            await recompute_store_rating(uow, store_id, now, rules)
        await uow.commit()
        return len(store_ids)
