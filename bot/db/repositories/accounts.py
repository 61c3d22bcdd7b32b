"""E-mail codes and failed sign-ins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import EmailCode, SignInFailure


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
        result = await self._session.execute(
            delete(EmailCode).where(EmailCode.expires_at < cutoff)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


class SignInFailureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, failure: SignInFailure) -> None:
        self._session.add(failure)

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
