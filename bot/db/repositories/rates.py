"""Exchange rates by (base, quote): the whole table is small (one row per currency fed)."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ExchangeRate


class RateRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def touching(self, currency: str) -> list[ExchangeRate]:
        """Every rate of every base that quotes `currency` (or is it): all a conversion into
        `currency` can use."""
        bases = select(ExchangeRate.base).where(
            or_(ExchangeRate.quote == currency, ExchangeRate.base == currency)
        )
        query = select(ExchangeRate).where(ExchangeRate.base.in_(bases))
        return list((await self._session.scalars(query)).all())

    async def of_base(self, base: str) -> dict[str, ExchangeRate]:
        query = select(ExchangeRate).where(ExchangeRate.base == base)
        return {row.quote: row for row in (await self._session.scalars(query)).all()}

    def add(self, row: ExchangeRate) -> None:
        self._session.add(row)
