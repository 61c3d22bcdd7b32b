"""E-mail codes: open ones, attempts counted atomically, used once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import EmailCode


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
