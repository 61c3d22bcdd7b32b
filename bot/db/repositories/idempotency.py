"""The integration API's Idempotency-Keys: reserved, answered, released, pruned."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    IdempotencyRecord,
)


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
