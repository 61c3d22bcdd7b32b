"""Changing what proves who the buyer is, from the profile: the password or the e-mail (and
confirming an e-mail nobody confirmed yet)."""

from __future__ import annotations

from datetime import datetime

from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import (
    Purpose,
    SentCode,
    failure_key,
    issue_email_code,
    reserve_check,
    wrong_password,
)
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.codes import DEFAULT_LOCKOUT
from bot.services.accounts.hashing import PasswordQueue
from bot.services.accounts.sessions import sign_out_others
from bot.services.profile import record_profile_change


def email_confirmed(account: User) -> bool:
    """A code mailed to the address came back (a sign-up, a change or a confirmation); an
    address the marketplace set is not, until then: it may not be the buyer's, so it never
    resets the password."""
    return account.email is not None and account.email_verified_at is not None


def needs_confirming(account: User) -> bool:
    return account.email is not None and account.email_verified_at is None


async def change_password(
    uow: UnitOfWork, account: User, telegram_id: int, password_hash: str, now: datetime
) -> int:
    """The new password; other devices are signed out. Returns how many were."""
    async with uow:
        account.password_hash = password_hash
        gone = await sign_out_others(uow, account, keep=telegram_id)
        if account.telegram_id is not None and account.telegram_id != telegram_id:
            account.telegram_id = telegram_id
        await uow.commit()
        return gone


async def start_email_change(
    uow: UnitOfWork, limits: CodeLimits, telegram_id: int, account: User, email: str, now: datetime
) -> SentCode:
    """A code to the new address (or to the current one, to confirm it): the e-mail changes,
    and counts as confirmed, only once the code comes back."""
    return await issue_email_code(
        uow, limits, telegram_id, account.id, Purpose.NEW_EMAIL, email, now
    )


async def finish_email_change(uow: UnitOfWork, account: User, email: str, now: datetime) -> bool:
    """False when the address was taken by someone else meanwhile."""
    async with uow:
        owner = await uow.users.by_email(email)
        if owner is not None and owner.id != account.id:
            return False
        changed = account.email != email
        account.email = email
        account.email_verified_at = now
        if changed:
            record_profile_change(uow, account, now, email=email)
        await uow.commit()
        return True


async def verify_current_password(  # noqa: PLR0913 - the queue and the clock are injected
    uow: UnitOfWork,
    queue: PasswordQueue,
    account: User,
    telegram_id: int,
    password: str,
    now: datetime,
) -> None:
    """The current password, before changing it: wrong ones count toward the same lock as
    wrong sign-ins (and the same checks per Telegram user), so this form is no side door for
    guessing. Checked as a sign-in is: reserved first, verified with no connection held;
    refused with WrongCredentials or SignInLocked."""
    key = failure_key(account.email or f"user:{account.id}")
    stored = account.password_hash
    with queue.ticket(telegram_id) as ticket:
        reservation = await reserve_check(uow, telegram_id, key, now, DEFAULT_LOCKOUT)
        verdict = await ticket.verify(uow, stored, password)
        if not verdict.matches:
            raise wrong_password(reservation, now, DEFAULT_LOCKOUT)
        async with uow:
            await uow.sign_in_failures.forget(key)
            await uow.commit()
