"""The products each buyer opened lately."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import RecentlyViewed


class RecentlyViewedRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: RecentlyViewed) -> None:
        self._session.add(row)
