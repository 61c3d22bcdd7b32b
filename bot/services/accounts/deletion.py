"""Deleting the account, confirmed with the strongest proof it has; refused while a dispute of
the buyer is open."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import Purpose, SentCode, failure_key, issue_email_code
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.credentials import email_confirmed
from bot.services.accounts.sessions import TelegramProfile, add_guest
from bot.services.disputes.lists import refuse_if_any_dispute_open
from bot.services.errors import Blocked
from bot.services.events import EventKind, record_buyer_event
from bot.services.personal_data import erase_buyer_data


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
