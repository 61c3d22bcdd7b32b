"""Kinds of pushes a buyer turned off; no row means the kind is on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import (
    NotificationPreference,
)


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
