"""The message center's after-sale letters: sellers' and the platform's dispute messages and
sellers' replies to feedback, of the buyer's orders outside the trash, owner-scoped."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Subquery, case, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased, joinedload

from bot.db.enums import MessageSender
from bot.db.models import Dispute, DisputeMessage, Feedback, Order


class LetterRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    @staticmethod
    def _dispute_letters(buyer_id: int) -> tuple[object, ...]:
        return (
            Dispute.buyer_id == buyer_id,
            DisputeMessage.author != MessageSender.BUYER,
            Order.deleted_at.is_(None),
        )

    @staticmethod
    def _replies(buyer_id: int) -> tuple[object, ...]:
        return (
            Feedback.buyer_id == buyer_id,
            Feedback.seller_reply.is_not(None),
            Order.deleted_at.is_(None),
        )

    def _threads(self, buyer_id: int) -> Subquery:
        """Per dispute with letters to the buyer: its latest letter's id and how many are
        unread. Grouped in the database, so a long correspondence costs nothing here."""
        unread = func.sum(case((DisputeMessage.read_at.is_(None), 1), else_=0))
        return (
            select(
                DisputeMessage.dispute_id.label("dispute_id"),
                func.max(DisputeMessage.id).label("latest_id"),  # the last one received
                unread.label("unread"),
            )
            .join(Dispute, Dispute.id == DisputeMessage.dispute_id)
            .join(Order, Order.id == Dispute.order_id)
            .where(*self._dispute_letters(buyer_id))  # type: ignore[arg-type]
            .group_by(DisputeMessage.dispute_id)
            .subquery()
        )

    async def count_dispute_threads(self, buyer_id: int) -> int:
        """How many of the buyer's disputes have letters to them."""
        query = select(func.count()).select_from(self._threads(buyer_id))
        return int(await self._session.scalar(query) or 0)

    async def dispute_threads(
        self, buyer_id: int, offset: int, limit: int
    ) -> list[tuple[DisputeMessage, Dispute, Order, int]]:
        """One page of the buyer's disputes with letters to them, the latest letter first:
        each with its latest letter, its order (store loaded) and how many are unread."""
        grouped = self._threads(buyer_id)
        latest = aliased(DisputeMessage)
        query = (
            select(latest, Dispute, Order, grouped.c.unread)
            .join(grouped, grouped.c.latest_id == latest.id)
            .join(Dispute, Dispute.id == grouped.c.dispute_id)
            .join(Order, Order.id == Dispute.order_id)
            .options(joinedload(Order.store))
            .order_by(latest.created_at.desc(), latest.id.desc())
            .offset(offset)
            .limit(limit)
        )
        rows = await self._session.execute(query)
        return [(row[0], row[1], row[2], int(row[3] or 0)) for row in rows]

    async def count_unread_dispute_letters(self, buyer_id: int) -> int:
        query = (
            select(func.count())
            .select_from(DisputeMessage)
            .join(Dispute, Dispute.id == DisputeMessage.dispute_id)
            .join(Order, Order.id == Dispute.order_id)
            .where(*self._dispute_letters(buyer_id), DisputeMessage.read_at.is_(None))  # type: ignore[arg-type]
        )
        return int(await self._session.scalar(query) or 0)

    async def mark_dispute_read(self, buyer_id: int, dispute_id: int, now: datetime) -> int:
        """The dispute's letters to the buyer count as read; 0 for another buyer's dispute."""
        owned = select(Dispute.id).where(Dispute.id == dispute_id, Dispute.buyer_id == buyer_id)
        result = await self._session.execute(
            update(DisputeMessage)
            .where(
                DisputeMessage.dispute_id.in_(owned),
                DisputeMessage.author != MessageSender.BUYER,
                DisputeMessage.read_at.is_(None),
            )
            .values(read_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def count_replies(self, buyer_id: int) -> int:
        query = (
            select(func.count()).select_from(Feedback).join(Order).where(*self._replies(buyer_id))  # type: ignore[arg-type]
        )
        return int(await self._session.scalar(query) or 0)

    async def replies(self, buyer_id: int, offset: int, limit: int) -> list[tuple[Feedback, Order]]:
        """Sellers' replies to the buyer's feedback, newest reply first, stores loaded."""
        query = (
            select(Feedback, Order)
            .join(Order, Order.id == Feedback.order_id)
            .where(*self._replies(buyer_id))  # type: ignore[arg-type]
            .options(joinedload(Order.store))
            .order_by(Feedback.seller_reply_at.desc(), Feedback.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return [(row[0], row[1]) for row in await self._session.execute(query)]

    async def count_unread_replies(self, buyer_id: int) -> int:
        query = (
            select(func.count())
            .select_from(Feedback)
            .join(Order)
            .where(*self._replies(buyer_id), Feedback.seller_reply_read_at.is_(None))  # type: ignore[arg-type]
        )
        return int(await self._session.scalar(query) or 0)

    async def mark_reply_read(self, buyer_id: int, order_id: int, now: datetime) -> int:
        result = await self._session.execute(
            update(Feedback)
            .where(
                Feedback.order_id == order_id,
                Feedback.buyer_id == buyer_id,
                Feedback.seller_reply.is_not(None),
                Feedback.seller_reply_read_at.is_(None),
            )
            .values(seller_reply_read_at=now)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
