"""Dates a buyer must not miss, kept by the services and scanned by range."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    Deadline,
)


class DeadlineRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def set(self, user_id: int, kind: str, subject_id: int, due_at: datetime) -> None:
        found = await self._session.scalar(
            select(Deadline).where(Deadline.kind == kind, Deadline.subject_id == subject_id)
        )
        if found is None:
            self._session.add(
                Deadline(user_id=user_id, kind=kind, subject_id=subject_id, due_at=due_at)
            )
        else:
            found.due_at = due_at

    async def clear(self, kind: str, subject_id: int) -> None:
        await self._session.execute(
            delete(Deadline).where(Deadline.kind == kind, Deadline.subject_id == subject_id)
        )

    async def between(
        self, after: datetime, until: datetime, kinds: Collection[str] | None = None
    ) -> list[Deadline]:
        """An indexed range: the scan's cost follows the window, not the table."""
        query = (
            select(Deadline)
            .where(Deadline.due_at > after, Deadline.due_at <= until)
            .order_by(Deadline.due_at, Deadline.id)
        )
        if kinds is not None:
            query = query.where(Deadline.kind.in_(list(kinds)))
        return list((await self._session.scalars(query)).all())

    async def delete_passed(self, before: datetime) -> int:
        result = await self._session.execute(delete(Deadline).where(Deadline.due_at <= before))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]
