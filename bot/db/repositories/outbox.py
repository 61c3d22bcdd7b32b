"""The notification outbox: pushes to buyers, each written once by its dedup key."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    OutboxMessage,
    User,
)


class OutboxRepository:
    """Notifications to buyers; the unique dedup key makes writing one twice a no-op."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(
        self,
        user_id: int,
        kind: str,
        payload: dict[str, Any],
        dedup_key: str,
        due_at: datetime,
        now: datetime,
    ) -> None:
        values = {
            "user_id": user_id,
            "kind": kind,
            "payload": payload,
            "dedup_key": dedup_key,
            "due_at": due_at,
            "created_at": now,
            "attempts": 0,
        }
        insert = pg_insert if self._session.bind.dialect.name == "postgresql" else sqlite_insert
        statement = insert(OutboxMessage).values(**values)
        await self._session.execute(statement.on_conflict_do_nothing(index_elements=["dedup_key"]))

    async def due(
        self, now: datetime, limit: int, shard: tuple[int, int] | None = None
    ) -> list[tuple[OutboxMessage, User]]:
        """Rows to send now, oldest first, for buyers that are linked and reachable; with
        `shard` (index, count), only the buyers whose id falls in that shard."""
        query = (
            select(OutboxMessage, User)
            .join(User, User.id == OutboxMessage.user_id)
            .where(
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.failed_at.is_(None),
                OutboxMessage.due_at <= now,
                User.telegram_id.is_not(None),
                User.unreachable_at.is_(None),
            )
            .order_by(OutboxMessage.due_at, OutboxMessage.id)
            .limit(limit)
        )
        if shard is not None and shard[1] > 1:
            index, count = shard
            query = query.where(OutboxMessage.user_id % count == index)
        return [(row, user) for row, user in (await self._session.execute(query)).all()]

    async def claim(self, row_ids: list[int], now: datetime, lease_until: datetime) -> set[int]:
        """Take rows for sending until `lease_until` (the lease is their due time); returns
        the ones this sender got — another sender may have taken some first."""
        if not row_ids:
            return set()
        result = await self._session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id.in_(row_ids),
                OutboxMessage.sent_at.is_(None),
                OutboxMessage.failed_at.is_(None),
                OutboxMessage.due_at <= now,
            )
            .values(due_at=lease_until)
            .returning(OutboxMessage.id)
            .execution_options(synchronize_session=False)
        )
        return set(result.scalars().all())

    async def mark_sent(self, row_ids: list[int], now: datetime) -> None:
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(row_ids))
            .values(sent_at=now, attempts=OutboxMessage.attempts + 1, last_error=None)
            .execution_options(synchronize_session=False)
        )

    async def mark_failed(self, row_ids: list[int], now: datetime, reason: str) -> None:
        """Never to be sent: muted, subject gone, too old, or refused by Telegram for good."""
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(row_ids))
            .values(failed_at=now, last_error=reason[:500])
            .execution_options(synchronize_session=False)
        )

    async def retry_at(
        self, row_ids: list[int], when: datetime, reason: str, attempt: bool
    ) -> None:
        values: dict[str, Any] = {"due_at": when, "last_error": reason[:500]}
        if attempt:
            values["attempts"] = OutboxMessage.attempts + 1
        await self._session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(row_ids))
            .values(**values)
            .execution_options(synchronize_session=False)
        )

    async def next_due(self) -> datetime | None:
        """When the earliest row still to send (or leased by a sender) falls due."""
        query = select(func.min(OutboxMessage.due_at)).where(
            OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None)
        )
        return await self._session.scalar(query)
