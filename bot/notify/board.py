"""Pushes waiting per chat, and the workers that send them.

A chat is in at most one worker's hands at a time, so its pushes keep their order and their
one-second spacing; after each push the chat goes to the back of the line, so one busy chat
waits out its spacing without holding the other chats back. Batches can be added while the
workers are busy with the previous one.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable

from bot.notify.batch import Job

logger = logging.getLogger(__name__)

# Sends the chat's next job (and may settle the rest of them); returns how many it took off.
SendNext = Callable[[deque[Job]], Awaitable[int]]


class ChatBoard:
    def __init__(self, send_next: SendNext, workers: int) -> None:
        self._send_next = send_next
        self._worker_count = max(1, workers)
        self._by_chat: dict[int, deque[Job]] = {}
        self._line: asyncio.Queue[int] = asyncio.Queue()
        self._workers: list[asyncio.Task[None]] = []
        self._waiting = 0
        self._progress = asyncio.Event()

    def add(self, jobs: list[Job]) -> None:
        for job in jobs:
            chat = job.user.telegram_id or 0
            pending = self._by_chat.get(chat)
            if pending is None:
                pending = self._by_chat[chat] = deque()
                self._line.put_nowait(chat)
            pending.append(job)
            self._waiting += 1
        if jobs and not self._workers:
            self._workers = [asyncio.create_task(self._work()) for _ in range(self._worker_count)]

    async def wait_below(self, count: int) -> None:
        """Return once fewer than `count` jobs are waiting to be sent."""
        while self._waiting >= count:
            self._progress.clear()
            await self._progress.wait()

    async def join(self) -> None:
        await self._line.join()

    async def close(self) -> None:
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)

    async def _work(self) -> None:
        while True:
            chat = await self._line.get()
            pending = self._by_chat[chat]
            try:
                taken = await self._send_next(pending)
            except Exception:  # a bug: the job's rows stay leased and come back later
                logger.exception("Sending a push to chat %s failed", chat)
                taken = 1
            self._waiting -= taken
            if pending:
                self._line.put_nowait(chat)
            else:
                del self._by_chat[chat]
            self._line.task_done()
            self._progress.set()
