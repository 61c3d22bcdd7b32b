"""Rows the integration keeps: outbound events, the notification outbox, idempotency records,
order messages and link codes."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    Deadline,
    IdempotencyRecord,
    LinkCode,
    NotificationPreference,
    OrderMessage,
    OutboundEvent,
    OutboxMessage,
    User,
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


class IdempotencyRepository:
    """Idempotency-Keys, by the hash of the key: a reservation taken in one statement, then
    the (sealed) answer stored in the transaction of the request's own changes, or the
    reservation released."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, key_hash: str) -> IdempotencyRecord | None:
        return await self._session.get(IdempotencyRecord, key_hash, populate_existing=True)

    async def reserve(
        self, key_hash: str, request_hash: str, now: datetime, stale_before: datetime
    ) -> bool:
        """Take the key for a request about to run; False when another request holds it or
        answered it. A reservation of the same request from before `stale_before` with no
        answer belongs to a request that died: it is taken over.

        INSERT ... ON CONFLICT DO NOTHING and a conditional UPDATE: of simultaneous requests
        with one key exactly one gets it, on PostgreSQL (the unique key) and SQLite alike.
        """
        table = IdempotencyRecord.__table__
        insert = pg_insert if self._session.bind.dialect.name == "postgresql" else sqlite_insert
        first = (
            insert(table)
            .values(key_hash=key_hash, request_hash=request_hash, created_at=now)
            .on_conflict_do_nothing(index_elements=[table.c.key_hash])
            .returning(table.c.key_hash)
        )
        if (await self._session.execute(first)).scalar_one_or_none() is not None:
            return True
        takeover = (
            update(table)
            .where(
                table.c.key_hash == key_hash,
                table.c.request_hash == request_hash,
                table.c.status_code.is_(None),
                table.c.created_at < stale_before,
            )
            .values(created_at=now)
            .returning(table.c.key_hash)
        )
        return (await self._session.execute(takeover)).scalar_one_or_none() is not None

    async def answer(
        self,
        key_hash: str,
        reserved_at: datetime,
        status: int,
        body: bytes,
        buyer_id: int | None,
    ) -> bool:
        """Store the answer under the reservation made at `reserved_at`; False when that
        reservation is no longer this request's (it was taken over as stale)."""
        result = await self._session.execute(
            update(IdempotencyRecord)
            .where(
                IdempotencyRecord.key_hash == key_hash,
                IdempotencyRecord.status_code.is_(None),
                IdempotencyRecord.created_at == reserved_at,
            )
            .values(status_code=status, body=body, buyer_id=buyer_id)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def release(self, key_hash: str, reserved_at: datetime) -> None:
        """Give up a reservation whose request did not succeed, so that a retry runs it."""
        await self._session.execute(
            delete(IdempotencyRecord)
            .where(
                IdempotencyRecord.key_hash == key_hash,
                IdempotencyRecord.status_code.is_(None),
                IdempotencyRecord.created_at == reserved_at,
            )
            .execution_options(synchronize_session=False)
        )

    async def delete_before(self, cutoff: datetime) -> int:
        result = await self._session.execute(
            delete(IdempotencyRecord).where(IdempotencyRecord.created_at < cutoff)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


class MessageRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, message: OrderMessage) -> None:
        self._session.add(message)

    async def by_external_id(self, order_id: int, external_id: str) -> OrderMessage | None:
        query = select(OrderMessage).where(
            OrderMessage.order_id == order_id, OrderMessage.external_id == external_id
        )
        return await self._session.scalar(query)

    async def for_order(
        self, order_id: int, offset: int = 0, limit: int = 100
    ) -> list[OrderMessage]:
        query = (
            select(OrderMessage)
            .where(OrderMessage.order_id == order_id)
            .order_by(OrderMessage.sent_at, OrderMessage.id)
            .offset(offset)
            .limit(limit)
        )
        return list((await self._session.scalars(query)).all())


class LinkCodeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, code: LinkCode) -> None:
        self._session.add(code)

    async def get(self, code_hash: str) -> LinkCode | None:
        return await self._session.get(LinkCode, code_hash)

    async def claim(self, code_hash: str, now: datetime) -> int | None:
        """Mark the code used if it is still unused and unexpired; the id of its account, or
        None when it was not (unknown, used or expired: `get` tells which).

        One conditional UPDATE ... RETURNING: on PostgreSQL the row lock makes racing
        redemptions wait and then find it used; SQLite has one writer. Reading the code and
        then marking it used would let each of them in.
        """
        result = await self._session.execute(
            update(LinkCode)
            .where(
                LinkCode.code_hash == code_hash,
                LinkCode.used_at.is_(None),
                LinkCode.expires_at > now,
            )
            .values(used_at=now)
            .returning(LinkCode.user_id)
            .execution_options(synchronize_session=False)
        )
        return result.scalar_one_or_none()


class PreferenceRepository:
    """Kinds of pushes a buyer turned off; no row means the kind is on."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def disabled_kinds(self, user_id: int) -> set[str]:
        return (await self.disabled_kinds_of([user_id])).get(user_id, set())

    async def disabled_kinds_of(self, user_ids: list[int]) -> dict[int, set[str]]:
        """The kinds each of these buyers turned off, in one query (for a batch of pushes)."""
        query = select(NotificationPreference.user_id, NotificationPreference.kind).where(
            NotificationPreference.user_id.in_(user_ids), NotificationPreference.enabled.is_(False)
        )
        disabled: dict[int, set[str]] = {}
        for user_id, kind in (await self._session.execute(query)).all():
            disabled.setdefault(user_id, set()).add(kind)
        return disabled

    async def set(self, user_id: int, kind: str, enabled: bool, now: datetime) -> None:
        row = await self._session.get(NotificationPreference, (user_id, kind))
        if row is None:
            self._session.add(
                NotificationPreference(user_id=user_id, kind=kind, enabled=enabled, updated_at=now)
            )
        else:
            row.enabled, row.updated_at = enabled, now


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
