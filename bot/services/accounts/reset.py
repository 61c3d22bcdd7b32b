"""Forgot password: a code to the account's confirmed e-mail, then a new password.

Nothing here tells whether an address has an account: an unknown or unconfirmed address is
answered as a known one, its mail budgets spent all the same.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import Purpose, SentCode, failure_key, issue_email_code
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.credentials import email_confirmed
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


async def request_reset(
    uow: UnitOfWork, limits: CodeLimits, telegram_id: int, email: str, now: datetime
) -> SentCode | None:
    """A reset code for the account with this confirmed e-mail; None when there is none (the
    buyer is told the same either way, and the mail budgets are spent either way, so running
    out of them does not tell either)."""
    account = await resettable_account(uow, email)
    if account is None:
        await limits.spend_mail(uow, telegram_id, email, now)
        return None
    return await issue_email_code(uow, limits, telegram_id, account.id, Purpose.RESET, email, now)


async def finish_reset(
    uow: UnitOfWork, email: str, telegram_id: int, password_hash: str, now: datetime
) -> User | None:
    """Set the new password if a reset code for this e-mail was checked in the last minutes;
    every other device is signed out, this chat signed in, the sign-in lock lifted."""
    async with uow:
        account = await uow.users.by_email(email)
        if account is None or not is_account(account) or not email_confirmed(account):
            return None
        cutoff = now - VERIFIED_FOR
        recent = await uow.email_codes.used_since(account.id, Purpose.RESET.value, cutoff)
        if not recent:
            return None
        for code in recent:
            code.payload = {**code.payload, "spent": True}
        account.password_hash = password_hash
        await uow.sign_in_failures.forget(failure_key(email))
        await sign_out_others(uow, account, keep=None)
        await sign_in(uow, telegram_id, account, Method.PASSWORD, now)
        await uow.commit()
        return account
