"""Changing what proves who the buyer is, from the profile: the password or the e-mail (and
confirming an e-mail nobody confirmed yet)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import (
    Purpose,
    SentCode,
    check_email_code,
    email_taken,
    failure_key,
    issue_email_code,
    reserve_check,
    wrong_password,
)
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.codes import DEFAULT_LOCKOUT
from bot.services.accounts.errors import EmailRequired, EmailTaken, SameEmail
from bot.services.accounts.hashing import PasswordQueue, hash_new_password
from bot.services.accounts.passwords import check_strength_async
from bot.services.accounts.sessions import sign_out_others
from bot.services.profile import record_profile_change


def email_confirmed(account: User) -> bool:
    """A code mailed to the address came back (a sign-up, a change or a confirmation); an
    address the marketplace set is not, until then: it may not be the buyer's, so it never
    resets the password."""
    return account.email is not None and account.email_verified_at is not None


def needs_confirming(account: User) -> bool:
    """An e-mail nobody confirmed yet (the marketplace set it): the e-mail screen offers to."""
    return account.email is not None and account.email_verified_at is None


class PasswordProof(StrEnum):
    """What changing the password asks for first."""

    CURRENT_PASSWORD = "current"  # noqa: S105 - a kind of proof; or a code to the e-mail
    EMAIL_CODE = "code"  # no password yet: a code to the e-mail proves it is them


def password_change_proof(account: User) -> PasswordProof:
    """EmailRequired without an e-mail: a password signs in together with one."""
    if account.email is None:
        raise EmailRequired
    if account.password_hash is None:
        return PasswordProof.EMAIL_CODE
    return PasswordProof.CURRENT_PASSWORD


async def send_password_code(
    uow: UnitOfWork, limits: CodeLimits, telegram_id: int, account: User, now: datetime
) -> SentCode:
    """A code to the account's e-mail that stands in for the current password."""
    if account.email is None:
        raise EmailRequired
    return await issue_email_code(
        uow, limits, telegram_id, account.id, Purpose.RESET, account.email, now
    )


async def check_password_code(  # noqa: PLR0913 - the limits and the clock are injected
    uow: UnitOfWork, limits: CodeLimits, telegram_id: int, account: User, typed: str, now: datetime
) -> None:
    """The code `send_password_code` mailed, typed back (CodeRefused otherwise)."""
    await check_email_code(uow, limits, telegram_id, account.id, Purpose.RESET, typed, now)


async def change_password(  # noqa: PLR0913 - the queue and the clock are injected
    uow: UnitOfWork,
    queue: PasswordQueue,
    account: User,
    telegram_id: int,
    password: str,
    now: datetime,
) -> int:
    """The new password, rated (WeakPassword) and hashed in the queue; other devices are
    signed out. Returns how many were."""
    await check_strength_async(password, [account.email, account.first_name])
    password_hash = await hash_new_password(uow, queue, telegram_id, password)
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
    and counts as confirmed, only once the code comes back. Refused for the address the
    account has confirmed already (SameEmail) and for another account's (EmailTaken)."""
    if email == account.email and not needs_confirming(account):
        raise SameEmail(email)
    if await email_taken(uow, email, by=account):
        raise EmailTaken(email)
    return await issue_email_code(
        uow, limits, telegram_id, account.id, Purpose.NEW_EMAIL, email, now
    )


@dataclass(frozen=True)
class EmailChange:
    """The account's e-mail once a code came back from it; `confirmed_only` when it was the
    account's already, and is now confirmed."""

    email: str
    confirmed_only: bool


async def confirm_email_change(  # noqa: PLR0913 - the limits and the clock are injected
    uow: UnitOfWork, limits: CodeLimits, telegram_id: int, account: User, typed: str, now: datetime
) -> EmailChange:
    """The code mailed by `start_email_change`, typed back (CodeRefused otherwise), makes its
    address the account's, confirmed (EmailTaken when someone took it meanwhile)."""
    purpose = Purpose.NEW_EMAIL
    code = await check_email_code(uow, limits, telegram_id, account.id, purpose, typed, now)
    confirmed_only = code.email == account.email
    await finish_email_change(uow, account, code.email, now)
    return EmailChange(code.email, confirmed_only)


async def finish_email_change(uow: UnitOfWork, account: User, email: str, now: datetime) -> None:
    """The e-mail a code came back from becomes the account's, confirmed; EmailTaken when
    someone else took the address meanwhile."""
    async with uow:
        owner = await uow.users.by_email(email)
        if owner is None or owner.id == account.id:
            changed = account.email != email
            account.email = email
            account.email_verified_at = now
            if changed:
                record_profile_change(uow, account, now, email=email)
            await uow.commit()
            return
    # Raised after the transaction: leaving it by an exception would roll back and expire
    # the rows the caller still shows (the buyer).
    raise EmailTaken(email)


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
