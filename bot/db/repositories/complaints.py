"""The buyer's complaints and what each one is about."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.enums import ComplaintStatus, ComplaintTarget
from bot.db.models import (
    Complaint,
    Order,
    OrderMessage,
    Product,
    Store,
)


class ComplaintRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: Complaint) -> None:
        self._session.add(row)

    async def flush(self) -> None:
        await self._session.flush()

    async def get(self, complaint_id: int) -> Complaint | None:
        return await self._session.get(Complaint, complaint_id)

    async def get_for_buyer(self, user_id: int, complaint_id: int) -> Complaint | None:
        return await self._session.scalar(
            select(Complaint).where(Complaint.id == complaint_id, Complaint.user_id == user_id)
        )

    async def open_about(
        self, user_id: int, target: ComplaintTarget, target_id: int
    ) -> Complaint | None:
        return await self._session.scalar(
            select(Complaint).where(
                Complaint.user_id == user_id,
                Complaint.target == target,
                Complaint.target_id == target_id,
                Complaint.status.in_([ComplaintStatus.SUBMITTED, ComplaintStatus.IN_REVIEW]),
            )
        )

    async def count(self, user_id: int) -> int:
        query = select(func.count()).where(Complaint.user_id == user_id)
        return await self._session.scalar(query) or 0

    async def page(self, user_id: int, offset: int, limit: int) -> list[Complaint]:
        """Newest first."""
        query = (
            select(Complaint)
            .where(Complaint.user_id == user_id)
            .order_by(Complaint.created_at.desc(), Complaint.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())

    async def subjects(
        self, user_id: int, complaints: Collection[Complaint]
    ) -> dict[tuple[ComplaintTarget, int], Store | Product | OrderMessage]:
        """What each complaint is about (a store, a product, one of the buyer's messages),
        in three queries whatever the page size; a target that is gone is left out."""
        wanted: dict[ComplaintTarget, set[int]] = {target: set() for target in ComplaintTarget}
        for complaint in complaints:
            wanted[complaint.target].add(complaint.target_id)
        found: dict[tuple[ComplaintTarget, int], Store | Product | OrderMessage] = {}
        if ids := wanted[ComplaintTarget.STORE]:
            for store in await self._session.scalars(select(Store).where(Store.id.in_(ids))):
                found[ComplaintTarget.STORE, store.id] = store
        if ids := wanted[ComplaintTarget.PRODUCT]:
            for product in await self._session.scalars(select(Product).where(Product.id.in_(ids))):
                found[ComplaintTarget.PRODUCT, product.id] = product
        if ids := wanted[ComplaintTarget.MESSAGE]:
            messages = select(OrderMessage).join(Order, Order.id == OrderMessage.order_id)
            mine = messages.where(OrderMessage.id.in_(ids), Order.buyer_id == user_id)
            for message in await self._session.scalars(mine):
                found[ComplaintTarget.MESSAGE, message.id] = message
        return found
