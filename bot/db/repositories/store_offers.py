"""Coupons stores offer to take."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import StoreCouponOffer


class StoreOfferRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: StoreCouponOffer) -> None:
        self._session.add(row)
