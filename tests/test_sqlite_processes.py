"""Two processes on one SQLite file (the bot and `python -m bot api`, or sender shards): while
the other process writes, the bot waits for the file off the event loop and keeps serving."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.app import Database
from bot.db.engine import build_engine, build_session_factory
from bot.db.uow import UnitOfWork
from tests.conftest import START
from tests.factories import make_buyer

BUDGET = 0.1  # seconds on the loop's clock

# The other process: takes the file's write lock, says so, and commits when told to.
HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
sys.stdin.readline()
connection.execute("COMMIT")
print("released", flush=True)
"""


class OtherProcess:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.process: asyncio.subprocess.Process | None = None

    async def hold(self) -> None:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            HOLDER,
            str(self.path),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )
        assert self.process.stdout is not None
        assert await self.process.stdout.readline() == b"holding\n"

    async def release(self) -> None:
        assert self.process is not None and self.process.stdin is not None
        assert self.process.stdout is not None
        self.process.stdin.write(b"go\n")
        await self.process.stdin.drain()
        assert await self.process.stdout.readline() == b"released\n"
        assert await self.process.wait() == 0


async def open_file_database(path: Path, **connect_args: float) -> Database:
    engine = build_engine(f"sqlite+aiosqlite:///{path}", connect_args=connect_args)
    return Database(engine, build_session_factory(engine))


@pytest.fixture
def db_file(sqlite_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "shared.db"
    shutil.copy(sqlite_template, path)
    return path


async def test_the_bot_keeps_serving_while_another_process_writes(db_file: Path) -> None:
    database = await open_file_database(db_file)
    loop = asyncio.get_running_loop()
    other = OtherProcess(db_file)
    try:
        async with database.engine.connect() as conn:
            mode = (await conn.execute(text("PRAGMA journal_mode"))).scalar()
        assert mode == "wal"  # readers read while a writer holds the file
        await make_buyer(UnitOfWork(database.session_factory), 6, START)  # warm: mappers, SQL
        await other.hold()

        write = asyncio.create_task(make_buyer(UnitOfWork(database.session_factory), 7, START))
        started = loop.time()
        await asyncio.sleep(0.01)  # the write reaches its INSERT and waits for the file
        async with UnitOfWork(database.session_factory) as uow:  # another buyer's screen
            assert await uow.users.by_telegram_id(1) is None
        read_in = loop.time() - started
        assert not write.done()  # the write waits for the other process ...
        await other.release()
        buyer = await write  # ... and lands once it is done

        assert read_in < BUDGET
        async with UnitOfWork(database.session_factory) as uow:
            found = await uow.users.by_telegram_id(7)
            assert found is not None and found.id == buyer.id
    finally:
        if other.process is not None and other.process.returncode is None:
            other.process.kill()
            await other.process.wait()
        await database.dispose()


async def test_a_write_that_waits_longer_than_the_timeout_fails_without_freezing_the_loop(
    db_file: Path,
) -> None:
    database = await open_file_database(db_file, timeout=0.2)
    loop = asyncio.get_running_loop()
    other = OtherProcess(db_file)
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.01)

    ticker = asyncio.create_task(tick())
    try:
        await other.hold()
        started = loop.time()
        with pytest.raises(OperationalError, match="database is locked"):
            await make_buyer(UnitOfWork(database.session_factory), 7, START)
        waited = loop.time() - started
        assert 0.2 <= waited < 1.0
        assert ticks >= 5  # the loop ran other coroutines all along
        await other.release()
        await make_buyer(UnitOfWork(database.session_factory), 7, START)  # and works again
    finally:
        ticker.cancel()
        if other.process is not None and other.process.returncode is None:
            other.process.kill()
            await other.process.wait()
        await database.dispose()
