"""Counts an operator's status needs: buyers, pushes waiting, events the marketplace has not
taken yet; each one aggregate query."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ExchangeRate, OutboundEvent, OutboxMessage, User


class OperatorRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def buyers(self) -> int:
        query = select(func.count()).where(
            User.registered_at.is_not(None), User.deleted_at.is_(None)
        )
        return await self._session.scalar(query) or 0

    async def pushes_waiting(self, now: datetime) -> tuple[int, int]:
        """(waiting, of which due now): pushes neither sent nor given up."""
        waiting = OutboxMessage.sent_at.is_(None) & OutboxMessage.failed_at.is_(None)
        total = await self._session.scalar(select(func.count()).where(waiting)) or 0
        due = (
            await self._session.scalar(
                select(func.count()).where(waiting, OutboxMessage.due_at <= now)
            )
            or 0
        )
        return total, due

    async def events_undelivered(self) -> tuple[int, datetime | None]:
        """(count, oldest created_at) of outbound events not yet accepted by the marketplace."""
        query = select(func.count(), func.min(OutboundEvent.created_at)).where(
            OutboundEvent.delivered_at.is_(None)
        )
        count, oldest = (await self._session.execute(query)).one()
        return int(count or 0), oldest

    async def rates(self) -> list[ExchangeRate]:
        return list((await self._session.scalars(select(ExchangeRate))).all())
