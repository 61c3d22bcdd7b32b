"""SQLite in the event loop's own thread, shaped like aiosqlite for SQLAlchemy's dialect.

aiosqlite hands every cursor call to a worker thread and back; on a small indexed query that
round trip costs about ten times the query itself, and SQLAlchemy makes four per statement.
An embedded single-process bot reads a local file with queries of microseconds, so running
them in place is faster and simpler. SQLAlchemy's aiosqlite dialect is kept unchanged; only
the module underneath is swapped (`create_async_engine(..., module=...)`).
PostgreSQL is the database for several processes; `SQLITE_THREADED=1` restores aiosqlite.

The invariant that keeps this safe: no code awaits anything but the database while a write
transaction is open (services commit before a reply is sent, the sender and the webhook worker
commit before each network call), so a write lock is never held across a suspension and one
coroutine can never wait, in-loop, for a lock another coroutine holds.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Generator, Iterable, Sequence
from types import SimpleNamespace
from typing import Any

from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_dbapi

DatabaseError = sqlite3.DatabaseError
Error = sqlite3.Error
IntegrityError = sqlite3.IntegrityError
NotSupportedError = sqlite3.NotSupportedError
OperationalError = sqlite3.OperationalError
ProgrammingError = sqlite3.ProgrammingError
sqlite_version = sqlite3.sqlite_version
sqlite_version_info = sqlite3.sqlite_version_info


class Cursor:
    """An async-looking wrapper whose coroutines finish without ever suspending."""

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self._cursor = cursor

    async def __aenter__(self) -> Cursor:
        return self

    async def __aexit__(self, *exc: object) -> None:
        self._cursor.close()

    @property
    def description(self) -> Any:
        return self._cursor.description

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._cursor.lastrowid

    @property
    def arraysize(self) -> int:
        return self._cursor.arraysize

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._cursor.arraysize = value

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        self._cursor.execute(sql, parameters)
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> Cursor:
        self._cursor.executemany(sql, parameters)
        return self

    async def fetchone(self) -> Any:
        return self._cursor.fetchone()

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        return self._cursor.fetchmany(size if size is not None else self._cursor.arraysize)

    async def fetchall(self) -> list[Any]:
        return self._cursor.fetchall()

    async def close(self) -> None:
        self._cursor.close()

    async def setinputsizes(self, *sizes: Any) -> None:
        return None


class _ImmediateQueue:
    """SQLAlchemy sets the isolation level by queueing a function for aiosqlite's thread."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def put_nowait(self, item: tuple[Any, Any]) -> None:
        future, function = item
        try:
            function()
        except Exception as error:  # noqa: BLE001 - handed to the awaiting caller
            future.set_exception(error)
        else:
            future.set_result(None)


class Connection:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._conn = connection
        self._connection: sqlite3.Connection | None = connection
        self._tx = _ImmediateQueue(connection)

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    def cursor(self) -> Cursor:
        return Cursor(self._conn.cursor())

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        return await self.cursor().execute(sql, parameters)

    async def commit(self) -> None:
        self._conn.commit()

    async def rollback(self) -> None:
        self._conn.rollback()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    async def close(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()

    def stop(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()


class _Connecting:
    """What `aiosqlite.connect()` returns: awaitable, with a `_thread` SQLAlchemy touches."""

    def __init__(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self._args, self._kwargs = args, kwargs
        self._thread = SimpleNamespace(daemon=True)

    def __await__(self) -> Generator[Any, None, Connection]:
        if False:  # pragma: no cover - makes this a generator that never suspends
            yield
        kwargs = {**self._kwargs, "check_same_thread": False}
        return Connection(sqlite3.connect(*self._args, **kwargs))


def connect(*args: Any, **kwargs: Any) -> _Connecting:
    return _Connecting(args, kwargs)


def dbapi() -> AsyncAdapt_aiosqlite_dbapi:
    """The module object to pass as `create_async_engine(..., module=dbapi())`."""
    import sys

    return AsyncAdapt_aiosqlite_dbapi(sys.modules[__name__], sqlite3)  # type: ignore[arg-type]
