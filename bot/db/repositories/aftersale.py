"""Feedback, the message center's notices and blacklist, and complaints: the after-sale reads
and writes the services need, every buyer-owned lookup scoped to its owner."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import Select, case, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from bot.db.enums import ComplaintStatus, ComplaintTarget, MessageSender, NoticeFolder, OrderStatus
from bot.db.models import (
    BlockedStore,
    Complaint,
    Feedback,
    FeedbackPhoto,
    Notice,
    Order,
    OrderMessage,
    Product,
    Store,
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

    async def photos(self, feedback_id: int) -> list[FeedbackPhoto]:
        query = (
            select(FeedbackPhoto)
            .where(FeedbackPhoto.feedback_id == feedback_id)
            .order_by(FeedbackPhoto.id)
        )
        return list((await self._session.scalars(query)).all())

    async def awaiting_page(
        self, buyer_id: int, completed_since: datetime, offset: int, limit: int
    ) -> tuple[list[Order], int]:
        """Soonest-closing window first, so the buyer sees what is about to be lost."""
        where = _awaiting(buyer_id, completed_since)
        total = await self._session.scalar(select(func.count()).where(*where)) or 0  # type: ignore[arg-type]
        query = (
            select(Order)
            .where(*where)  # type: ignore[arg-type]
            .options(joinedload(Order.store))
            .order_by(Order.completed_at, Order.id)
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all()), total

    async def left_page(
        self, buyer_id: int, offset: int, limit: int
    ) -> tuple[list[tuple[Feedback, Order]], int]:
        """The buyer's feedback on orders outside the trash, newest first, stores loaded."""
        where = (Feedback.buyer_id == buyer_id, Order.deleted_at.is_(None))
        joined = select(Feedback, Order).join(Order, Order.id == Feedback.order_id).where(*where)
        total = await self._session.scalar(
            select(func.count()).select_from(Feedback).join(Order).where(*where)
        )
        query = (
            joined.options(joinedload(Order.store))
            .order_by(Feedback.created_at.desc(), Feedback.id.desc())
            .offset(offset)
            .limit(limit)
        )
        rows = (await self._session.execute(query)).all()
        return [(feedback, order) for feedback, order in rows], total or 0

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


