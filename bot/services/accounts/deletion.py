"""Deleting the account, confirmed with the strongest proof it has; refused while a dispute of
the buyer is open."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import (
    Purpose,
    SentCode,
    check_email_code,
    failure_key,
    issue_email_code,
)
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.credentials import email_confirmed, verify_current_password
from bot.services.accounts.errors import DeletionWordMismatch
from bot.services.accounts.hashing import PasswordQueue
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


@dataclass(frozen=True)
class DeletionScreen:
    """The warning before deleting: the proof it asks for, whether a code to the confirmed
    e-mail may stand in for the password, and the code to mail when a code is the proof
    (None when the address can take none: it is no longer confirmed)."""

    proof: DeletionProof
    can_send_code: bool
    sent: SentCode | None = None


def deletion_screen(account: User) -> DeletionScreen:
    """What confirming asks for: the strongest proof the account has."""
    if account.password_hash is not None:
        proof = DeletionProof.PASSWORD
    elif email_confirmed(account):
        proof = DeletionProof.EMAIL_CODE
    else:
        proof = DeletionProof.WORD
    return DeletionScreen(proof, can_send_code=email_confirmed(account))


async def start_deletion(  # noqa: PLR0913 - the limits and the clock are injected
    uow: UnitOfWork,
    limits: CodeLimits,
    telegram_id: int,
    account: User,
    now: datetime,
    *,
    code_instead: bool = False,
) -> DeletionScreen:
    """Before the warning: as on the marketplace, not while a dispute of the buyer is open
    (a refund may be in progress, and nobody could answer the seller for them). The proof is
    the strongest the account has, or a code when the buyer asked for one instead of the
    password; a code is issued when it is the proof."""
    async with uow:
        await refuse_if_any_dispute_open(uow, account.id, Blocked.DELETE_ACCOUNT)
    screen = deletion_screen(account)
    if code_instead:
        screen = replace(screen, proof=DeletionProof.EMAIL_CODE)
    if screen.proof is DeletionProof.EMAIL_CODE and screen.can_send_code and account.email:
        purpose = Purpose.DELETE_ACCOUNT
        sent = await issue_email_code(
            uow, limits, telegram_id, account.id, purpose, account.email, now
        )
        screen = replace(screen, sent=sent)
    return screen


async def delete_with_password(  # noqa: PLR0913 - the queue and the clock are injected
    uow: UnitOfWork,
    queue: PasswordQueue,
    account: User,
    profile: TelegramProfile,
    password: str,
    now: datetime,
) -> User:
    """The current password (checked as a sign-in is: WrongCredentials, SignInLocked) proves
    it is the buyer; then `delete_account`."""
    telegram_id = profile.telegram_id
    await verify_current_password(uow, queue, account, telegram_id, password, now)
    return await delete_account(uow, account, profile, now)


async def delete_with_code(  # noqa: PLR0913 - the limits and the clock are injected
    uow: UnitOfWork,
    limits: CodeLimits,
    account: User,
    profile: TelegramProfile,
    typed: str,
    now: datetime,
) -> User:
    """The code `start_deletion` issued, typed back (CodeRefused otherwise); then
    `delete_account`."""
    purpose = Purpose.DELETE_ACCOUNT
    await check_email_code(uow, limits, profile.telegram_id, account.id, purpose, typed, now)
    return await delete_account(uow, account, profile, now)


async def delete_with_word(  # noqa: PLR0913 - the word is the view's, translated
    uow: UnitOfWork, account: User, profile: TelegramProfile, typed: str, word: str, now: datetime
) -> User:
    """An account with neither a password nor a confirmed e-mail: the Telegram user signed in
    is the only proof there is, and the typed `word` guards against a slip
    (DeletionWordMismatch); then `delete_account`."""
    if typed.strip().casefold() != word.casefold():
        raise DeletionWordMismatch
    return await delete_account(uow, account, profile, now)


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
