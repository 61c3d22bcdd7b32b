"""The current password (before changing it) is checked as a sign-in is: reserved against the
lock first, so simultaneous guesses never outrun it, and with no transaction open."""

from __future__ import annotations

import asyncio

import pytest

from bot.app import Database
from bot.clock import FixedClock
from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts import credentials, passwords
from bot.services.accounts.codes import DEFAULT_LOCKOUT
from bot.services.accounts.errors import SignInLocked
from bot.services.accounts.hashing import PasswordQueue
from bot.services.accounts.passwords import PasswordVerification
from tests.factories import make_buyer
from tests.waiting import until

PASSWORD = "velvet-orbit-cactus-41"


async def account_with_password(database: Database, clock: FixedClock) -> User:
    async with UnitOfWork(database.session_factory) as uow:
        anna = await make_buyer(uow, 1001, clock.now())
        anna.email, anna.password_hash = "anna@example.com", passwords.hash_password(PASSWORD)
        await uow.commit()
        return anna


async def test_simultaneous_wrong_current_passwords_get_at_most_the_threshold_of_checks(
    database: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = await account_with_password(database, clock)
    gate, calls = asyncio.Event(), []

    async def held(stored: str | None, password: str, hasher: object = None) -> object:
        calls.append(password)
        await gate.wait()
        return PasswordVerification(matches=False)

    monkeypatch.setattr(passwords, "verify_password_async", held)
    queue = PasswordQueue(waiting=0, slots=12)
    attempts = [
        asyncio.create_task(
            credentials.verify_current_password(
                UnitOfWork(database.session_factory), queue, anna, 1001 + n, "guess", clock.now()
            )
        )
        for n in range(12)  # the account signed in on twelve devices, all guessing at once
    ]
    await until(lambda: len(calls) + sum(task.done() for task in attempts) == 12)
    gate.set()
    results = await asyncio.gather(*attempts, return_exceptions=True)

    assert len(calls) == DEFAULT_LOCKOUT.threshold
    outcomes = [type(result) for result in results]
    assert outcomes.count(SignInLocked) >= 12 - DEFAULT_LOCKOUT.threshold


async def test_the_current_password_is_checked_with_no_connection_held(
    database: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = await account_with_password(database, clock)
    uow = UnitOfWork(database.session_factory)
    seen: list[tuple[bool, int]] = []
    real = passwords.verify_password_async

    async def look(stored: str | None, password: str, hasher: object = None) -> object:
        seen.append((uow.session.in_transaction(), database.engine.pool.checkedout()))  # type: ignore[attr-defined]
        return await real(stored, password)

    monkeypatch.setattr(passwords, "verify_password_async", look)
    async with uow:  # as in an update: the buyer was read, so a transaction is open
        assert await uow.users.by_id(anna.id) is not None
        await credentials.verify_current_password(  # raises nothing: the password matched
            uow, PasswordQueue(), anna, 1001, PASSWORD, clock.now()
        )

    assert seen == [(False, 0)]
