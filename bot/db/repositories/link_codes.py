"""One-time marketplace link codes, redeemed at most once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    LinkCode,
)


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
