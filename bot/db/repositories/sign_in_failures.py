"""Wrong passwords per hashed address, counted one attempt at a time."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import SignInFailure


class SignInFailureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, failure: SignInFailure) -> None:
        self._session.add(failure)

    async def reserve(
        self, key: str, now: datetime, cutoff: datetime
    ) -> tuple[int, list[datetime]]:
        """Record an attempt for `key` as failed before it is checked; its row id, and the
        failures since `cutoff` recorded before it.

        One attempt at a time per key: on PostgreSQL a transaction-scoped advisory lock on
        the key, on SQLite the insert itself (it makes this transaction the one writer, and
        the count below runs inside it). So simultaneous attempts each see those before them,
        and none slips past the lockout threshold while the others are being checked.
        """
        if self._session.get_bind().dialect.name == "postgresql":
            lock = func.pg_advisory_xact_lock(_LOCK_SPACE, _lock_id(key))
            await self._session.execute(select(lock))
        failure = SignInFailure(key=key, failed_at=now)
        self._session.add(failure)
        await self._session.flush()
        query = select(SignInFailure.failed_at).where(
            SignInFailure.key == key,
            SignInFailure.failed_at > cutoff,
            SignInFailure.id != failure.id,
        )
        return failure.id, list((await self._session.scalars(query)).all())

    async def withdraw(self, failure_id: int) -> None:
        """Take back a reserved attempt that was never checked (refused by the lock)."""
        await self._session.execute(delete(SignInFailure).where(SignInFailure.id == failure_id))

    async def since(self, key: str, cutoff: datetime) -> list[datetime]:
        query = select(SignInFailure.failed_at).where(
            SignInFailure.key == key, SignInFailure.failed_at > cutoff
        )
        return list((await self._session.scalars(query)).all())

    async def forget(self, key: str) -> None:
        await self._session.execute(delete(SignInFailure).where(SignInFailure.key == key))

    async def delete_before(self, cutoff: datetime) -> int:
        result = await self._session.execute(
            delete(SignInFailure).where(SignInFailure.failed_at < cutoff)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


# The two-key form of PostgreSQL's advisory locks: its key space is apart from the one-key
# locks (the scheduler's leader lock), so the two never collide.
_LOCK_SPACE = 0x5349  # "SI": sign-in


def _lock_id(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big", signed=True)
