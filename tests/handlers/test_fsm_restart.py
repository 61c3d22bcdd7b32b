"""A half-done search survives a restart with Redis FSM storage, and says so without it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable

import pytest
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.fsm.storage.memory import MemoryStorage, SimpleEventIsolation
from aiogram.fsm.storage.redis import DefaultKeyBuilder, RedisEventIsolation, RedisStorage
from aiogram.utils.i18n import I18n

from bot.app import Database, build_bot, build_dispatcher
from bot.clock import FixedClock
from bot.fake_telegram import ChatClient, FakeBotAPI, FakeSession
from tests.conftest import REDIS_URL, make_settings
from tests.factories import make_buyer, make_order

StorageFactory = Callable[[], tuple[BaseStorage, BaseEventIsolation]]


@pytest.fixture(params=["memory", "redis"] if REDIS_URL else ["memory"])
async def storages(request: pytest.FixtureRequest) -> AsyncIterator[tuple[str, StorageFactory]]:
    """Makes the storage a freshly started bot process would have."""
    made: list[BaseStorage] = []
    prefix = f"test-{uuid.uuid4().hex}"

    def make() -> tuple[BaseStorage, BaseEventIsolation]:
        if request.param == "memory":
            storage: BaseStorage = MemoryStorage()
            isolation: BaseEventIsolation = SimpleEventIsolation()
        else:
            assert REDIS_URL is not None
            redis_storage = RedisStorage.from_url(
                REDIS_URL, key_builder=DefaultKeyBuilder(prefix=prefix)
            )
            storage, isolation = redis_storage, RedisEventIsolation(redis_storage.redis)
        made.append(storage)
        return storage, isolation

    yield request.param, make
    for storage in made:
        await storage.close()


async def test_search_results_survive_a_restart_only_with_redis(
    storages: tuple[str, StorageFactory],
    sqlite_database: Database,
    clock: FixedClock,
    i18n: I18n,
) -> None:
    kind, make_storage = storages
    settings = make_settings()
    user = await make_buyer(_uow(sqlite_database), 1001, clock.now())
    for day in range(7):
        await make_order(
            _uow(sqlite_database), user, clock.now(), title=f"Cable {day}", days_ago=day
        )
    server = FakeBotAPI(clock=lambda: clock.now().timestamp())
    bot = build_bot(settings, FakeSession(server))

    def start_process() -> ChatClient:
        storage, isolation = make_storage()
        dispatcher = build_dispatcher(
            settings,
            sqlite_database,
            clock=clock,
            i18n=i18n,
            storage=storage,
            events_isolation=isolation,
        )
        return ChatClient(dispatcher, bot, server, 1001)

    before = start_process()
    await before.send("/orders")
    await before.press("🔎 Search")
    await before.send("cable")
    assert "Page 1 of 2" in before.screen

    after = start_process()
    await after.press("Next ▶️")

    if kind == "redis":
        assert "Page 2 of 2" in after.screen and "Cable 6" in after.screen
        await after.send("cable 1")
        assert "1 order found" in after.screen
    else:
        assert after.last_answer["text"] == (
            "This search has expired. Type what you are looking for again."
        )
        assert "Send an order number" in after.screen
    await bot.session.close()


def _uow(database: Database):
    from bot.db.uow import UnitOfWork

    return UnitOfWork(database.session_factory)
