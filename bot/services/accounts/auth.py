"""Signing in with an e-mail and a password, and the e-mail codes that confirm an address
(signing up, a forgotten password, a new e-mail, deleting the account).

Nothing here ever stores or returns a password or a code in clear: passwords become argon2id
hashes, codes HMACs (codes.py). Wrong passwords are counted per e-mail, whether
or not an account has it, so neither the answers nor the lockout tell which addresses exist.
An attempt is counted before it is checked, and checks are counted per Telegram user too;
the check itself waits in `bot.services.accounts.hashing`'s queue with no database connection held.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.db.models import EmailCode, User
from bot.db.uow import UnitOfWork
from bot.services import budgets
from bot.services.accounts import codes
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.errors import (
    CodeNotAccepted,
    NoCodeWaiting,
    PasswordChecksExhausted,
    PasswordRefused,
    SignInLocked,
    WrongCredentials,
)
from bot.services.accounts.hashing import PasswordQueue
from bot.services.accounts.sessions import Method, is_account, sign_in
from bot.services.budgets import Budget

EMAIL = re.compile(r"^[^@\s<>\"(),;:]{1,64}@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:.]{2,}$")
CODE_KEY_ROW = "email_codes"  # the app_secrets row holding the key


class Purpose(StrEnum):
    SIGN_UP = "signup"
    RESET = "reset"
    NEW_EMAIL = "new_email"  # also the current address, to confirm it
    DELETE_ACCOUNT = "delete_account"


def normalize_email(text: str) -> str | None:
    """The address as stored (trimmed, lower case), or None when it is not an address."""
    email = text.strip().casefold()
    return email if len(email) <= 254 and EMAIL.match(email) else None


def mask_email(email: str) -> str:
    """a***@example.com: enough to recognise, not enough to harvest."""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


async def code_secret(uow: UnitOfWork, now: datetime) -> bytes:
    """The key that hashes e-mail codes: made on first use and kept in the database."""
    async with uow:
        stored = await uow.app_secrets.value(CODE_KEY_ROW)
        if stored is not None:
            return bytes.fromhex(stored)
        value = await uow.app_secrets.keep(CODE_KEY_ROW, secrets.token_hex(32), now)
        await uow.commit()
        return bytes.fromhex(value)


# -- e-mail codes ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SentCode:
    """What the handler mails; the code itself never reaches the database or the log."""

    email: str
    code: str
    expires_at: datetime


async def issue_email_code(  # noqa: PLR0913 - the limits and the clock are injected
    uow: UnitOfWork,
    limits: CodeLimits,
    telegram_id: int,
    user_id: int,
    purpose: Purpose,
    email: str,
    now: datetime,
    payload: dict[str, str] | None = None,
) -> SentCode:
    """A fresh code for `purpose`, within the mail budgets (CodeMailsSpent otherwise).

    Earlier codes of the same purpose stop working: they are closed and marked spent, so
    being closed is never taken for having come back right (which a password reset needs).
    """
    await limits.spend_mail(uow, telegram_id, email, now)
    secret = await code_secret(uow, now)
    async with uow:
        for old in await uow.email_codes.open_of(user_id, purpose.value):
            old.used_at = now
            old.payload = {**old.payload, "spent": True}
        issued = codes.issue_code(now, secret=secret, context=f"{purpose.value}:{email}")
        uow.email_codes.add(
            EmailCode(
                user_id=user_id,
                purpose=purpose.value,
                email=email,
                code_hash=issued.code_hash,
                payload=payload or {},
                attempts=0,
                created_at=now,
                expires_at=issued.expires_at,
            )
        )
        await uow.commit()
        return SentCode(email, issued.code, issued.expires_at)


async def check_email_code(  # noqa: PLR0913 - the limits and the clock are injected
    uow: UnitOfWork,
    limits: CodeLimits,
    telegram_id: int,
    user_id: int,
    purpose: Purpose,
    typed: str,
    now: datetime,
) -> EmailCode:
    """Check the latest open code; the code, used up, when it was right. A well-formed code is
    a guess: it is spent from the guess budgets first (CodeGuessesSpent when they are used
    up), then counted on the code by one conditional UPDATE, so simultaneous guesses all
    count; a right one is used up (once). Refused with NoCodeWaiting or CodeNotAccepted."""
    secret = await code_secret(uow, now)
    async with uow:
        waiting = await uow.email_codes.open_of(user_id, purpose.value)
    if not waiting:
        raise NoCodeWaiting
    code = waiting[-1]
    refused = codes.refusal_before_guess(
        code.expires_at, code.attempts, codes.MAX_ATTEMPTS, now, typed
    )
    if refused is not None:
        raise not_accepted(refused)
    account_id = None if purpose is Purpose.SIGN_UP else user_id  # a guest has no account
    await limits.spend_guess(uow, telegram_id, code.email, account_id, now)
    async with uow:
        attempts = await uow.email_codes.take_attempt(code.id, codes.MAX_ATTEMPTS)
        check = None
        if attempts is not None:
            check = codes.verify_code(
                code.code_hash,
                code.expires_at,
                attempts - 1,
                codes.MAX_ATTEMPTS,
                now,
                typed,
                secret=secret,
                context=f"{purpose.value}:{code.email}",
            )
        used = check is not None and check.ok and await uow.email_codes.use(code.id, now)
        await uow.commit()
    if check is None:  # the last tries went to simultaneous guesses, or it was used
        await limits.refund_guess(uow, telegram_id, code.email, account_id, now)  # unchecked
        raise CodeNotAccepted(codes.CodeOutcome.TOO_MANY_ATTEMPTS, 0)
    if not check.ok:
        raise not_accepted(check)
    if not used:
        raise NoCodeWaiting  # a simultaneous request used it: ask for a new one
    await limits.refund_guess(uow, telegram_id, code.email, account_id, now)
    return code


def not_accepted(check: codes.CodeCheck) -> CodeNotAccepted:
    """The refusal of a code the rules turned down."""
    return CodeNotAccepted(check.outcome, check.attempts_left)


# -- sign-in --------------------------------------------------------------------------------


def failure_key(email: str) -> str:
    return hashlib.sha256(email.encode()).hexdigest()


# Password checks per Telegram user, whichever e-mails they try: the lockout counts per
# e-mail, so without this one chat could guess at a thousand addresses an hour.
PASSWORD_CHECKS = Budget("password_checks", limit=20, window=timedelta(hours=1))


@dataclass(frozen=True)
class Reservation:
    """An attempt counted as failed before its check (a right password clears the count, a
    check that never finishes stays counted)."""

    failure_id: int
    earlier: list[datetime]


async def reserve_check(
    uow: UnitOfWork, telegram_id: int, key: str, now: datetime, policy: codes.LockoutPolicy
) -> Reservation:
    """Spend one of the Telegram user's checks and reserve the attempt against the lock on
    `key`, both before the (slow) check, so simultaneous attempts cannot outrun either.

    Each commits at once, so the next attempt sees it; an attempt the lock refuses is taken
    back and its check refunded (it was never checked), and SignInLocked raised.
    """
    charge = [(PASSWORD_CHECKS, str(telegram_id))]
    spending = await budgets.spend(uow, charge, now)
    if not spending.allowed:
        raise PasswordChecksExhausted(spending.resets_at, PASSWORD_CHECKS.limit)
    async with uow:
        failure_id, earlier = await uow.sign_in_failures.reserve(key, now, now - policy.window)
        lockout = codes.sign_in_lockout(earlier, now, policy)
        if not lockout.locked:
            await uow.commit()
            return Reservation(failure_id, earlier)
        await uow.sign_in_failures.withdraw(failure_id)
        await uow.commit()
    await budgets.refund(uow, charge, now)
    assert lockout.until is not None  # a lock that holds has an end
    raise SignInLocked(lockout.until)


def wrong_password(
    reservation: Reservation, now: datetime, policy: codes.LockoutPolicy
) -> PasswordRefused:
    """The refusal of a wrong password, whose failure the reservation already recorded: the
    tries left, or the lock it brought on."""
    lockout = codes.sign_in_lockout([*reservation.earlier, now], now, policy)
    if lockout.locked:
        assert lockout.until is not None  # a lock that holds has an end
        return SignInLocked(lockout.until)
    return WrongCredentials(attempts_left=max(0, policy.threshold - lockout.failures))


async def sign_in_with_password(  # noqa: PLR0913 - the queue and the clock are injected
    uow: UnitOfWork,
    queue: PasswordQueue,
    telegram_id: int,
    email: str,
    password: str,
    now: datetime,
    policy: codes.LockoutPolicy = codes.DEFAULT_LOCKOUT,
) -> User:
    """Check the password in the queue, holding no connection while argon2 runs; the account
    signed in, or WrongCredentials / SignInLocked.

    Three short steps: reserve (the per-user budget, the attempt against the lock, the stored
    hash); verify in a worker thread with no transaction open; on success sign in, forget the
    failures and store a fresh hash if the parameters changed.
    """
    key = failure_key(email)
    with queue.ticket(telegram_id) as ticket:
        reservation = await reserve_check(uow, telegram_id, key, now, policy)
        async with uow:
            account = await uow.users.by_email(email)
            stored = account.password_hash if is_account(account) and account else None
        verdict = await ticket.verify(uow, stored, password)
        if not verdict.matches or account is None:
            raise wrong_password(reservation, now, policy)
        rehashed = await ticket.hash(uow, password) if verdict.needs_rehash else None
        async with uow:
            fresh = await uow.users.fresh(account.id)
            if fresh is not None and fresh.password_hash == stored:
                if rehashed is not None:
                    fresh.password_hash = rehashed
                await uow.sign_in_failures.forget(key)
                await sign_in(uow, telegram_id, fresh, Method.PASSWORD, now)
                await uow.commit()
                return fresh
        # The password changed meanwhile. Raised after the transaction: leaving it by an
        # exception would roll back and expire the rows the caller still shows (the buyer).
        raise wrong_password(reservation, now, policy)


async def email_taken(uow: UnitOfWork, email: str, by: User | None = None) -> bool:
    """Whether an account (other than `by`) has this e-mail."""
    async with uow:
        owner = await uow.users.by_email(email)
        return owner is not None and (by is None or owner.id != by.id)
