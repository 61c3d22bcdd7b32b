"""The argon2 queue: one check per Telegram user, a bounded wait, and no transaction open
while a hash waits or runs."""

from __future__ import annotations

import asyncio

import pytest

from bot.app import Database
from bot.db.uow import UnitOfWork
from bot.services.accounts import passwords
from bot.services.accounts.errors import PasswordCheckBusy, PasswordQueueFull
from bot.services.accounts.hashing import PasswordQueue, hash_new_password
from tests.waiting import until


async def test_a_chat_with_a_check_under_way_gets_no_second_one() -> None:
    queue = PasswordQueue(waiting=10, slots=2)
    with queue.ticket(1001):
        with pytest.raises(PasswordCheckBusy), queue.ticket(1001):
            pass
        with queue.ticket(1002):  # another chat is served
            assert queue.tickets == 2
    with queue.ticket(1001):  # and once the first is done, the chat may try again
        assert queue.tickets == 1


async def test_beyond_the_waiting_limit_checks_are_refused_at_once() -> None:
    queue = PasswordQueue(waiting=1, slots=1)
    with queue.ticket(1), queue.ticket(2), pytest.raises(PasswordQueueFull), queue.ticket(3):
        pass
    with queue.ticket(3):
        assert queue.tickets == 1


async def test_a_new_password_is_hashed_with_no_transaction_open(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    uow = UnitOfWork(database.session_factory)
    seen: list[tuple[bool, int]] = []

    async def hash_and_look(password: str, hasher: object = None) -> str:
        seen.append((uow.session.in_transaction(), database.engine.pool.checkedout()))  # type: ignore[attr-defined]
        return "$argon2id$stub"

    monkeypatch.setattr(passwords, "hash_password_async", hash_and_look)
    async with uow:
        assert await uow.users.by_telegram_id(1001) is None  # a read: a transaction begins
        assert uow.session.in_transaction()
        stored = await hash_new_password(uow, PasswordQueue(), 1001, "velvet-orbit-cactus-41")

    assert stored == "$argon2id$stub"
    assert seen == [(False, 0)]  # no transaction, no connection taken from the pool


async def test_at_most_the_slots_run_at_once_and_the_rest_wait(
    monkeypatch: pytest.MonkeyPatch, uow: UnitOfWork
) -> None:
    queue = PasswordQueue(waiting=10, slots=2)
    gate = asyncio.Event()

    async def held(password: str, hasher: object = None) -> str:
        await gate.wait()
        return "$argon2id$stub"

    monkeypatch.setattr(passwords, "hash_password_async", held)
    hashes = [
        asyncio.create_task(hash_new_password(uow, queue, chat, "velvet-orbit-cactus-41"))
        for chat in range(5)
    ]
    await until(lambda: queue.running + queue.waiting == 5)
    assert (queue.running, queue.waiting, queue.tickets) == (2, 3, 5)
    gate.set()
    assert await asyncio.gather(*hashes) == ["$argon2id$stub"] * 5
    assert (queue.running, queue.waiting, queue.tickets) == (0, 0, 0)
