"""Everything stored about one buyer: read for "Download my data" (every query owner-scoped),
and deleted or blanked when the account is deleted, as the services' rules say."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from bot.db.models import (
    Address,
    Base,
    BlockedStore,
    Complaint,
    Coupon,
    Dispute,
    DisputeAttachment,
    DisputeMessage,
    FavouriteStore,
    Feedback,
    FeedbackPhoto,
    Notice,
    NotificationPreference,
    Order,
    OrderMessage,
    Product,
    ProductQuestion,
    RecentlyViewed,
    Store,
    TelegramSession,
    WishItem,
    WishList,
)


@dataclass(frozen=True)
class Erasure:
    """What deleting an account does to one table's rows of the buyer: how they are found
    (`owner` holds the buyer's id, or with `parent` the id of one of the buyer's rows of that
    table), and whether they go, or stay with `blanks` (a value, or a callable that gets the
    old one) put in place. The rules themselves are bot/services/personal_data's."""

    owner: str
    parent: str | None = None
    rows_go: bool = False
    drop_if_set: str | None = None  # a kept table: its rows with this column set are deleted
    blanks: Mapping[str, Any] = field(default_factory=dict)


def _models() -> dict[str, type[Any]]:
    return {mapper.local_table.name: mapper.class_ for mapper in Base.registry.mappers}


def owned_by(rules: Mapping[str, Erasure], table: str, buyer_id: int) -> ColumnElement[bool]:
    """The condition that picks the buyer's rows of `table` (which must have a rule)."""
    rule = rules[table]
    model = _models()[table]
    column = getattr(model, rule.owner)
    if rule.parent is None:
        return column == buyer_id
    parent = _models()[rule.parent]
    [key] = inspect(parent).primary_key
    return column.in_(select(key).where(owned_by(rules, rule.parent, buyer_id)))


class PersonalDataRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def orders(self, buyer_id: int) -> list[Order]:
        """All orders, deleted ones too, with store, items and tracking, oldest first."""
        query = (
            select(Order)
            .where(Order.buyer_id == buyer_id)
            .options(joinedload(Order.store), selectinload(Order.items), selectinload(Order.events))
            .order_by(Order.placed_at, Order.id)
        )
        return list((await self._session.scalars(query)).unique().all())

    async def messages(self, buyer_id: int) -> list[tuple[str, OrderMessage]]:
        """(order number, message) for every message about the buyer's orders."""
        query = (
            select(Order.number, OrderMessage)
            .join(Order, Order.id == OrderMessage.order_id)
            .where(Order.buyer_id == buyer_id)
            .order_by(OrderMessage.sent_at, OrderMessage.id)
        )
        return [(number, message) for number, message in (await self._session.execute(query))]

    async def coupons(self, buyer_id: int) -> list[Coupon]:
        query = (
            select(Coupon)
            .where(Coupon.user_id == buyer_id)
            .options(joinedload(Coupon.store), joinedload(Coupon.order))
            .order_by(Coupon.created_at, Coupon.id)
        )
        return list((await self._session.scalars(query)).unique().all())

    async def preferences(self, buyer_id: int) -> list[NotificationPreference]:
        query = (
            select(NotificationPreference)
            .where(NotificationPreference.user_id == buyer_id)
            .order_by(NotificationPreference.kind)
        )
        return list((await self._session.scalars(query)).all())

    async def addresses(self, buyer_id: int) -> list[Address]:
        query = select(Address).where(Address.user_id == buyer_id).order_by(Address.id)
        return list((await self._session.scalars(query)).all())

    async def sessions(self, buyer_id: int) -> list[TelegramSession]:
        query = (
            select(TelegramSession)
            .where(TelegramSession.user_id == buyer_id)
            .order_by(TelegramSession.signed_in_at)
        )
        return list((await self._session.scalars(query)).all())

    # --- after-sale ---------------------------------------------------------------------------

    async def disputes(self, buyer_id: int) -> list[tuple[str, Dispute]]:
        """(order number, dispute), oldest first."""
        query = (
            select(Order.number, Dispute)
            .join(Order, Order.id == Dispute.order_id)
            .where(Dispute.buyer_id == buyer_id)
            .order_by(Dispute.created_at, Dispute.id)
        )
        return [(number, dispute) for number, dispute in await self._session.execute(query)]

    async def dispute_messages(self, buyer_id: int) -> list[DisputeMessage]:
        query = (
            select(DisputeMessage)
            .join(Dispute, Dispute.id == DisputeMessage.dispute_id)
            .where(Dispute.buyer_id == buyer_id)
            .order_by(DisputeMessage.created_at, DisputeMessage.id)
        )
        return list((await self._session.scalars(query)).all())

    async def dispute_attachments(self, buyer_id: int) -> list[DisputeAttachment]:
        query = (
            select(DisputeAttachment)
            .join(Dispute, Dispute.id == DisputeAttachment.dispute_id)
            .where(Dispute.buyer_id == buyer_id)
            .order_by(DisputeAttachment.created_at, DisputeAttachment.id)
        )
        return list((await self._session.scalars(query)).all())

    async def feedback(self, buyer_id: int) -> list[tuple[str, str, Feedback]]:
        """(order number, store name, feedback), oldest first."""
        query = (
            select(Order.number, Store.name, Feedback)
            .join(Order, Order.id == Feedback.order_id)
            .join(Store, Store.id == Feedback.store_id)
            .where(Feedback.buyer_id == buyer_id)
            .order_by(Feedback.created_at, Feedback.id)
        )
        return [(number, store, row) for number, store, row in await self._session.execute(query)]

    async def feedback_photos(self, buyer_id: int) -> list[FeedbackPhoto]:
        query = (
            select(FeedbackPhoto)
            .join(Feedback, Feedback.id == FeedbackPhoto.feedback_id)
            .where(Feedback.buyer_id == buyer_id)
            .order_by(FeedbackPhoto.id)
        )
        return list((await self._session.scalars(query)).all())

    async def complaints(self, buyer_id: int) -> list[Complaint]:
        query = (
            select(Complaint)
            .where(Complaint.user_id == buyer_id)
            .order_by(Complaint.created_at, Complaint.id)
        )
        return list((await self._session.scalars(query)).all())

    async def notices(self, buyer_id: int) -> list[tuple[Notice, str | None]]:
        """(notice, store name or None for the platform's), oldest first."""
        query = (
            select(Notice, Store.name)
            .outerjoin(Store, Store.id == Notice.store_id)
            .where(Notice.user_id == buyer_id)
            .order_by(Notice.created_at, Notice.id)
        )
        return [(notice, store) for notice, store in await self._session.execute(query)]

    async def blocked_stores(self, buyer_id: int) -> list[tuple[str, BlockedStore]]:
        query = (
            select(Store.name, BlockedStore)
            .join(Store, Store.id == BlockedStore.store_id)
            .where(BlockedStore.user_id == buyer_id)
            .order_by(BlockedStore.created_at, Store.name)
        )
        return [(name, blocked) for name, blocked in await self._session.execute(query)]

    async def wishes(self, buyer_id: int) -> list[tuple[WishList, WishItem | None, str | None]]:
        """Every list with its items (an empty list once, with None), and each item's title."""
        query = (
            select(WishList, WishItem, Product.title)
            .outerjoin(WishItem, WishItem.list_id == WishList.id)
            .outerjoin(Product, Product.id == WishItem.product_id)
            .where(WishList.user_id == buyer_id)
            .order_by(WishList.created_at, WishList.id, WishItem.added_at, WishItem.id)
        )
        return [(wishes, item, title) for wishes, item, title in await self._session.execute(query)]

    async def favourite_stores(self, buyer_id: int) -> list[tuple[str, FavouriteStore]]:
        query = (
            select(Store.name, FavouriteStore)
            .join(Store, Store.id == FavouriteStore.store_id)
            .where(FavouriteStore.user_id == buyer_id)
            .order_by(FavouriteStore.saved_at, Store.name)
        )
        return [(name, saved) for name, saved in await self._session.execute(query)]

    async def recently_viewed(self, buyer_id: int) -> list[tuple[str, RecentlyViewed]]:
        query = (
            select(Product.title, RecentlyViewed)
            .join(Product, Product.id == RecentlyViewed.product_id)
            .where(RecentlyViewed.user_id == buyer_id)
            .order_by(RecentlyViewed.viewed_at.desc(), Product.id)
        )
        return [(title, row) for title, row in await self._session.execute(query)]

    async def product_questions(self, buyer_id: int) -> list[tuple[str, str, ProductQuestion]]:
        """(product title, store name, question), oldest first."""
        query = (
            select(Product.title, Store.name, ProductQuestion)
            .join(Product, Product.id == ProductQuestion.product_id)
            .join(Store, Store.id == ProductQuestion.store_id)
            .where(ProductQuestion.user_id == buyer_id)
            .order_by(ProductQuestion.asked_at, ProductQuestion.id)
        )
        return [(title, store, row) for title, store, row in await self._session.execute(query)]

    # --- deleting the account ---------------------------------------------------------------

    async def erase(self, buyer_id: int, rules: Mapping[str, Erasure]) -> None:
        """Delete or blank every row of the buyer that `rules` can find (children first)."""
        models = _models()
        for sorted_table in reversed(Base.metadata.sorted_tables):
            rule = rules.get(sorted_table.name)
            if rule is None:
                continue
            model = models[sorted_table.name]
            where = owned_by(rules, sorted_table.name, buyer_id)
            fetch = {"synchronize_session": "fetch"}  # rows loaded in this session go too
            if rule.rows_go:
                await self._session.execute(delete(model).where(where).execution_options(**fetch))
                continue
            if rule.drop_if_set is not None:
                done = getattr(model, rule.drop_if_set).is_not(None)
                await self._session.execute(
                    delete(model).where(where, done).execution_options(**fetch)
                )
            for row in await self._session.scalars(select(model).where(where)):
                for name, value in rule.blanks.items():
                    setattr(row, name, value(getattr(row, name)) if callable(value) else value)
