"""Which buyer each Telegram user is signed in as."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import TelegramSession, User

_BUYER_OF = (
    select(TelegramSession, User)
    .join(User, User.id == TelegramSession.user_id)
    .where(TelegramSession.telegram_id == bindparam("telegram_id"))
)


class SessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def buyer_of(self, telegram_id: int) -> tuple[TelegramSession, User] | None:
        """The session and its buyer in one query (this runs for every update)."""
        row = (await self._session.execute(_BUYER_OF, {"telegram_id": telegram_id})).first()
        return (row[0], row[1]) if row is not None else None

    async def lock(self, telegram_id: int) -> None:
        """Hold this Telegram user's session row until the transaction ends, so that two taps
        at once are decided one after the other: a no-op write, which takes the row lock on
        PostgreSQL and the write lock on SQLite (whose later reads then see the first tap's
        commit)."""
        await self._session.execute(
            update(TelegramSession)
            .where(TelegramSession.telegram_id == telegram_id)
            .values(last_seen_at=TelegramSession.last_seen_at)
            .execution_options(synchronize_session=False)
        )

    async def buyer_of_now(self, telegram_id: int) -> tuple[TelegramSession, User] | None:
        """As `buyer_of`, reloading rows already in the session (after waiting on a lock)."""
        query = _BUYER_OF.execution_options(populate_existing=True)
        row = (await self._session.execute(query, {"telegram_id": telegram_id})).first()
        return (row[0], row[1]) if row is not None else None

    async def get(self, telegram_id: int) -> TelegramSession | None:
        return await self._session.get(TelegramSession, telegram_id)

    async def of_user(self, user_id: int) -> list[TelegramSession]:
        query = select(TelegramSession).where(TelegramSession.user_id == user_id)
        return list((await self._session.scalars(query)).all())

    def add(self, session: TelegramSession) -> None:
        self._session.add(session)

    async def delete(self, session: TelegramSession) -> None:
        await self._session.delete(session)
