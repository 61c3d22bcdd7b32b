"""Coupons stores offer to take."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import ColumnElement, String, and_, cast, func, literal, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Coupon, StoreCouponOffer


def _open(now: datetime) -> ColumnElement[bool]:
    """Within its claim window, not withdrawn, and some left."""
    offer = StoreCouponOffer
    return and_(
        offer.claim_from <= now,
        offer.claim_until > now,
        offer.withdrawn_at.is_(None),
        or_(offer.quantity.is_(None), offer.taken < offer.quantity),
    )


class StoreOfferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: StoreCouponOffer) -> None:
        self._session.add(row)

    async def flush(self) -> None:
        await self._session.flush()

    async def get(self, offer_id: int) -> StoreCouponOffer | None:
        return await self._session.get(StoreCouponOffer, offer_id)

    async def by_external_id(self, store_id: int, external_id: str) -> StoreCouponOffer | None:
        return await self._session.scalar(
            select(StoreCouponOffer).where(
                StoreCouponOffer.store_id == store_id,
                StoreCouponOffer.external_id == external_id,
            )
        )

    async def of_store(self, store_id: int) -> list[StoreCouponOffer]:
        """Every offer of the store, newest first (the API's list)."""
        query = (
            select(StoreCouponOffer)
            .where(StoreCouponOffer.store_id == store_id)
            .order_by(StoreCouponOffer.created_at.desc(), StoreCouponOffer.id.desc())
        )
        return list((await self._session.scalars(query)).all())

    async def open_for_buyer(
        self, store_id: int, user_id: int, now: datetime, limit: int
    ) -> list[tuple[StoreCouponOffer, bool]]:
        """The store's offers a buyer may take now, soonest closing first, each with whether
        this buyer has taken it already."""
        # The coupon taken from an offer is "offer-<id>" (services/favourites/buyer.py).
        taken = (
            select(Coupon.id)
            .where(
                Coupon.user_id == user_id,
                Coupon.external_id == literal("offer-", String) + cast(StoreCouponOffer.id, String),
            )
            .exists()
        )
        query = (
            select(StoreCouponOffer, taken)
            .where(StoreCouponOffer.store_id == store_id, _open(now))
            .order_by(StoreCouponOffer.claim_until, StoreCouponOffer.id)
            .limit(limit)
        )
        return [(row[0], bool(row[1])) for row in await self._session.execute(query)]

    async def open_counts(self, store_ids: Collection[int], now: datetime) -> dict[int, int]:
        """How many offers each store has open now (stores with none are left out)."""
        if not store_ids:
            return {}
        query = (
            select(StoreCouponOffer.store_id, func.count())
            .where(StoreCouponOffer.store_id.in_(store_ids), _open(now))
            .group_by(StoreCouponOffer.store_id)
        )
        return {row[0]: int(row[1]) for row in await self._session.execute(query)}

    async def take_one(self, offer_id: int, now: datetime) -> StoreCouponOffer | None:
        """Count one more taken, only while the offer is open and some are left: one
        conditional UPDATE, so concurrent takers never get more than `quantity` (the row lock
        makes a second taker re-check `taken` once the first commits). None: none left."""
        statement = (
            update(StoreCouponOffer)
            .where(StoreCouponOffer.id == offer_id, _open(now))
            .values(taken=StoreCouponOffer.taken + 1)
            .returning(StoreCouponOffer.id)
        )
        taken = await self._session.scalar(statement)
        if taken is None:
            return None
        return await self._session.get(StoreCouponOffer, offer_id, populate_existing=True)
