"""Promotions and platform notices of the message center, without those of blocked stores."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.enums import NoticeFolder
from bot.db.models import Notice
from bot.db.repositories.blocked_stores import blocked_store_ids


class NoticeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    def add(self, row: Notice) -> None:
        self._session.add(row)

    def add_all(self, rows: Iterable[Notice]) -> None:
        self._session.add_all(rows)

    async def flush(self) -> None:
        await self._session.flush()

    async def by_external_id(self, user_id: int, external_id: str) -> Notice | None:
        return await self._session.scalar(
            select(Notice).where(Notice.user_id == user_id, Notice.external_id == external_id)
        )

    async def owned(self, user_id: int, notice_id: int) -> Notice | None:
        """The buyer's notice by id, also one of a store they blocked (a push checks that)."""
        notice = await self._session.get(Notice, notice_id)
        return notice if notice is not None and notice.user_id == user_id else None

    def _visible(self, user_id: int, folder: NoticeFolder) -> Select[tuple[Notice]]:
        return select(Notice).where(
            Notice.user_id == user_id,
            Notice.folder == folder,
            Notice.store_id.not_in(blocked_store_ids(user_id)) | Notice.store_id.is_(None),
        )

    async def count(self, user_id: int, folder: NoticeFolder) -> int:
        query = select(func.count()).select_from(self._visible(user_id, folder).subquery())
        return int(await self._session.scalar(query) or 0)

    async def page(
        self, user_id: int, folder: NoticeFolder, offset: int, limit: int
    ) -> list[Notice]:
        """Newest first."""
        query = self._visible(user_id, folder).order_by(Notice.created_at.desc(), Notice.id.desc())
        rows = await self._session.scalars(query.offset(offset).limit(limit))
        return list(rows.all())

    async def get_for_buyer(self, user_id: int, notice_id: int) -> Notice | None:
        query = self._visible(user_id, NoticeFolder.PROMOTION).where(Notice.id == notice_id)
        found = await self._session.scalar(query)
        if found is not None:
            return found
        query = self._visible(user_id, NoticeFolder.PLATFORM).where(Notice.id == notice_id)
        return await self._session.scalar(query)

    async def unread(self, user_id: int) -> dict[NoticeFolder, int]:
        counts = dict.fromkeys(NoticeFolder, 0)
        for folder in NoticeFolder:
            query = self._visible(user_id, folder).where(Notice.read_at.is_(None))
            counts[folder] = (
                await self._session.scalar(select(func.count()).select_from(query.subquery())) or 0
            )
        return counts

    async def unread_rows(self, user_id: int, folder: NoticeFolder) -> list[Notice]:
        query = self._visible(user_id, folder).where(Notice.read_at.is_(None))
        return list((await self._session.scalars(query)).all())
