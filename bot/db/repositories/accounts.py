"""E-mail codes and failed sign-ins."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import AppSecret, EmailCode, SignInFailure


class EmailCodeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, code: EmailCode) -> None:
        self._session.add(code)

    async def open_of(self, user_id: int, purpose: str) -> list[EmailCode]:
        """Codes not yet used up, oldest first (the last one is the one the mail has)."""
        query = (
            select(EmailCode)
            .where(
                EmailCode.user_id == user_id,
                EmailCode.purpose == purpose,
                EmailCode.used_at.is_(None),
            )
            .order_by(EmailCode.id)
        )
        return list((await self._session.scalars(query)).all())

    async def take_attempt(self, code_id: int, max_attempts: int) -> int | None:
        """Count one try at an open code, atomically: how many tries it has had then, or None
        when it has had `max_attempts` already or was used meanwhile (simultaneous guesses
        each count, instead of all reading the same count and writing it back plus one)."""
        table = EmailCode.__table__
        attempt = (
            update(table)
            .where(
                table.c.id == code_id,
                table.c.used_at.is_(None),
                table.c.attempts < max_attempts,
            )
            .values(attempts=table.c.attempts + 1)
            .returning(table.c.attempts)
        )
        return (await self._session.execute(attempt)).scalar_one_or_none()

    async def use(self, code_id: int, now: datetime) -> bool:
        """Mark the code used; False when another request used it first."""
        table = EmailCode.__table__
        used = (
            update(table)
            .where(table.c.id == code_id, table.c.used_at.is_(None))
            .values(used_at=now)
            .returning(table.c.id)
        )
        return (await self._session.execute(used)).scalar_one_or_none() is not None

    async def keep_secret(self, name: str, candidate: str, now: datetime) -> str:
        """The secret stored as `name`, storing `candidate` if there is none yet: the first
        requests may come at once, one INSERT wins and the others read what it wrote."""
        dialect = postgresql if self._session.get_bind().dialect.name == "postgresql" else sqlite
        await self._session.execute(
            dialect.insert(AppSecret)
            .values(name=name, value=candidate, created_at=now)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        return str(
            await self._session.scalar(select(AppSecret.value).where(AppSecret.name == name))
        )

    async def used_since(self, user_id: int, purpose: str, cutoff: datetime) -> list[EmailCode]:
        """Codes checked right since `cutoff` and not yet spent on what they allowed."""
        query = select(EmailCode).where(
            EmailCode.user_id == user_id,
            EmailCode.purpose == purpose,
            EmailCode.used_at > cutoff,
        )
        found = (await self._session.scalars(query)).all()
        return [code for code in found if not code.payload.get("spent")]

    async def delete_before(self, cutoff: datetime) -> int:
        result = await self._session.execute(delete(EmailCode).where(EmailCode.expires_at < cutoff))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


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
