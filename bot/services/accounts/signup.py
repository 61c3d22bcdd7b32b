"""Signing up with an e-mail and a password: a code mailed to the address confirms it, and the
guest becomes an account once it comes back.

The chat says the same whether or not the address has an account already; only the mail to
it does (`SignUpMail.taken`), so the form cannot be used to find out who is registered.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.db.models import EmailCode, User
from bot.db.uow import UnitOfWork
from bot.services.accounts.auth import (
    Purpose,
    SentCode,
    check_email_code,
    email_taken,
    issue_email_code,
)
from bot.services.accounts.code_limits import CodeLimits
from bot.services.accounts.errors import EmailTaken, NoCodeWaiting
from bot.services.accounts.hashing import PasswordQueue, hash_new_password
from bot.services.accounts.passwords import check_strength_async
from bot.services.accounts.sessions import Method, sign_in
from bot.services.events import EventKind, record_buyer_event


@dataclass(frozen=True)
class SignUpMail:
    """What to mail: the code that confirms the address, or, when the address has an account
    already (`taken`), a note saying so instead (and no code)."""

    sent: SentCode
    taken: bool


async def start_sign_up(  # noqa: PLR0913 - the limits, the queue and the clock are injected
    uow: UnitOfWork,
    limits: CodeLimits,
    queue: PasswordQueue,
    telegram_id: int,
    guest: User,
    email: str,
    password: str,
    now: datetime,
) -> SignUpMail:
    """Rate the password (WeakPassword), hash it in the queue, and issue the code that
    confirms the address; the account is made when the code comes back."""
    await check_strength_async(password, [email, guest.first_name])
    password_hash = await hash_new_password(uow, queue, telegram_id, password)
    payload = {"password_hash": password_hash}
    sent = await issue_email_code(
        uow, limits, telegram_id, guest.id, Purpose.SIGN_UP, email, now, payload
    )
    return SignUpMail(sent, await email_taken(uow, email))


async def resend_sign_up_code(
    uow: UnitOfWork, limits: CodeLimits, telegram_id: int, guest: User, now: datetime
) -> SignUpMail:
    """A new code for the address and password of the sign-up under way (the old code stops
    working); NoCodeWaiting when none is under way."""
    async with uow:
        waiting = await uow.email_codes.open_of(guest.id, Purpose.SIGN_UP.value)
    if not waiting:
        raise NoCodeWaiting
    last = waiting[-1]
    sent = await issue_email_code(
        uow, limits, telegram_id, guest.id, Purpose.SIGN_UP, last.email, now, dict(last.payload)
    )
    return SignUpMail(sent, await email_taken(uow, sent.email))


async def confirm_sign_up(  # noqa: PLR0913 - the limits and the clock are injected
    uow: UnitOfWork, limits: CodeLimits, telegram_id: int, guest: User, typed: str, now: datetime
) -> None:
    """The typed code (CodeRefused) confirms the address: the guest becomes the account
    (EmailTaken when someone registered the address meanwhile)."""
    code = await check_email_code(uow, limits, telegram_id, guest.id, Purpose.SIGN_UP, typed, now)
    await finish_sign_up(uow, guest, telegram_id, code, now)


async def finish_sign_up(
    uow: UnitOfWork, guest: User, telegram_id: int, code: EmailCode, now: datetime
) -> None:
    """The confirmed guest becomes an account with this e-mail and password; EmailTaken when
    someone registered the address meanwhile."""
    async with uow:
        if not await email_taken(uow, code.email, by=guest):
            guest.email = code.email
            guest.email_verified_at = now
            guest.password_hash = code.payload.get("password_hash")
            guest.registered_at = now
            await sign_in(uow, telegram_id, guest, Method.SIGN_UP, now)
            record_buyer_event(uow, EventKind.ACCOUNT_CREATED, guest, now, via="email")
            await uow.commit()
            return
    # Raised after the transaction: leaving it by an exception would roll back and expire
    # the rows the caller still shows (the buyer).
    raise EmailTaken(code.email)
