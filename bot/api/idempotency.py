"""Idempotency-Key: a POST runs once per key, and its retries, simultaneous ones too, get the
answer it gave.

The first request with a key reserves it (one INSERT ... ON CONFLICT DO NOTHING, committed at
once), runs, and stores its answer in the transaction of its own changes: the answer is kept
exactly when the changes are. A request that finds the key reserved by the same request waits
for that answer (looking again every `POLL` seconds, for up to `WAIT`) and returns it; with
another body it is refused at once. A request that fails (a refusal, a crash) releases the
key, so that a retry runs it again; a reservation whose request died without releasing it is
taken over after `LEASE`. Time comes from the injected clock and waiting from an injected
`sleep`, so tests never wait for real.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.clock import Clock
from bot.db.models import IdempotencyRecord
from bot.db.uow import UnitOfWork

logger = logging.getLogger(__name__)
Sleep = Callable[[float], Awaitable[object]]
WAIT = timedelta(seconds=5)  # how long a retry waits for the answer of the key's request
POLL = 0.05  # seconds between two looks at the key
LEASE = timedelta(minutes=1)  # a reservation this old, with no answer, is a dead request's


@dataclass(frozen=True)
class Answer:
    """What a route answered: its status and JSON body."""

    status: int
    payload: Any


class KeyRefused(Exception):
    """The key cannot be used now: `reused` with another request, or still `in_progress`
    (its request runs longer than a retry waits)."""

    def __init__(self, reason: Literal["reused", "in_progress"]) -> None:
        super().__init__(reason)
        self.reason = reason


# Stores the answer in the request's own transaction (before it commits).
Keep = Callable[[UnitOfWork, Answer], Awaitable[None]]
Run = Callable[[Keep], Awaitable[Answer]]


class Replays:
    """The Idempotency-Keys of one API."""

    def __init__(
        self,
        session_factory: async_sessionmaker[AsyncSession],
        clock: Clock,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self._session_factory = session_factory
        self._clock = clock
        self._sleep = sleep

    async def once(self, key: str, request_hash: str, run: Run) -> tuple[Answer, bool]:
        """The answer for this key, and whether it is a replay: `run` runs only if this
        request gets the key; it must call the `Keep` it is given before it commits."""
        deadline = self._clock.now() + WAIT
        while True:
            record = await self._record(key)
            if record is not None and record.request_hash != request_hash:
                raise KeyRefused("reused")
            if record is not None and record.status_code is not None:
                return Answer(record.status_code, (record.body or {})["body"]), True
            if record is None or record.created_at < self._clock.now() - LEASE:
                reserved_at = await self._reserve(key, request_hash)
                if reserved_at is not None:
                    return await self._run(key, reserved_at, run), False
                continue  # another request took it first: look at what it holds
            if self._clock.now() >= deadline:
                raise KeyRefused("in_progress")
            await self._sleep(POLL)

    async def _reserve(self, key: str, request_hash: str) -> datetime | None:
        now = self._clock.now()
        async with UnitOfWork(self._session_factory) as uow:
            taken = await uow.idempotency.reserve(key, request_hash, now, now - LEASE)
            await uow.commit()
        return now if taken else None

    async def _record(self, key: str) -> IdempotencyRecord | None:
        async with UnitOfWork(self._session_factory) as uow:
            return await uow.idempotency.get(key)

    async def _run(self, key: str, reserved_at: datetime, run: Run) -> Answer:
        async def keep(uow: UnitOfWork, answer: Answer) -> None:
            body = {"body": answer.payload}
            if not await uow.idempotency.answer(key, reserved_at, answer.status, body):
                # Taken over as stale while this request ran: the taker runs it; this
                # request's changes are rolled back with the exception.
                raise KeyRefused("in_progress")

        try:
            return await run(keep)
        except BaseException:
            await self._release(key, reserved_at)
            raise

    async def _release(self, key: str, reserved_at: datetime) -> None:
        try:
            async with UnitOfWork(self._session_factory) as uow:
                await uow.idempotency.release(key, reserved_at)
                await uow.commit()
        except Exception:
            # The lease frees the key later; the request's own error is the one to answer.
            logger.exception("could not release an Idempotency-Key")
