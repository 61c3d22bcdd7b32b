"""Forgot password: a code to the account's confirmed e-mail, then a new password.

Nothing here tells whether an address has an account: an unknown or unconfirmed address is
answered as a known one, its mail budgets spent all the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import (
    Purpose,
    SentCode,
    check_email_code,
    failure_key,
    issue_email_code,
    not_accepted,
)
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.codes import CODE_TTL, MAX_ATTEMPTS, CodeOutcome, refusal_before_guess
from bot.services.accounts.credentials import email_confirmed
from bot.services.accounts.errors import CodeNotAccepted, NoCodeWaiting
from bot.services.accounts.hashing import PasswordQueue, hash_new_password
from bot.services.accounts.passwords import check_strength_async
from bot.services.accounts.sessions import Method, is_account, sign_in, sign_out_others

VERIFIED_FOR = timedelta(minutes=15)  # a checked reset code lets a new password in this long


async def account_by_email(uow: UnitOfWork, email: str) -> User | None:
    async with uow:
        user = await uow.users.by_email(email)
        return user if is_account(user) else None


async def resettable_account(uow: UnitOfWork, email: str) -> User | None:
    """The account whose confirmed e-mail this is; None for an unknown or unconfirmed one,
    which the reset form answers exactly like an unknown address."""
    account = await account_by_email(uow, email)
    return account if account is not None and email_confirmed(account) else None


@dataclass(frozen=True)
class DecoyCode:
    """The code the form acts as if it mailed when no account has the address confirmed: it
    expires and runs out of tries as a real one does, and is never right. The form keeps it
    between its steps."""

    expires_at: datetime
    attempts_left: int = MAX_ATTEMPTS


@dataclass(frozen=True)
class ResetCode:
    """What asking for a reset code did: the code to mail (None when no account has the
    address confirmed, so nothing goes out), and the decoy the form keeps either way."""

    sent: SentCode | None
    decoy: DecoyCode


async def request_reset(
    uow: UnitOfWork, limits: CodeLimits, telegram_id: int, email: str, now: datetime
) -> ResetCode:
    """A reset code for the account with this confirmed e-mail, if there is one (the buyer is
    told the same either way, and the mail budgets are spent either way, so running out of
    them does not tell either)."""
    decoy = DecoyCode(expires_at=now + CODE_TTL)
    account = await resettable_account(uow, email)
    if account is None:
        await limits.spend_mail(uow, telegram_id, email, now)
        return ResetCode(None, decoy)
    sent = await issue_email_code(uow, limits, telegram_id, account.id, Purpose.RESET, email, now)
    return ResetCode(sent, decoy)


async def check_reset_code(  # noqa: PLR0913 - the limits and the clock are injected
    uow: UnitOfWork,
    limits: CodeLimits,
    telegram_id: int,
    email: str,
    typed: str,
    decoy: DecoyCode,
    now: datetime,
) -> None:
    """The typed code, refused as any code is (CodeRefused, CodeGuessesSpent). Without an
    account, or with the address unconfirmed, there is no code: the decoy answers exactly as
    a code that is never right would, tries and budgets included, so the form does not tell
    who has one."""
    account = await resettable_account(uow, email)
    if account is not None:
        await check_email_code(uow, limits, telegram_id, account.id, Purpose.RESET, typed, now)
        return
    attempts = MAX_ATTEMPTS - decoy.attempts_left
    refused = refusal_before_guess(decoy.expires_at, attempts, MAX_ATTEMPTS, now, typed)
    if refused is not None:
        raise not_accepted(refused)
    await limits.spend_guess(uow, telegram_id, email, None, now)
    raise CodeNotAccepted(CodeOutcome.WRONG, decoy.attempts_left - 1)


async def set_new_password(  # noqa: PLR0913 - the queue and the clock are injected
    uow: UnitOfWork,
    queue: PasswordQueue,
    email: str,
    telegram_id: int,
    password: str,
    now: datetime,
) -> User:
    """The new password after a checked reset code: rated (WeakPassword), hashed in the queue,
    then set by `finish_reset`. Returns the account this chat is now signed in to."""
    account = await resettable_account(uow, email)
    await check_strength_async(password, [email, account.first_name if account else None])
    password_hash = await hash_new_password(uow, queue, telegram_id, password)
    return await finish_reset(uow, email, telegram_id, password_hash, now)


async def finish_reset(
    uow: UnitOfWork, email: str, telegram_id: int, password_hash: str, now: datetime
) -> User:
    """Set the new password if a reset code for this e-mail was checked in the last minutes
    (NoCodeWaiting otherwise); every other device is signed out, this chat signed in, the
    sign-in lock lifted. Returns the account."""
    async with uow:
        account = await uow.users.by_email(email)
        if account is not None and is_account(account) and email_confirmed(account):
            cutoff = now - VERIFIED_FOR
            checked = await uow.email_codes.used_since(account.id, Purpose.RESET.value, cutoff)
            if checked:
                for code in checked:
                    code.payload = {**code.payload, "spent": True}
                account.password_hash = password_hash
                await uow.sign_in_failures.forget(failure_key(email))
                await sign_out_others(uow, account, keep=None)
                await sign_in(uow, telegram_id, account, Method.PASSWORD, now)
                await uow.commit()
                return account
    # Raised after the transaction: leaving it by an exception would roll back and expire
    # the rows the caller still shows (the buyer).
    raise NoCodeWaiting
