"""Feedback on orders and its photos; the buyer's lookups are scoped to the buyer."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from bot.db.enums import OrderStatus
from bot.db.models import (
    Feedback,
    FeedbackPhoto,
    Order,
)


def _awaiting(buyer_id: int, completed_since: datetime) -> tuple[object, ...]:
    """The same rule as the home summary's count (OrderRepository.count_awaiting_feedback)."""
    return (
        Order.buyer_id == buyer_id,
        Order.deleted_at.is_(None),
        Order.status == OrderStatus.COMPLETED,
        Order.feedback_at.is_(None),
        Order.completed_at >= completed_since,
    )


class FeedbackRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: Feedback | FeedbackPhoto) -> None:
        self._session.add(row)

    async def flush(self) -> None:
        await self._session.flush()

    async def for_order(self, order_id: int) -> Feedback | None:
        return await self._session.scalar(select(Feedback).where(Feedback.order_id == order_id))

    async def for_orders(self, order_ids: Collection[int]) -> dict[int, Feedback]:
        """By order id, for a batch of pushes (each checks that the order is its buyer's)."""
        if not order_ids:
            return {}
        query = select(Feedback).where(Feedback.order_id.in_(order_ids))
        return {item.order_id: item for item in await self._session.scalars(query)}

    async def photo(self, photo_id: int) -> FeedbackPhoto | None:
        """For the marketplace, which fetches a photo by its reference."""
        return await self._session.get(FeedbackPhoto, photo_id)

    async def photos(self, feedback_id: int) -> list[FeedbackPhoto]:
        query = (
            select(FeedbackPhoto)
            .where(FeedbackPhoto.feedback_id == feedback_id)
            .order_by(FeedbackPhoto.id)
        )
        return list((await self._session.scalars(query)).all())

    async def awaiting(
        self, buyer_id: int, completed_since: datetime, offset: int, limit: int
    ) -> list[Order]:
        """Soonest-closing window first, so the buyer sees what is about to be lost; stores
        loaded. `OrderRepository.count_awaiting_feedback` counts them all."""
        query = (
            select(Order)
            .where(*_awaiting(buyer_id, completed_since))  # type: ignore[arg-type]
            .options(joinedload(Order.store))
            .order_by(Order.completed_at, Order.id)
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())

    @staticmethod
    def _left(buyer_id: int) -> tuple[object, ...]:
        return (Feedback.buyer_id == buyer_id, Order.deleted_at.is_(None))

    async def count_left(self, buyer_id: int) -> int:
        """How much feedback the buyer has left on orders outside the trash."""
        where = self._left(buyer_id)
        query = select(func.count()).select_from(Feedback).join(Order).where(*where)  # type: ignore[arg-type]
        return int(await self._session.scalar(query) or 0)

    async def left(self, buyer_id: int, offset: int, limit: int) -> list[tuple[Feedback, Order]]:
        """The buyer's feedback on orders outside the trash, newest first, stores loaded."""
        query = (
            select(Feedback, Order)
            .join(Order, Order.id == Feedback.order_id)
            .where(*self._left(buyer_id))  # type: ignore[arg-type]
            .options(joinedload(Order.store))
            .order_by(Feedback.created_at.desc(), Feedback.id.desc())
            .offset(offset)
            .limit(limit)
        )
        rows = (await self._session.execute(query)).all()
        return [(feedback, order) for feedback, order in rows]

    async def photo_counts(self, feedback_ids: Collection[int]) -> dict[int, int]:
        """How many photos each feedback has (its addition's included)."""
        if not feedback_ids:
            return {}
        query = (
            select(FeedbackPhoto.feedback_id, func.count())
            .where(FeedbackPhoto.feedback_id.in_(feedback_ids))
            .group_by(FeedbackPhoto.feedback_id)
        )
        return {row[0]: int(row[1]) for row in (await self._session.execute(query)).all()}

    async def store_totals(self, store_id: int, since: datetime) -> tuple[int, int, int]:
        """(count, sum of ratings, count of 4-5 star ratings) of the store since `since`."""
        query = select(
            func.count(Feedback.id),
            func.coalesce(func.sum(Feedback.rating), 0),
            func.coalesce(func.sum(case((Feedback.rating >= 4, 1), else_=0)), 0),  # noqa: PLR2004
        ).where(Feedback.store_id == store_id, Feedback.created_at >= since)
        row = (await self._session.execute(query)).one()
        return int(row[0]), int(row[1]), int(row[2])
