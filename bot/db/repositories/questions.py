"""Questions buyers asked about products, scoped to the buyer who asked."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ProductQuestion


class QuestionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: ProductQuestion) -> None:
        self._session.add(row)
