"""One process runs the scheduled jobs: whoever holds the lock; another takes over if it dies.

PostgreSQL: a session advisory lock, held by a connection kept open for the process' life, so
the lock goes away with the process. Redis: a key with a short TTL that the leader refreshes.
SQLite is one process by nature: that process always leads.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

logger = logging.getLogger(__name__)
LOCK_KEY = 0x43414249  # "CABI"
SENDER_LOCK_KEY = 0x43414300  # + the shard: one lock per push-sender shard
REDIS_KEY = "cabinet:scheduler-leader"
REFRESH = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('pexpire', KEYS[1], ARGV[2])
end
return 0
"""


class Leadership(Protocol):
    async def acquire(self) -> bool: ...

    async def release(self) -> None: ...


class AlwaysLeader:
    async def acquire(self) -> bool:
        return True

    async def release(self) -> None:
        return None


class PostgresLeader:
    """Its own unpooled connection: a pooled one would keep the lock after release, and would
    let another contender in this process reuse the session that holds it."""

    def __init__(self, url: str, key: int = LOCK_KEY) -> None:
        self._engine: AsyncEngine = create_async_engine(url, poolclass=NullPool)
        self._connection: AsyncConnection | None = None
        self._key = key

    async def acquire(self) -> bool:
        """True while this process holds the lock (checked, and taken if free, on each call)."""
        try:
            if self._connection is not None:
                await self._connection.execute(select(1))
                return True
            connection = await self._engine.connect()
            taken = await connection.scalar(select(func.pg_try_advisory_lock(self._key)))
            await connection.commit()
            if taken:
                self._connection = connection
                logger.info("This process now holds lock %#x", self._key)
                return True
            await connection.close()
            return False
        except Exception:  # noqa: BLE001 - a lost connection means a lost lock
            logger.warning("Leader lock connection lost", exc_info=True)
            await self.release()
            return False

    async def release(self) -> None:
        """Closing the session frees the lock; the engine may be used again afterwards."""
        if self._connection is not None:
            connection, self._connection = self._connection, None
            try:
                await connection.close()
            except Exception:  # noqa: BLE001
                logger.debug("Closing the leader connection failed", exc_info=True)
        await self._engine.dispose()


class RedisLeader:
    def __init__(self, redis: Any, ttl_ms: int = 15_000, key: str = REDIS_KEY) -> None:
        self._redis = redis
        self._key = key
        self._ttl_ms = ttl_ms
        self._token = secrets.token_hex(16)

    async def acquire(self) -> bool:
        if await self._redis.eval(REFRESH, 1, self._key, self._token, self._ttl_ms):
            return True
        return bool(await self._redis.set(self._key, self._token, nx=True, px=self._ttl_ms))

    async def release(self) -> None:
        await self._redis.eval(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end "
            "return 0",
            1,
            self._key,
            self._token,
        )


def as_leader(
    leadership: Leadership, job: Callable[..., Awaitable[Any]]
) -> Callable[..., Awaitable[Any]]:
    """The job, run only while this process leads."""

    async def run(*args: Any, **kwargs: Any) -> Any:
        if await leadership.acquire():
            return await job(*args, **kwargs)
        return None

    run.__name__ = getattr(job, "__name__", "job")
    return run
