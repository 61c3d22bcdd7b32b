"""Engine and session factory, built on demand from a URL (never at import time)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.db import sqlite_inloop


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Enforce foreign keys and let readers work while one writer commits."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_busy_timeout(dbapi_connection: Any, _record: Any) -> None:
    """aiosqlite waits for a busy file in its own thread; the in-loop driver waits by itself."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def build_engine(url: str, *, sqlite_threaded: bool = False, **kwargs: Any) -> AsyncEngine:
    """Create the async engine; SQLite runs in the loop (see `sqlite_inloop`) with pragmas."""
    in_loop = url.startswith("sqlite") and not sqlite_threaded
    if in_loop:
        kwargs.setdefault("module", sqlite_inloop.dbapi())
    engine = create_async_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        if not in_loop:
            event.listen(engine.sync_engine, "connect", _sqlite_busy_timeout)
    return engine


def build_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions keep loaded objects usable after commit, for rendering the reply."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)