class NoticeRepository:
    """Promotions and platform notices, and the stores a buyer blocked."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: Notice | BlockedStore) -> None:
        self._session.add(row)

    async def flush(self) -> None:
        await self._session.flush()

    async def by_external_id(self, user_id: int, external_id: str) -> Notice | None:
        return await self._session.scalar(
            select(Notice).where(Notice.user_id == user_id, Notice.external_id == external_id)
        )

    def _visible(self, user_id: int, folder: NoticeFolder) -> Select[tuple[Notice]]:
        return select(Notice).where(
            Notice.user_id == user_id,
            Notice.folder == folder,
            Notice.store_id.not_in(self._blocked_ids(user_id)) | Notice.store_id.is_(None),
        )

    def _blocked_ids(self, user_id: int) -> Select[tuple[int]]:
        return select(BlockedStore.store_id).where(BlockedStore.user_id == user_id)

    async def page(
        self, user_id: int, folder: NoticeFolder, offset: int, limit: int
    ) -> tuple[list[Notice], int]:
        query = self._visible(user_id, folder)
        total = await self._session.scalar(select(func.count()).select_from(query.subquery()))
        query = query.order_by(Notice.created_at.desc(), Notice.id.desc())
        rows = await self._session.scalars(query.offset(offset).limit(limit))
        return list(rows.all()), total or 0

    async def get_for_buyer(self, user_id: int, notice_id: int) -> Notice | None:
        query = self._visible(user_id, NoticeFolder.PROMOTION).where(Notice.id == notice_id)
        found = await self._session.scalar(query)
        if found is not None:
            return found
        query = self._visible(user_id, NoticeFolder.PLATFORM).where(Notice.id == notice_id)
        return await self._session.scalar(query)

    async def unread(self, user_id: int) -> dict[NoticeFolder, int]:
        counts = dict.fromkeys(NoticeFolder, 0)
        for folder in NoticeFolder:
            query = self._visible(user_id, folder).where(Notice.read_at.is_(None))
            counts[folder] = (
                await self._session.scalar(select(func.count()).select_from(query.subquery())) or 0
            )
        return counts

    async def unread_rows(self, user_id: int, folder: NoticeFolder) -> list[Notice]:
        query = self._visible(user_id, folder).where(Notice.read_at.is_(None))
        return list((await self._session.scalars(query)).all())

    async def blocked(self, user_id: int, store_id: int) -> BlockedStore | None:
        return await self._session.get(BlockedStore, (user_id, store_id))

    async def blocked_pairs(self, pairs: Collection[tuple[int, int]]) -> set[tuple[int, int]]:
        """Which (user id, store id) pairs are blocked, for a batch of pushes."""
        if not pairs:
            return set()
        users = {user for user, _ in pairs}
        query = select(BlockedStore.user_id, BlockedStore.store_id).where(
            BlockedStore.user_id.in_(users)
        )
        found = {(row.user_id, row.store_id) for row in await self._session.execute(query)}
        return found & set(pairs)

    async def blocked_stores(self, user_id: int) -> list[tuple[Store, datetime]]:
        query = (
            select(Store, BlockedStore.created_at)
            .join(BlockedStore, BlockedStore.store_id == Store.id)
            .where(BlockedStore.user_id == user_id)
            .order_by(BlockedStore.created_at.desc(), Store.id)
        )
        return [(row[0], row[1]) for row in await self._session.execute(query)]

    async def unblock(self, user_id: int, store_id: int) -> bool:
        result = await self._session.execute(
            delete(BlockedStore).where(
                BlockedStore.user_id == user_id, BlockedStore.store_id == store_id
            )
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    # --- conversations (order messages grouped by store or by order) ---------------------

    def _conversations(self, user_id: int) -> Select[tuple[OrderMessage, Order]]:
        """The buyer's messages outside the trash, without the stores they blocked."""
        return (
            select(OrderMessage, Order)
            .join(Order, Order.id == OrderMessage.order_id)
            .where(
                Order.buyer_id == user_id,
                Order.deleted_at.is_(None),
                Order.store_id.not_in(self._blocked_ids(user_id)),
            )
        )

    async def conversation_rows(self, user_id: int) -> list[tuple[OrderMessage, Order]]:
        query = self._conversations(user_id).order_by(
            OrderMessage.sent_at.desc(), OrderMessage.id.desc()
        )
        return [(row[0], row[1]) for row in await self._session.execute(query)]

    async def unread_messages(
        self, user_id: int, store_id: int | None = None
    ) -> list[OrderMessage]:
        query = self._conversations(user_id).where(
            OrderMessage.sender != MessageSender.BUYER, OrderMessage.read_at.is_(None)
        )
        if store_id is not None:
            query = query.where(Order.store_id == store_id)
        return [row[0] for row in await self._session.execute(query)]

    async def count_unread_messages(self, user_id: int) -> int:
        """What `unread_messages` would return, counted by the database (the home screen
        asks on every visit)."""
        unread = self._conversations(user_id).where(
            OrderMessage.sender != MessageSender.BUYER, OrderMessage.read_at.is_(None)
        )
        counted = select(func.count()).select_from(unread.subquery())
        return int(await self._session.scalar(counted) or 0)

    async def message_for_buyer(self, user_id: int, message_id: int) -> OrderMessage | None:
        return await self._session.scalar(
            select(OrderMessage)
            .join(Order, Order.id == OrderMessage.order_id)
            .where(OrderMessage.id == message_id, Order.buyer_id == user_id)
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

    async def page(self, user_id: int, offset: int, limit: int) -> tuple[list[Complaint], int]:
        where = Complaint.user_id == user_id
        total = await self._session.scalar(select(func.count()).where(where)) or 0
        query = (
            select(Complaint)
            .where(where)
            .order_by(Complaint.created_at.desc(), Complaint.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all()), total

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
