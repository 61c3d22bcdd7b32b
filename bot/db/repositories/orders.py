"""Orders, always looked up together with their owner, so one buyer never reaches another's."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, bindparam, delete, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from bot.db.enums import DisputeStatus, OrderStatus
from bot.db.models import Dispute, Order, TrackingEvent

# Statements on the hot path are built once: building and hashing a select costs more than
# running it on SQLite. Values come in as bound parameters.
_IN_TRASH = Order.deleted_at.is_not(None)
_STATUS_COUNTS = (
    select(Order.status, _IN_TRASH, func.count())
    .where(Order.buyer_id == bindparam("buyer_id"))
    .group_by(Order.status, _IN_TRASH)
)
_NEWEST_FIRST = (Order.placed_at.desc(), Order.id.desc())
_PAGE = (
    select(Order)
    .where(Order.buyer_id == bindparam("buyer_id"), Order.deleted_at.is_(None))
    .order_by(*_NEWEST_FIRST)
    .offset(bindparam("offset"))
    .limit(bindparam("limit"))
)
_PAGE_OF_STATUSES = _PAGE.where(Order.status.in_(bindparam("statuses", expanding=True)))


def _like_pattern(needle: str) -> str:
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class OrderRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, order: Order) -> None:
        self._session.add(order)

    async def flush(self) -> None:
        await self._session.flush()

    async def get_for_buyer(
        self,
        buyer_id: int,
        order_id: int,
        *,
        in_trash: bool = False,
        with_details: bool = False,
    ) -> Order | None:
        """The buyer's order by id; `in_trash` picks the deleted-orders side."""
        deleted = Order.deleted_at.is_not(None) if in_trash else Order.deleted_at.is_(None)
        query = select(Order).where(Order.id == order_id, Order.buyer_id == buyer_id, deleted)
        if with_details:
            query = query.options(joinedload(Order.store), selectinload(Order.items))
        return (await self._session.execute(query)).scalar_one_or_none()

    async def by_ids(self, order_ids: Collection[int]) -> dict[int, Order]:
        """By id, for a batch of pushes (each checks that the order is its buyer's)."""
        if not order_ids:
            return {}
        query = select(Order).where(Order.id.in_(order_ids))
        return {order.id: order for order in await self._session.scalars(query)}

    async def count_in_store(self, buyer_id: int, store_id: int) -> int:
        """How many of the buyer's orders outside the trash are from the store."""
        query = (
            select(func.count())
            .select_from(Order)
            .where(
                Order.buyer_id == buyer_id,
                Order.store_id == store_id,
                Order.deleted_at.is_(None),
            )
        )
        return await self._session.scalar(query) or 0

    async def by_number(self, number: str, *, with_details: bool = False) -> Order | None:
        """For the marketplace, which knows orders by number (never for a buyer's button)."""
        query = select(Order).where(Order.number == number)
        if with_details:
            query = query.options(joinedload(Order.store), selectinload(Order.items))
        return (await self._session.execute(query)).scalar_one_or_none()

    async def all_for_buyer(
        self, buyer_id: int, offset: int, limit: int
    ) -> tuple[list[Order], int]:
        """Every order of a buyer, trash included, newest first (the marketplace's view)."""
        condition = Order.buyer_id == buyer_id
        total = await self._session.scalar(select(func.count()).where(condition)) or 0
        return await self._page(select(Order).where(condition), offset, limit), total

    async def carrier_event_ids(self, order_id: int) -> set[str]:
        query = select(TrackingEvent.carrier_event_id).where(
            TrackingEvent.order_id == order_id, TrackingEvent.carrier_event_id.is_not(None)
        )
        return {value for value in (await self._session.scalars(query)).all() if value}

    async def due_for_tracking(self, checked_before: datetime, limit: int) -> list[Order]:
        """Parcels on their way not looked at since `checked_before`, least recently first."""
        never = Order.tracking_checked_at.is_(None)
        query = (
            select(Order)
            .where(
                Order.status == OrderStatus.SHIPPED,
                Order.tracking_number.is_not(None),
                Order.deleted_at.is_(None),
                or_(never, Order.tracking_checked_at < checked_before),
            )
            .order_by(Order.tracking_checked_at.is_not(None), Order.tracking_checked_at, Order.id)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())

    def add_event(self, event: TrackingEvent) -> None:
        self._session.add(event)

    async def status_counts(self, buyer_id: int) -> tuple[dict[OrderStatus, int], int]:
        """Orders per status outside the trash, and how many are in the trash, in one query."""
        rows = await self._session.execute(_STATUS_COUNTS, {"buyer_id": buyer_id})
        counts: dict[OrderStatus, int] = {}
        trashed = 0
        for status, deleted, count in rows:
            if deleted:
                trashed += count
            else:
                counts[status] = counts.get(status, 0) + count
        return counts, trashed

    async def count_awaiting_feedback(self, buyer_id: int, completed_since: datetime) -> int:
        return (
            await self._session.scalar(
                select(func.count()).where(
                    Order.buyer_id == buyer_id,
                    Order.deleted_at.is_(None),
                    Order.status == OrderStatus.COMPLETED,
                    Order.feedback_at.is_(None),
                    Order.completed_at >= completed_since,
                )
            )
            or 0
        )

    async def page_for_buyer(
        self, buyer_id: int, statuses: Collection[OrderStatus] | None, offset: int, limit: int
    ) -> list[Order]:
        params: dict[str, object] = {"buyer_id": buyer_id, "offset": offset, "limit": limit}
        if statuses is None:
            return list((await self._session.scalars(_PAGE, params)).all())
        params["statuses"] = list(statuses)
        return list((await self._session.scalars(_PAGE_OF_STATUSES, params)).all())

    def _matching(self, buyer_id: int, needle: str) -> ColumnElement[bool]:
        return and_(
            Order.buyer_id == buyer_id,
            Order.search_text.like(_like_pattern(needle), escape="\\"),
        )

    async def count_matching(self, buyer_id: int, needle: str) -> int:
        """How many orders (trash included) contain the case-folded needle."""
        query = select(func.count()).where(self._matching(buyer_id, needle))
        return await self._session.scalar(query) or 0

    async def page_matching(
        self, buyer_id: int, needle: str, offset: int, limit: int
    ) -> list[Order]:
        query = select(Order).where(self._matching(buyer_id, needle))
        return await self._page(query, offset, limit)

    async def trash_page(self, buyer_id: int, offset: int, limit: int) -> list[Order]:
        query = select(Order).where(Order.buyer_id == buyer_id, Order.deleted_at.is_not(None))
        query = query.order_by(Order.deleted_at.desc(), Order.id.desc())
        return list((await self._session.scalars(query.offset(offset).limit(limit))).all())

    async def events(self, order_id: int) -> list[TrackingEvent]:
        query = (
            select(TrackingEvent)
            .where(TrackingEvent.order_id == order_id)
            .order_by(TrackingEvent.occurred_at.desc(), TrackingEvent.id.desc())
        )
        return list((await self._session.scalars(query)).all())

    async def events_by_carrier_id(
        self, order_ids: Collection[int], carrier_event_ids: Collection[str]
    ) -> dict[tuple[int, str], TrackingEvent]:
        """The scans of these orders with these carrier ids, by (order id, carrier id)."""
        if not carrier_event_ids:
            return {}
        query = select(TrackingEvent).where(
            TrackingEvent.order_id.in_(order_ids),
            TrackingEvent.carrier_event_id.in_(carrier_event_ids),
        )
        return {
            (event.order_id, event.carrier_event_id or ""): event
            for event in await self._session.scalars(query)
        }

    async def latest_event(self, order_id: int) -> TrackingEvent | None:
        query = (
            select(TrackingEvent)
            .where(TrackingEvent.order_id == order_id)
            .order_by(TrackingEvent.occurred_at.desc(), TrackingEvent.id.desc())
            .limit(1)
        )
        return await self._session.scalar(query)

    async def delete(self, order: Order) -> None:
        await self._session.delete(order)

    async def purge_deleted_before(
        self, cutoff: datetime, *, keep_disputed: Collection[DisputeStatus]
    ) -> int:
        """Remove orders that sat in the trash since before `cutoff`, except those whose
        dispute is in one of `keep_disputed`; returns how many."""
        disputed = exists().where(
            Dispute.order_id == Order.id, Dispute.status.in_(list(keep_disputed))
        )
        result = await self._session.execute(
            delete(Order).where(Order.deleted_at.is_not(None), Order.deleted_at < cutoff, ~disputed)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def _page(self, query: Select[tuple[Order]], offset: int, limit: int) -> list[Order]:
        query = query.order_by(*_NEWEST_FIRST).offset(offset).limit(limit)
        return list((await self._session.scalars(query)).all())
