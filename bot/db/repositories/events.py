"""Outbound events for the marketplace: written beside the change that causes them,
delivered at least once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    OutboundEvent,
)


class EventRepository:
    """Outbound events for the marketplace, written beside the change that causes them."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(
        self, kind: str, payload: dict[str, Any], now: datetime, *, buyer_id: int | None
    ) -> None:
        """`buyer_id`: whose data the event carries (None: nobody's)."""
        self._session.add(
            OutboundEvent(
                kind=kind, buyer_id=buyer_id, payload=payload, created_at=now, next_attempt_at=now
            )
        )

    async def due(self, now: datetime, limit: int) -> list[OutboundEvent]:
        query = (
            select(OutboundEvent)
            .where(OutboundEvent.delivered_at.is_(None), OutboundEvent.next_attempt_at <= now)
            .order_by(OutboundEvent.id)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())

    async def claim(self, event_id: int, now: datetime, lease_until: datetime) -> bool:
        """Take an event for delivery until `lease_until`; False if another worker has it."""
        result = await self._session.execute(
            update(OutboundEvent)
            .where(
                OutboundEvent.id == event_id,
                OutboundEvent.delivered_at.is_(None),
                OutboundEvent.next_attempt_at <= now,
            )
            .values(next_attempt_at=lease_until)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def mark_delivered(self, event_id: int, now: datetime) -> None:
        await self._session.execute(
            update(OutboundEvent)
            .where(OutboundEvent.id == event_id)
            .values(delivered_at=now, attempts=OutboundEvent.attempts + 1, last_error=None)
        )

    async def mark_failed(self, event_id: int, error: str, retry_at: datetime) -> None:
        await self._session.execute(
            update(OutboundEvent)
            .where(OutboundEvent.id == event_id)
            .values(
                attempts=OutboundEvent.attempts + 1,
                last_error=error[:500],
                next_attempt_at=retry_at,
            )
        )
