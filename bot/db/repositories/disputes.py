"""Disputes with their correspondence; the buyer's lookups always carry the owner."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.enums import DisputeStatus
from bot.db.models import Dispute, DisputeAttachment, DisputeMessage, Order


class DisputeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: Dispute | DisputeMessage | DisputeAttachment) -> None:
        self._session.add(row)

    async def flush(self) -> None:
        await self._session.flush()

    async def get(self, dispute_id: int) -> Dispute | None:
        """For the marketplace's API only (it may address any dispute)."""
        return await self._session.get(Dispute, dispute_id)

    async def get_with_order_for_buyer(
        self, buyer_id: int, dispute_id: int
    ) -> tuple[Dispute, Order] | None:
        """The buyer's dispute and its order, in one query."""
        query = (
            select(Dispute, Order)
            .join(Order, Order.id == Dispute.order_id)
            .where(Dispute.id == dispute_id, Dispute.buyer_id == buyer_id)
        )
        row = (await self._session.execute(query)).one_or_none()
        return None if row is None else (row[0], row[1])

    async def by_ids(self, dispute_ids: Collection[int]) -> dict[int, Dispute]:
        """By id, for a batch of pushes (each checks that the dispute is its buyer's)."""
        if not dispute_ids:
            return {}
        query = select(Dispute).where(Dispute.id.in_(dispute_ids))
        return {dispute.id: dispute for dispute in await self._session.scalars(query)}

    async def for_order(self, order_id: int) -> Dispute | None:
        query = select(Dispute).where(Dispute.order_id == order_id)
        return (await self._session.execute(query)).scalar_one_or_none()

    async def orders_disputed_in(
        self, order_ids: list[int], statuses: frozenset[DisputeStatus]
    ) -> set[int]:
        """Which of `order_ids` have a dispute in one of `statuses`."""
        if not order_ids:
            return set()
        query = select(Dispute.order_id).where(
            Dispute.order_id.in_(order_ids), Dispute.status.in_(list(statuses))
        )
        return set((await self._session.scalars(query)).all())

    async def order_of(self, dispute: Dispute) -> Order:
        order = await self._session.get(Order, dispute.order_id)
        assert order is not None  # the foreign key cascades
        return order

    async def page_for_buyer(
        self, buyer_id: int, offset: int, limit: int
    ) -> tuple[list[Dispute], int]:
        """The buyer's disputes, the most recently changed first, and how many there are."""
        where = Dispute.buyer_id == buyer_id
        total = await self._session.scalar(select(func.count()).where(where)) or 0
        query = (
            select(Dispute)
            .where(where)
            .order_by(Dispute.updated_at.desc(), Dispute.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all()), total

    async def tab_rows_for_buyer(
        self,
        buyer_id: int,
        statuses: frozenset[DisputeStatus],
        offset: int,
        limit: int,
    ) -> list[tuple[Dispute, Order]]:
        """The buyer's disputes in `statuses` with their orders, the latest changed first."""
        query = (
            select(Dispute, Order)
            .join(Order, Order.id == Dispute.order_id)
            .where(Dispute.buyer_id == buyer_id, Dispute.status.in_(statuses))
            .order_by(Dispute.updated_at.desc(), Dispute.id.desc())
            .offset(offset)
            .limit(limit)
        )
        rows = (await self._session.execute(query)).all()
        return [(dispute, order) for dispute, order in rows]

    async def status_counts(self, buyer_id: int) -> dict[DisputeStatus, int]:
        """How many disputes the buyer has in each status, in one query."""
        query = (
            select(Dispute.status, func.count())
            .where(Dispute.buyer_id == buyer_id)
            .group_by(Dispute.status)
        )
        return dict((await self._session.execute(query)).all())

    async def message_by_external_id(
        self, dispute_id: int, external_id: str
    ) -> DisputeMessage | None:
        query = select(DisputeMessage).where(
            DisputeMessage.dispute_id == dispute_id, DisputeMessage.external_id == external_id
        )
        return (await self._session.execute(query)).scalar_one_or_none()

    async def messages_by_ids(self, message_ids: Collection[int]) -> dict[int, DisputeMessage]:
        """By id, for a batch of pushes (each checks the message against its dispute)."""
        if not message_ids:
            return {}
        query = select(DisputeMessage).where(DisputeMessage.id.in_(message_ids))
        return {message.id: message for message in await self._session.scalars(query)}

    async def messages(self, dispute_id: int) -> list[DisputeMessage]:
        query = (
            select(DisputeMessage)
            .where(DisputeMessage.dispute_id == dispute_id)
            .order_by(DisputeMessage.created_at, DisputeMessage.id)
        )
        return list((await self._session.scalars(query)).all())

    async def attachments(self, dispute_id: int) -> list[DisputeAttachment]:
        query = (
            select(DisputeAttachment)
            .where(DisputeAttachment.dispute_id == dispute_id)
            .order_by(DisputeAttachment.created_at, DisputeAttachment.id)
        )
        return list((await self._session.scalars(query)).all())

    async def attachment(self, attachment_id: int) -> DisputeAttachment | None:
        """For the marketplace, which fetches an attachment by its reference."""
        return await self._session.get(DisputeAttachment, attachment_id)
