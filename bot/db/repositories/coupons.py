"""Coupons, always looked up together with their owner, so one buyer never reaches another's."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, and_, case, func, not_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from bot.db.models import Coupon


def _active(now: datetime) -> ColumnElement[bool]:
    return and_(Coupon.used_at.is_(None), Coupon.expires_at > now)


class CouponRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, coupon: Coupon) -> None:
        self._session.add(coupon)

    async def flush(self) -> None:
        await self._session.flush()

    async def add_once(self, coupon: Coupon) -> bool:
        """Insert the coupon unless the buyer has one with its external id (False then); in a
        savepoint, so a concurrent twin leaves the transaction usable."""
        try:
            async with self._session.begin_nested():
                self._session.add(coupon)
        except IntegrityError:
            return False
        return True

    async def delete(self, coupon: Coupon) -> None:
        await self._session.delete(coupon)

    async def get_for_buyer(self, buyer_id: int, coupon_id: int) -> Coupon | None:
        """The buyer's coupon by id, with its store and the order it was used on."""
        query = (
            select(Coupon)
            .where(Coupon.id == coupon_id, Coupon.user_id == buyer_id)
            .options(joinedload(Coupon.store), joinedload(Coupon.order))
        )
        return (await self._session.execute(query)).scalar_one_or_none()

    async def by_ids(self, coupon_ids: Collection[int]) -> dict[int, Coupon]:
        """By id with their stores and orders, for a batch of pushes (each checks that the
        coupon is its buyer's)."""
        if not coupon_ids:
            return {}
        query = (
            select(Coupon)
            .where(Coupon.id.in_(coupon_ids))
            .options(joinedload(Coupon.store), joinedload(Coupon.order))
        )
        return {coupon.id: coupon for coupon in (await self._session.scalars(query)).unique()}

    async def by_external_id(self, buyer_id: int, external_id: str) -> Coupon | None:
        query = (
            select(Coupon)
            .where(Coupon.user_id == buyer_id, Coupon.external_id == external_id)
            .options(joinedload(Coupon.store), joinedload(Coupon.order))
        )
        return (await self._session.execute(query)).scalar_one_or_none()

    async def counts(self, buyer_id: int, now: datetime) -> tuple[int, int]:
        """(active, used or expired) in one query."""
        active = func.coalesce(func.sum(case((_active(now), 1), else_=0)), 0)
        query = select(active, func.count()).where(Coupon.user_id == buyer_id)
        row = (await self._session.execute(query)).one()
        return int(row[0]), int(row[1]) - int(row[0])

    async def count_active(self, buyer_id: int, now: datetime) -> int:
        query = select(func.count()).where(Coupon.user_id == buyer_id, _active(now))
        return await self._session.scalar(query) or 0

    async def active_page(
        self, buyer_id: int, now: datetime, offset: int, limit: int
    ) -> list[Coupon]:
        """Unused and unexpired, the one expiring soonest first."""
        query = (
            select(Coupon)
            .where(Coupon.user_id == buyer_id, _active(now))
            .order_by(Coupon.expires_at, Coupon.id)
            .options(joinedload(Coupon.store))
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())

    async def past_page(
        self, buyer_id: int, now: datetime, offset: int, limit: int
    ) -> list[Coupon]:
        """Used or expired, the most recent first."""
        ended = func.coalesce(Coupon.used_at, Coupon.expires_at)
        query = (
            select(Coupon)
            .where(Coupon.user_id == buyer_id, not_(_active(now)))
            .order_by(ended.desc(), Coupon.id.desc())
            .options(joinedload(Coupon.store), joinedload(Coupon.order))
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())

    async def all_for_buyer(
        self, buyer_id: int, offset: int, limit: int
    ) -> tuple[list[Coupon], int]:
        """Every coupon of a buyer, newest first (the marketplace's view)."""
        condition = Coupon.user_id == buyer_id
        total = await self._session.scalar(select(func.count()).where(condition)) or 0
        query = (
            select(Coupon)
            .where(condition)
            .order_by(Coupon.created_at.desc(), Coupon.id.desc())
            .options(joinedload(Coupon.store), joinedload(Coupon.order))
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all()), total
