"""Dates a buyer must not miss, kept by the services and scanned by range."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Deadline


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

    async def keep(self, user_id: int, subject_id: int, due: Mapping[str, datetime | None]) -> None:
        """The subject's deadlines of these kinds become `due` (None: none of that kind), in
        one read and at most one delete, whatever the number of kinds."""
        query = select(Deadline).where(
            Deadline.subject_id == subject_id, Deadline.kind.in_(list(due))
        )
        found = {row.kind: row for row in await self._session.scalars(query)}
        gone = [kind for kind, when in due.items() if when is None and kind in found]
        if gone:
            await self._session.execute(
                delete(Deadline).where(Deadline.subject_id == subject_id, Deadline.kind.in_(gone))
            )
        for kind, when in due.items():
            if when is None:
                continue
            if kind in found:
                found[kind].due_at = when
            else:
                self._session.add(
                    Deadline(user_id=user_id, kind=kind, subject_id=subject_id, due_at=when)
                )

    async def clear(self, kind: str | Collection[str], subject_id: int) -> None:
        kinds = [kind] if isinstance(kind, str) else list(kind)
        await self._session.execute(
            delete(Deadline).where(Deadline.kind.in_(kinds), Deadline.subject_id == subject_id)
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
