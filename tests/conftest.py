"""Shared fixtures: a fixed clock, migrated databases (SQLite always, PostgreSQL when asked),
and the real dispatcher wired to a fake Telegram."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
from collections.abc import AsyncIterator, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiogram import Bot, Dispatcher
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.utils.i18n import I18n
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from bot.app import Database, build_bot, build_dispatcher
from bot.clock import FixedClock
from bot.config import Settings
from bot.db.engine import build_engine, build_session_factory
from bot.db.migrate import upgrade
from bot.db.models import Base
from bot.db.uow import UnitOfWork
from bot.fake_telegram import ChatClient, FakeBotAPI, FakeSession
from bot.i18n import build_i18n
from bot.notify.mail import LogMailer

START = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
# pytest-xdist runs the suite in worker processes gw0, gw1, ...: each gets a PostgreSQL
# database and a Redis database of its own, so no worker truncates or flushes another's data.
WORKER = os.environ.get("PYTEST_XDIST_WORKER")


def for_worker_database(url: str | None, worker: str | None = WORKER) -> str | None:
    """The worker's own PostgreSQL database: `<name>_gwN` on the same server."""
    if url is None or worker is None:
        return url
    parsed = make_url(url)
    return parsed.set(database=f"{parsed.database}_{worker}").render_as_string(hide_password=False)


def for_worker_redis(url: str | None, worker: str | None = WORKER) -> str | None:
    """The worker's own Redis database: index base + N + 1 (base 0: gw0 uses 1, gw1 uses 2)."""
    if url is None or worker is None:
        return url
    head, _, index = url.rstrip("/").rpartition("/")
    if not index.isdigit():  # no index given: base 0
        head, index = url.rstrip("/"), "0"
    return f"{head}/{int(index) + int(worker.removeprefix('gw')) + 1}"


PG_URL = for_worker_database(os.environ.get("TEST_DATABASE_URL"))
REDIS_URL = for_worker_redis(os.environ.get("TEST_REDIS_URL"))
TABLES = tuple(table.name for table in reversed(Base.metadata.sorted_tables))


def free_port() -> int:
    """A TCP port nobody listens on right now, to meet a server that is down. A server a test
    starts binds port 0 instead, and says which port it got: tests run in parallel."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_settings(**overrides: Any) -> Settings:
    """Settings isolated from the developer's environment and `.env`."""
    values: dict[str, Any] = {
        "bot_token": None,
        "database_url": "sqlite+aiosqlite:///:memory:",
        "redis_url": None,
        "default_locale": "en",
        "default_timezone": "UTC",
        "demo_data": False,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def _run_in_thread(coro: Coroutine[Any, Any, None]) -> None:
    """Session set-up may be first requested from inside a test's running event loop."""
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, coro).result()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file, copied for each test (migrating every time is slow)."""
    path = tmp_path_factory.mktemp("template") / "template.db"

    async def migrate() -> None:
        engine = build_engine(f"sqlite+aiosqlite:///{path}")
        await upgrade(engine)
        await engine.dispose()

    _run_in_thread(migrate())
    return path


async def _create_database_if_missing(url: str) -> None:
    """CREATE DATABASE for a worker's database the first time the suite runs in parallel."""
    wanted = make_url(url).database
    server = create_async_engine(
        make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT"
    )
    try:
        async with server.connect() as conn:
            found = await conn.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": wanted}
            )
            if found is None:
                await conn.execute(text(f'CREATE DATABASE "{wanted}"'))
    finally:
        await server.dispose()


@pytest.fixture(scope="session")
def postgres_migrated() -> str:
    """This worker's PostgreSQL test database, created if missing, reset and migrated once
    per run."""
    assert PG_URL is not None

    async def reset() -> None:
        if WORKER is not None:
            await _create_database_if_missing(PG_URL)
        engine = build_engine(PG_URL)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await upgrade(engine)
        await engine.dispose()

    _run_in_thread(reset())
    return PG_URL


