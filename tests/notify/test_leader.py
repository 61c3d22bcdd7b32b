"""Only one process runs the jobs; when it goes away, another takes over."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable

import pytest

from bot.notify.leader import AlwaysLeader, Leadership, PostgresLeader, RedisLeader, as_leader
from tests.conftest import PG_URL, REDIS_URL

LeaderFactory = Callable[[], Leadership]


SHARED_BACKENDS = [kind for kind, url in (("postgres", PG_URL), ("redis", REDIS_URL)) if url]


@pytest.fixture(params=SHARED_BACKENDS)
async def leaders(request: pytest.FixtureRequest) -> AsyncIterator[LeaderFactory]:
    """Makes contenders as separate processes would have them (own connections)."""
    closers = []
    if request.param == "postgres":
        request.getfixturevalue("postgres_migrated")
        made: list[PostgresLeader] = []

        def make() -> Leadership:
            made.append(PostgresLeader(PG_URL))
            return made[-1]

        async def close_all() -> None:
            for leader in made:
                await leader.release()

        closers.append(close_all)
    else:
        from redis.asyncio import Redis

        import bot.notify.leader as module

        module_key = module.REDIS_KEY
        module.REDIS_KEY = f"test-leader-{uuid.uuid4().hex}"
        clients = []

        def make() -> Leadership:
            client = Redis.from_url(REDIS_URL)
            clients.append(client)
            return RedisLeader(client, ttl_ms=60_000)

        async def close() -> None:
            module.REDIS_KEY = module_key
            for client in clients:
                await client.aclose()

        closers.append(close)
    yield make
    for close in closers:
        await close()


async def _only_one_contender_leads_and_another_takes_over(leaders: LeaderFactory) -> None:
    first, second = leaders(), leaders()

    assert await first.acquire() is True
    assert await second.acquire() is False
    assert await first.acquire() is True  # still ours on the next tick

    await first.release()  # the leading process stops (or its connection drops)
    assert await second.acquire() is True
    assert await first.acquire() is False
    await second.release()


if SHARED_BACKENDS:  # with only SQLite there is one process, which always leads
    test_only_one_contender_leads_and_another_takes_over = (
        _only_one_contender_leads_and_another_takes_over
    )


async def test_jobs_run_only_in_the_leading_process() -> None:
    ran: list[str] = []

    async def job(name: str) -> None:
        ran.append(name)

    class Never:
        async def acquire(self) -> bool:
            return False

        async def release(self) -> None:
            return None

    await as_leader(AlwaysLeader(), job)("leader")
    await as_leader(Never(), job)("follower")
    assert ran == ["leader"]
