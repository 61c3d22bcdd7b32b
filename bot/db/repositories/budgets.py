"""Spending a budget in one statement, so simultaneous requests can never overspend it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import case, delete, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import SpentBudget


class BudgetRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def spend(self, key: str, window_start: datetime, amount: int, limit: int) -> int | None:
        """Spend `amount` of `key`'s budget in the window starting at `window_start`; how much
        is used then, or None when that would go over `limit` (nothing is spent).

        One conditional UPDATE ... RETURNING (the row lock serializes racing spenders on
        PostgreSQL; SQLite has one writer), and an INSERT ... ON CONFLICT DO NOTHING for the
        first spend, so no read-modify-write can lose a spend.
        """
        if amount > limit:
            return None
        table = SpentBudget.__table__
        same_window = table.c.window_start == window_start
        spend = (
            update(table)
            .where(table.c.key == key, or_(~same_window, table.c.used + amount <= limit))
            .values(
                used=case((same_window, table.c.used + amount), else_=amount),
                window_start=window_start,
            )
            .returning(table.c.used)
        )
        used = (await self._session.execute(spend)).scalar_one_or_none()
        if used is not None:
            return int(used)
        dialect = postgresql if self._dialect == "postgresql" else sqlite
        first = (
            dialect.insert(table)
            .values(key=key, window_start=window_start, used=amount)
            .on_conflict_do_nothing(index_elements=[table.c.key])
            .returning(table.c.used)
        )
        if (await self._session.execute(first)).scalar_one_or_none() is not None:
            return amount
        # Someone else made the row meanwhile: spend from it, if it has room.
        used = (await self._session.execute(spend)).scalar_one_or_none()
        return None if used is None else int(used)

    async def used(self, key: str, window_start: datetime) -> int:
        """How much is spent in this window (0 in a new one)."""
        query = select(SpentBudget.used).where(
            SpentBudget.key == key, SpentBudget.window_start == window_start
        )
        return int(await self._session.scalar(query) or 0)

    async def refund(self, key: str, window_start: datetime, amount: int) -> None:
        """Give back what was spent for something that did not happen after all."""
        table = SpentBudget.__table__
        await self._session.execute(
            update(table)
            .where(table.c.key == key, table.c.window_start == window_start)
            .values(used=case((table.c.used > amount, table.c.used - amount), else_=0))
        )

    async def clear(self, key: str) -> None:
        await self._session.execute(delete(SpentBudget).where(SpentBudget.key == key))

    async def delete_before(self, cutoff: datetime) -> int:
        result = await self._session.execute(
            delete(SpentBudget).where(SpentBudget.window_start < cutoff)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    @property
    def _dialect(self) -> str:
        return self._session.get_bind().dialect.name
