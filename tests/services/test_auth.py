"""Password sign-in under attack: each attempt is reserved against the lock before it is
checked (so simultaneous guesses never outrun it), a Telegram user gets a budget of checks
whatever e-mails they try, and nothing holds a connection while argon2 runs."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.app import Database
from bot.clock import FixedClock
from bot.db.uow import UnitOfWork
from bot.services import budgets
from bot.services.accounts import auth, passwords
from bot.services.accounts.auth import PASSWORD_CHECKS
from bot.services.accounts.codes import DEFAULT_LOCKOUT
from bot.services.accounts.errors import (
    PasswordChecksExhausted,
    PasswordQueueFull,
    SignInLocked,
    WrongCredentials,
)
from bot.services.accounts.hashing import PasswordQueue
from bot.services.accounts.passwords import PasswordVerification
from tests.factories import make_buyer
from tests.waiting import until

EMAIL = "anna@example.com"
PASSWORD = "velvet-orbit-cactus-41"


async def give_password(uow: UnitOfWork, telegram_id: int, clock: FixedClock) -> None:
    async with uow:
        anna = await make_buyer(uow, telegram_id, clock.now())
        anna.email, anna.password_hash = EMAIL, passwords.hash_password(PASSWORD)
        await uow.commit()


class CountedChecks:
    """A stand-in for argon2 that counts checks, and holds them until the gate opens."""

    def __init__(self, gate: asyncio.Event | None = None) -> None:
        self.calls = 0
        self.gate = gate

    async def __call__(
        self, stored: str | None, password: str, hasher: object = None
    ) -> PasswordVerification:
        self.calls += 1
        if self.gate is not None:
            await self.gate.wait()
        return PasswordVerification(matches=stored is not None and password == PASSWORD)


async def test_simultaneous_wrong_passwords_for_one_email_get_at_most_the_threshold_of_checks(
    database: Database, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twelve Telegram users send a wrong password for one e-mail at the same moment: five
    are checked (the lock's threshold), the other seven are told it is locked."""
    await give_password(UnitOfWork(database.session_factory), 9000, clock)
    checks = CountedChecks(asyncio.Event())
    monkeypatch.setattr(passwords, "verify_password_async", checks)
    queue = PasswordQueue(waiting=0, slots=12)  # nothing waits for a slot: all may overlap

    async def attempt(telegram_id: int) -> Exception:
        uow = UnitOfWork(database.session_factory)
        try:
            await auth.sign_in_with_password(
                uow, queue, telegram_id, EMAIL, "wrong-guess", clock.now()
            )
        except (WrongCredentials, SignInLocked) as refused:
            return refused
        raise AssertionError("a wrong password signed in")

    attempts = [asyncio.create_task(attempt(1000 + n)) for n in range(12)]
    # Every attempt is either being checked or answered: all the checks overlap.
    await until(lambda: checks.calls + sum(task.done() for task in attempts) == 12)
    checks.gate.set()  # type: ignore[union-attr]
    results = await asyncio.gather(*attempts)

    assert checks.calls == DEFAULT_LOCKOUT.threshold
    outcomes = [type(result) for result in results]
    assert outcomes.count(SignInLocked) >= 12 - DEFAULT_LOCKOUT.threshold
    assert set(outcomes) <= {WrongCredentials, SignInLocked}
    # The right password waits for the lock like everybody else.
    with pytest.raises(SignInLocked):
        await auth.sign_in_with_password(
            UnitOfWork(database.session_factory), queue, 1100, EMAIL, PASSWORD, clock.now()
        )


async def test_a_right_password_signs_in_and_forgets_the_wrong_ones(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    await give_password(uow, 9000, clock)
    queue = PasswordQueue()
    for left in (4, 3):
        with pytest.raises(WrongCredentials) as wrong:
            await auth.sign_in_with_password(uow, queue, 1001, EMAIL, "nope", clock.now())
        assert wrong.value.attempts_left == left

    right = await auth.sign_in_with_password(uow, queue, 1001, EMAIL, PASSWORD, clock.now())

    assert right is not None and right.email == EMAIL
    async with uow:
        assert await uow.sessions.buyer_of(1001) is not None  # signed in in this chat
    with pytest.raises(WrongCredentials) as again:
        await auth.sign_in_with_password(uow, queue, 1002, EMAIL, "nope", clock.now())
    assert again.value.attempts_left == 4  # the count started again


async def test_a_telegram_user_gets_twenty_checks_an_hour_whatever_emails_they_try(
    uow: UnitOfWork, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    checks = CountedChecks()
    monkeypatch.setattr(passwords, "verify_password_async", checks)
    queue = PasswordQueue()
    for n in range(PASSWORD_CHECKS.limit):
        with pytest.raises(WrongCredentials):
            await auth.sign_in_with_password(
                uow, queue, 1001, f"victim{n}@example.com", "guess", clock.now()
            )

    with pytest.raises(PasswordChecksExhausted) as refused:
        await auth.sign_in_with_password(uow, queue, 1001, "fresh@example.com", "x", clock.now())

    hour = PASSWORD_CHECKS.window_start(clock.now()) + timedelta(hours=1)
    assert refused.value.until == hour
    assert checks.calls == PASSWORD_CHECKS.limit  # the refused one was never checked
    with pytest.raises(WrongCredentials):  # another Telegram user has their own
        await auth.sign_in_with_password(uow, queue, 1002, "a@example.com", "x", clock.now())
    clock.set(hour)
    with pytest.raises(WrongCredentials):
        await auth.sign_in_with_password(uow, queue, 1001, "more@example.com", "x", hour)


async def test_an_attempt_the_lock_refuses_costs_no_check(
    uow: UnitOfWork, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(passwords, "verify_password_async", CountedChecks())
    queue = PasswordQueue()
    for _ in range(DEFAULT_LOCKOUT.threshold):
        with pytest.raises((WrongCredentials, SignInLocked)):
            await auth.sign_in_with_password(uow, queue, 1001, EMAIL, "nope", clock.now())
    left = PASSWORD_CHECKS.limit - DEFAULT_LOCKOUT.threshold

    with pytest.raises(SignInLocked) as locked:
        await auth.sign_in_with_password(uow, queue, 1001, EMAIL, PASSWORD, clock.now())

    assert locked.value.until == clock.now() + DEFAULT_LOCKOUT.first_lock
    assert await budgets.left(uow, PASSWORD_CHECKS, "1001", clock.now()) == left
    async with uow:  # and the lock is not made longer by it
        failures = await uow.sign_in_failures.since(
            auth.failure_key(EMAIL), clock.now() - DEFAULT_LOCKOUT.window
        )
    assert len(failures) == DEFAULT_LOCKOUT.threshold


async def test_a_check_refused_by_a_full_queue_counts_nothing(
    uow: UnitOfWork, clock: FixedClock
) -> None:
    queue = PasswordQueue(waiting=0, slots=1)
    with queue.ticket(2002), pytest.raises(PasswordQueueFull):
        await auth.sign_in_with_password(uow, queue, 1001, EMAIL, "nope", clock.now())

    assert await budgets.left(uow, PASSWORD_CHECKS, "1001", clock.now()) == PASSWORD_CHECKS.limit
    async with uow:
        assert (
            await uow.sign_in_failures.since(
                auth.failure_key(EMAIL), clock.now() - timedelta(days=1)
            )
            == []
        )
