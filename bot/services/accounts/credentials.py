"""Changing what proves who the buyer is (a forgotten or new password, a new e-mail), and
deleting the account."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import (
    Purpose,
    SentCode,
    SignInOutcome,
    SignInResult,
    failed_check,
    failure_key,
    issue_email_code,
    reserve_check,
)
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.codes import DEFAULT_LOCKOUT
from bot.services.accounts.hashing import PasswordQueue
from bot.services.accounts.sessions import (
    Method,
    TelegramProfile,
    add_guest,
    is_account,
    sign_in,
)
from bot.services.disputes.lists import refuse_if_any_dispute_open
from bot.services.errors import Blocked
from bot.services.events import EventKind, record_buyer_event
from bot.services.personal_data import erase_buyer_data
from bot.services.profile import record_profile_change

VERIFIED_FOR = timedelta(minutes=15)  # a checked reset code lets a new password in this long


async def account_by_email(uow: UnitOfWork, email: str) -> User | None:
    async with uow:
        user = await uow.users.by_email(email)
        return user if is_account(user) else None


def email_confirmed(account: User) -> bool:
    """A code mailed to the address came back (a sign-up, a change or a confirmation); an
    address the marketplace set is not, until then: it may not be the buyer's, so it never
    resets the password."""
    return account.email is not None and account.email_verified_at is not None


def needs_confirming(account: User) -> bool:
    return account.email is not None and account.email_verified_at is None


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


async def _sign_out_others(uow: UnitOfWork, account: User, keep: int | None) -> int:
    gone = 0
    for session in await uow.sessions.of_user(account.id):
        if session.telegram_id != keep:
            await uow.sessions.delete(session)
            gone += 1
    await uow.users.flush()
    return gone


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
        await _sign_out_others(uow, account, keep=None)
        await sign_in(uow, telegram_id, account, Method.PASSWORD, now)
        await uow.commit()
        return account


async def change_password(
    uow: UnitOfWork, account: User, telegram_id: int, password_hash: str, now: datetime
) -> int:
    """The new password; other devices are signed out. Returns how many were."""
    async with uow:
        account.password_hash = password_hash
        gone = await _sign_out_others(uow, account, keep=telegram_id)
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
) -> SignInResult:
    """The current password, before changing it: wrong ones count toward the same lock as
    wrong sign-ins (and the same checks per Telegram user), so this form is no side door for
    guessing. Checked as a sign-in is: reserved first, verified with no connection held."""
    key = failure_key(account.email or f"user:{account.id}")
    stored = account.password_hash
    with queue.ticket(telegram_id) as ticket:
        reservation = await reserve_check(uow, telegram_id, key, now, DEFAULT_LOCKOUT)
        if reservation.refused is not None:
            return reservation.refused
        verdict = await ticket.verify(uow, stored, password)
        if not verdict.matches:
            return failed_check(reservation, now, DEFAULT_LOCKOUT)
        async with uow:
            await uow.sign_in_failures.forget(key)
            await uow.commit()
        return SignInResult(SignInOutcome.OK, account=account)


class DeletionProof(StrEnum):
    """What deleting the account asks for: the strongest proof the account has."""

    PASSWORD = "password"  # noqa: S105 - a kind of proof, not a secret
    EMAIL_CODE = "code"  # no password: a code mailed to the confirmed e-mail
    WORD = "word"  # neither: the Telegram user signed in is all the proof there is


def deletion_proof(account: User) -> DeletionProof:
    if account.password_hash is not None:
        return DeletionProof.PASSWORD
    if email_confirmed(account):
        return DeletionProof.EMAIL_CODE
    return DeletionProof.WORD


async def check_account_deletable(uow: UnitOfWork, account: User) -> DeletionProof:
    """Before the warning: as on the marketplace, not while a dispute of the buyer is open
    (a refund may be in progress, and nobody could answer the seller for them). Says which
    proof the confirmation asks for."""
    async with uow:
        await refuse_if_any_dispute_open(uow, account.id, Blocked.DELETE_ACCOUNT)
    return deletion_proof(account)


async def send_deletion_code(
    uow: UnitOfWork, limits: CodeLimits, telegram_id: int, account: User, now: datetime
) -> SentCode | None:
    """A code to the confirmed e-mail that confirms deleting the account; None without one."""
    if account.email is None or not email_confirmed(account):
        return None
    return await issue_email_code(
        uow, limits, telegram_id, account.id, Purpose.DELETE_ACCOUNT, account.email, now
    )


async def delete_account(
    uow: UnitOfWork, account: User, profile: TelegramProfile, now: datetime
) -> User:
    """Forget the buyer: every row of theirs that bot/services/personal_data lists goes or is
    blanked (profile, addresses, codes, coupons, settings, texts to sellers and in disputes,
    feedback and complaints, notices, pushes and the marketplace's undelivered events), and
    every session ends; orders stay for the marketplace, without a name or a street (the
    country is kept for its records). Refused while a dispute is open. Returns the guest this
    chat becomes."""
    async with uow:
        await refuse_if_any_dispute_open(uow, account.id, Blocked.DELETE_ACCOUNT)
        # Wrong passwords are kept by a hash of the address (or of the account, without one).
        for key in {account.email or "", f"user:{account.id}"}:
            await uow.sign_in_failures.forget(failure_key(key))
        await erase_buyer_data(uow, account.id)
        account.deleted_at = now
        # After the erasure, so the marketplace hears of it in full (ids only, as it is).
        record_buyer_event(uow, EventKind.ACCOUNT_DELETED, account, now)
        await uow.users.flush()
        guest = await add_guest(uow, profile, now)
        await uow.commit()
        return guest
