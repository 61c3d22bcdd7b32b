"""Secrets the server makes for itself on first use, kept by name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import AppSecret


class AppSecretRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def value(self, name: str) -> str | None:
        """The secret stored as `name`, if one is."""
        stored = await self._session.get(AppSecret, name)
        return stored.value if stored is not None else None

    async def keep(self, name: str, candidate: str, now: datetime) -> str:
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