def _backends() -> list[str]:
    kinds = ["sqlite", "sqlite-threaded"]
    return [*kinds, "postgres"] if PG_URL else kinds


async def _open(kind: str, request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    if kind.startswith("sqlite"):
        path = tmp_path / "test.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        engine = build_engine(f"sqlite+aiosqlite:///{path}", sqlite_threaded=kind != "sqlite")
    else:
        engine = build_engine(request.getfixturevalue("postgres_migrated"))
        async with engine.begin() as conn:
            await _empty_postgres(conn)
    return Database(engine, build_session_factory(engine))


async def _empty_postgres(conn: AsyncConnection) -> None:
    """Every table empty and every id counting from its start again, as TRUNCATE ... RESTART
    IDENTITY leaves them: DELETE, children first, is ~30x faster on a test's few rows (TRUNCATE
    makes new files for each of the tables and their indexes)."""
    for table in TABLES:
        await conn.execute(text(f"DELETE FROM {table}"))
    await conn.execute(
        text(
            "SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, start_value,"
            " false) FROM pg_sequences WHERE schemaname = current_schema()"
        )
    )


@pytest.fixture(params=_backends())
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated database: SQLite in the loop and through aiosqlite's thread, and PostgreSQL
    too when TEST_DATABASE_URL is set."""
    db = await _open(request.param, request, tmp_path)
    yield db
    await db.dispose()


@pytest.fixture
async def sqlite_database(
    request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[Database]:
    db = await _open("sqlite", request, tmp_path)
    yield db
    await db.dispose()


@pytest.fixture
def uow(database: Database) -> UnitOfWork:
    return UnitOfWork(database.session_factory)


class JsonMemoryStorage(MemoryStorage):
    """Memory FSM storage that round-trips data through JSON, as Redis would."""

    async def set_data(self, key: StorageKey, data: dict[str, Any]) -> None:
        await super().set_data(key, json.loads(json.dumps(data)))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        return json.loads(json.dumps(await super().get_data(key)))


@pytest.fixture(scope="session")
def i18n() -> I18n:
    return build_i18n("en")


class BotHarness:
    """The production dispatcher, a fake Telegram, and a way to make buyers."""

    def __init__(
        self, settings: Settings, database: Database, clock: FixedClock, i18n: I18n
    ) -> None:
        self.settings = settings
        self.database = database
        self.clock = clock
        self.server = FakeBotAPI(clock=lambda: clock.now().timestamp())
        self.bot: Bot = build_bot(settings, FakeSession(self.server))
        # The mails the bot sent, to read codes from (with SMTP_URL set: a real SMTP server's).
        self.mailer = LogMailer() if settings.smtp_url is None else None
        self.dispatcher: Dispatcher = build_dispatcher(
            settings,
            database,
            clock=clock,
            i18n=i18n,
            storage=JsonMemoryStorage(),
            events_isolation=SimpleEventIsolation(),
            mailer=self.mailer,
        )

    def buyer(
        self, telegram_id: int = 1001, language_code: str | None = "en", name: str = "Anna"
    ) -> ChatClient:
        return ChatClient(
            self.dispatcher,
            self.bot,
            self.server,
            telegram_id,
            first_name=name,
            language_code=language_code,
        )

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.database.session_factory)


@pytest.fixture
async def harness(
    sqlite_database: Database, clock: FixedClock, i18n: I18n
) -> AsyncIterator[BotHarness]:
    built = BotHarness(make_settings(), sqlite_database, clock, i18n)
    yield built
    await built.bot.session.close()


@pytest.fixture
def make_harness(
    sqlite_database: Database, clock: FixedClock, i18n: I18n
) -> Callable[..., BotHarness]:
    """A harness with custom settings (e.g. DEMO_DATA=1)."""

    def build(**overrides: Any) -> BotHarness:
        return BotHarness(make_settings(**overrides), sqlite_database, clock, i18n)

    return build
