"""Recording what happened to pushes, many outcomes per transaction ("group commit").

Each outcome is written right after Telegram answered, by one background writer: while it
commits, the next outcomes gather and go in its next transaction. So the time between
Telegram accepting a push and the row saying "sent" stays one short commit (a crash in that
window is the only way a push can go twice), while a thousand pushes a second cost a few
dozen transactions instead of a thousand.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.db.uow import UnitOfWork

logger = logging.getLogger(__name__)
GATHER_AT_LEAST = 32
GATHER_FOR = 0.003  # seconds


@dataclass(frozen=True)
class Sent:
    row_ids: list[int]
    at: datetime


@dataclass(frozen=True)
class Dropped:
    """Never to be sent (muted, too old, subject gone, refused for good)."""

    row_ids: list[int]
    at: datetime
    reason: str


@dataclass(frozen=True)
class Retry:
    row_ids: list[int]
    when: datetime
    reason: str
    attempt: bool


@dataclass(frozen=True)
class Unreachable:
    """The buyer blocked the bot: stop sending to them, keep the rows for when they return."""

    user_id: int
    row_ids: list[int]
    at: datetime


Outcome = Sent | Dropped | Retry | Unreachable


class OutcomeLedger:
    """`record()` returns at once; `close()` returns when everything recorded is committed."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = session_factory
        self._pending: list[Outcome] = []
        self._wake = asyncio.Event()
        self._closing = False
        self._writer: asyncio.Task[None] | None = None

    def record(self, outcome: Outcome) -> None:
        self._pending.append(outcome)
        self._wake.set()
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_loop())

    async def close(self) -> None:
        self._closing = True
        self._wake.set()
        if self._writer is not None:
            await self._writer
        elif self._pending:
            await self._write(self._take())

    def _take(self) -> list[Outcome]:
        outcomes, self._pending = self._pending, []
        return outcomes

    async def _write_loop(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            if len(self._pending) < GATHER_AT_LEAST and not self._closing:
                # A moment for more outcomes to join: fewer, larger transactions at broadcast
                # rates, for a window that stays a few milliseconds.
                await asyncio.sleep(GATHER_FOR)
            if self._pending:
                await self._write(self._take())
            if self._closing and not self._pending:
                return

    async def _write(self, outcomes: list[Outcome]) -> None:
        """One transaction; on a database error the rows stay leased and are retried when
        the lease runs out (a push may then go twice, never be lost)."""
        try:
            async with UnitOfWork(self._sessions) as uow:
                await _apply(uow, outcomes)
                await uow.commit()
        except Exception:
            logger.exception("Could not record %s push outcomes", len(outcomes))


async def _apply(uow: UnitOfWork, outcomes: list[Outcome]) -> None:
    sent: list[int] = []
    sent_at: datetime | None = None
    for outcome in outcomes:
        if isinstance(outcome, Sent):
            # One statement for the batch; the times differ by the few ms it gathered over.
            sent.extend(outcome.row_ids)
            sent_at = outcome.at if sent_at is None else max(sent_at, outcome.at)
        elif isinstance(outcome, Dropped):
            await uow.outbox.mark_failed(outcome.row_ids, outcome.at, outcome.reason)
        elif isinstance(outcome, Retry):
            await uow.outbox.retry_at(
                outcome.row_ids, outcome.when, outcome.reason, attempt=outcome.attempt
            )
        else:
            await uow.users.mark_unreachable(outcome.user_id, outcome.at)
            await uow.outbox.retry_at(
                outcome.row_ids, outcome.at, "blocked by the user", attempt=True
            )
    if sent_at is not None:
        await uow.outbox.mark_sent(sent, sent_at)
