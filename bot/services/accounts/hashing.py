"""The queue in front of argon2: every password check and every new password hash of the bot
waits its turn here, with no database connection held, or is turned away at once.

A hash costs tens of milliseconds of CPU and 64 MiB, so only `slots` run at a time (one per
core, `passwords.MAX_PARALLEL_HASHES`). Whoever waits for one must not hold anything others
need: a ticket ends the caller's transaction first (`UnitOfWork.release`), so a flood of
sign-ins can never take the connections a bystander's /orders needs. Tickets are bounded too:
- one per subject (the Telegram user): a chat whose previous password is still being checked
  is told to wait a moment instead of queueing a second check. (Event isolation already hands
  a chat's updates over one at a time; the ticket keeps the bound without it as well.)
- `slots + waiting` in all: beyond that the buyer is asked to try again in a few seconds, and
  nothing is counted against them or the e-mail.

The queue lives in the process: with several bot processes, each has its own. What must hold
across processes (the per-user budget of checks, the lockout per e-mail) is kept in the
database by `bot.services.accounts.auth`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

from bot.db.uow import UnitOfWork
from bot.services.accounts import passwords
from bot.services.accounts.errors import PasswordCheckBusy, PasswordQueueFull

DEFAULT_WAITING = 32


class PasswordQueue:
    """At most `slots` hashes at once, `waiting` more queued, one per subject."""

    def __init__(
        self, waiting: int = DEFAULT_WAITING, slots: int = passwords.MAX_PARALLEL_HASHES
    ) -> None:
        self._slots = asyncio.Semaphore(slots)
        self._capacity = slots + waiting
        self._subjects: set[int] = set()
        self.running = 0  # hashes being computed now
        self.waiting = 0  # tickets waiting for a slot

    @property
    def tickets(self) -> int:
        """Checks under way: computing, waiting for a slot, or reading and recording."""
        return len(self._subjects)

    @contextmanager
    def ticket(self, subject: int) -> Iterator[Ticket]:
        """A place in the queue for `subject`, or PasswordCheckBusy / PasswordQueueFull."""
        if subject in self._subjects:
            raise PasswordCheckBusy
        if len(self._subjects) >= self._capacity:
            raise PasswordQueueFull
        self._subjects.add(subject)
        try:
            yield Ticket(self)
        finally:
            self._subjects.discard(subject)

    @asynccontextmanager
    async def turn(self, uow: UnitOfWork) -> AsyncIterator[None]:
        """A slot, waited for (and then held) with the caller's transaction ended."""
        await uow.release()
        self.waiting += 1
        try:
            await self._slots.acquire()
        finally:
            self.waiting -= 1
        self.running += 1
        try:
            yield
        finally:
            self.running -= 1
            self._slots.release()


class Ticket:
    """What a ticket holder may do: hash or verify, each in a slot, off the event loop."""

    def __init__(self, queue: PasswordQueue) -> None:
        self._queue = queue

    async def verify(
        self, uow: UnitOfWork, stored_hash: str | None, password: str
    ) -> passwords.PasswordVerification:
        async with self._queue.turn(uow):
            return await passwords.verify_password_async(stored_hash, password)

    async def hash(self, uow: UnitOfWork, password: str) -> str:
        async with self._queue.turn(uow):
            return await passwords.hash_password_async(password)


async def hash_new_password(
    uow: UnitOfWork, queue: PasswordQueue, subject: int, password: str
) -> str:
    """The hash of a password being set (sign-up, reset, change), made in the queue."""
    with queue.ticket(subject) as ticket:
        return await ticket.hash(uow, password)
