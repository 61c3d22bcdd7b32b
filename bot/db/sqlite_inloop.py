"""SQLite in the event loop's own thread, shaped like aiosqlite for SQLAlchemy's dialect.

aiosqlite hands every cursor call to a worker thread and back; on a small indexed query that
round trip costs about ten times the query itself, and SQLAlchemy makes four per statement.
An embedded bot reads a local file with queries of microseconds, so running them in place is
faster and simpler. SQLAlchemy's aiosqlite dialect is kept unchanged; only the module
underneath is swapped (`create_async_engine(..., module=...)`). `SQLITE_THREADED=1` restores
aiosqlite.

SQLite never waits inside the loop, so a write transaction held across an await (a password
hash in a thread, a network call) cannot freeze the bot:
- writers take turns on an asyncio lock, one per database file and event loop, taken before
  the first write statement (`BEGIN IMMEDIATE`) and released at commit or rollback; a writer
  that finds it taken awaits, and the loop keeps serving everyone else. Readers never take it
  (WAL lets them read while a write transaction is open);
- SQLite's own busy timeout is 0, and "database is locked" (another process writing to the
  same file: the API, a sender shard) is retried with `asyncio.sleep`, so the wait for another
  process happens off the loop too. Both waits give up after the connection's `timeout`
  (5 s by default, as SQLite's) with the usual OperationalError.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import sqlite3
import weakref
from collections.abc import Callable, Generator, Iterable, Sequence
from types import SimpleNamespace
from typing import Any, TypeVar

from sqlalchemy.dialects.sqlite.aiosqlite import AsyncAdapt_aiosqlite_dbapi

DatabaseError = sqlite3.DatabaseError
Error = sqlite3.Error
IntegrityError = sqlite3.IntegrityError
NotSupportedError = sqlite3.NotSupportedError
OperationalError = sqlite3.OperationalError
ProgrammingError = sqlite3.ProgrammingError
sqlite_version = sqlite3.sqlite_version
sqlite_version_info = sqlite3.sqlite_version_info

T = TypeVar("T")
DEFAULT_TIMEOUT = 5.0  # seconds, as sqlite3.connect's and SQLite's busy timeout
# Statements that open a transaction (sqlite3's "legacy" rule, and a savepoint) take the lock.
_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "SAVEPOINT")
_MAX_BACKOFF = 0.05
_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[object, asyncio.Lock]] = (
    weakref.WeakKeyDictionary()
)
_private = itertools.count()


def _write_lock(key: object) -> asyncio.Lock:
    """The lock all connections of this loop to one database file share."""
    per_loop = _locks.setdefault(asyncio.get_running_loop(), {})
    return per_loop.setdefault(key, asyncio.Lock())


def _database_key(database: Any, uri: bool) -> object:
    name = os.fspath(database)
    if name in {":memory:", ""} or (uri and "mode=memory" in name):
        return ("private", next(_private))  # a database of its own: nobody to wait for
    if uri and name.startswith("file:"):
        name = name[5:].split("?", 1)[0]
    return os.path.realpath(name)


def _is_busy(error: sqlite3.OperationalError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(error)


def _is_write(sql: str) -> bool:
    return sql.lstrip()[:7].upper().startswith(_WRITES)


async def _retry_busy(action: Callable[[], T], deadline: float) -> T:
    """Run ``action``; while another process holds the file, retry it, sleeping off the loop."""
    loop = asyncio.get_running_loop()
    delay = 0.001
    while True:
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not _is_busy(error) or loop.time() >= deadline:
                raise
        await asyncio.sleep(min(delay, max(0.0, deadline - loop.time())))
        delay = min(delay * 2, _MAX_BACKOFF)


class Cursor:
    """An async-looking wrapper whose coroutines finish without ever suspending."""

    def __init__(self, cursor: sqlite3.Cursor, connection: Connection) -> None:
        self._cursor = cursor
        self._connection = connection

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
        await self._connection.run(sql, lambda: self._cursor.execute(sql, parameters))
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> Cursor:
        rows = list(parameters)  # a retry must see them again
        await self._connection.run(sql, lambda: self._cursor.executemany(sql, rows))
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
    def __init__(self, connection: sqlite3.Connection, key: object, timeout: float) -> None:
        self._conn = connection
        self._connection: sqlite3.Connection | None = connection
        self._tx = _ImmediateQueue(connection)
        self._key = key
        self._timeout = timeout
        self._lock: asyncio.Lock | None = None  # set while this connection is the writer

    @property
    def isolation_level(self) -> str | None:
        return self._conn.isolation_level

    def cursor(self) -> Cursor:
        return Cursor(self._conn.cursor(), self)

    async def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Cursor:
        return await self.cursor().execute(sql, parameters)

    def _deadline(self) -> float:
        return asyncio.get_running_loop().time() + self._timeout

    async def _take_turn(self) -> asyncio.Lock:
        lock = _write_lock(self._key)
        try:
            async with asyncio.timeout(self._timeout):
                await lock.acquire()
        except TimeoutError:
            raise OperationalError("database is locked") from None
        return lock

    async def run(self, sql: str, statement: Callable[[], T]) -> T:
        """Run one statement; the first write of a transaction waits for its turn first."""
        if self._conn.in_transaction:
            try:
                return statement()
            finally:
                self._release_if_ended()
        if not _is_write(sql):
            try:
                return statement()
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise
            return await _retry_busy(statement, self._deadline())
        lock = await self._take_turn()
        if self._conn.isolation_level is None:  # autocommit: the statement is the transaction
            try:
                return await _retry_busy(statement, self._deadline())
            finally:
                lock.release()
        try:
            await _retry_busy(lambda: self._conn.execute("BEGIN IMMEDIATE"), self._deadline())
        except BaseException:
            lock.release()
            raise
        self._lock = lock
        try:
            return statement()
        finally:
            self._release_if_ended()

    def _release_if_ended(self) -> None:
        if self._lock is not None and not self._conn.in_transaction:
            lock, self._lock = self._lock, None
            lock.release()

    async def commit(self) -> None:
        try:
            await _retry_busy(self._conn.commit, self._deadline())
        finally:
            self._release_if_ended()

    async def rollback(self) -> None:
        try:
            self._conn.rollback()
        finally:
            self._release_if_ended()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        self._conn.create_function(*args, **kwargs)

    async def close(self) -> None:
        self.stop()

    def stop(self) -> None:
        if self._connection is not None:
            self._connection = None
            self._conn.close()
        if self._lock is not None:
            lock, self._lock = self._lock, None
            lock.release()


class _Connecting:
    """What `aiosqlite.connect()` returns: awaitable, with a `_thread` SQLAlchemy touches."""

    def __init__(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self._args, self._kwargs = args, kwargs
        self._thread = SimpleNamespace(daemon=True)

    def __await__(self) -> Generator[Any, None, Connection]:
        if False:  # pragma: no cover - makes this a generator that never suspends
            yield
        kwargs = {**self._kwargs, "check_same_thread": False}
        timeout = float(kwargs.pop("timeout", DEFAULT_TIMEOUT))
        database = self._args[0] if self._args else kwargs["database"]
        key = _database_key(database, bool(kwargs.get("uri")))
        # SQLite's own busy wait would spin inside the loop: the waits above replace it.
        return Connection(sqlite3.connect(*self._args, **kwargs, timeout=0), key, timeout)


def connect(*args: Any, **kwargs: Any) -> _Connecting:
    return _Connecting(args, kwargs)


def dbapi() -> AsyncAdapt_aiosqlite_dbapi:
    """The module object to pass as `create_async_engine(..., module=dbapi())`."""
    import sys

    return AsyncAdapt_aiosqlite_dbapi(sys.modules[__name__], sqlite3)  # type: ignore[arg-type]
