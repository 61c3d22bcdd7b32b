"""Marketplace accounts and their link to a Telegram user via a one-time deep link."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.db.models import LinkCode, User
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import (
    Method,
    bind_telegram_owner,
    is_account,
    sign_in,
)
from bot.services.errors import AccountConflict, BuyerNotFound, LinkCodeInvalid
from bot.services.events import EventKind, record_buyer_event


@dataclass(frozen=True)
class AccountSpec:
    """The marketplace names a buyer by its own id, by e-mail, or both."""

    external_id: str | None
    email: str | None
    name: str | None
    locale: str | None
    club_level: int | None = None  # 4 = the top level: disputes get priority


LINK_PREFIX = "L"  # start parameters of link codes; other deep links may come later


def hash_code(code: str) -> str:
    """Only a hash is stored: a leaked table cannot be used to take over accounts."""
    return hashlib.sha256(code.encode()).hexdigest()


async def upsert_account(uow: UnitOfWork, spec: AccountSpec, now: datetime) -> tuple[User, bool]:
    """Find the account by external id (else by e-mail), create it if new, update details.

    True when it was created. An e-mail that belongs to another account is a conflict; a new
    e-mail is unconfirmed until the buyer confirms it with a code.
    """
    email = spec.email.casefold() if spec.email else None
    async with uow:
        user = await uow.users.by_external_id(spec.external_id) if spec.external_id else None
        owner = await uow.users.by_email(email) if email is not None else None
        by_email_only = spec.external_id is None or (owner and owner.external_id is None)
        if user is None and owner is not None and by_email_only:
            user = owner  # found by e-mail (and, if new, now known by the external id too)
        if owner is not None and owner is not user:
            raise AccountConflict(field="email", value=email or "")
        created = user is None
        if user is None:
            user = User(created_at=now, first_name="", registered_at=now)
            uow.users.add(user)
        user.external_id = spec.external_id or user.external_id
        if email is not None and email != user.email:
            # Nobody here saw a mail reach this address: it must be confirmed with a code
            # before it can reset the password (the same address keeps its confirmation).
            user.email = email
            user.email_verified_at = None
        if spec.name is not None:
            user.first_name = spec.name[:128]
        if spec.locale is not None:
            user.locale = spec.locale
        if spec.club_level is not None:
            user.club_level = spec.club_level
        await uow.commit()
        return user, created


async def get_account(uow: UnitOfWork, buyer_id: int) -> User:
    async with uow:
        user = await uow.users.by_id(buyer_id)
        if user is None or not is_account(user):
            raise BuyerNotFound(buyer_id=buyer_id)
        return user


async def list_accounts(uow: UnitOfWork, offset: int, limit: int) -> tuple[list[User], int]:
    async with uow:
        return await uow.users.page(offset, limit)


async def issue_link_code(
    uow: UnitOfWork, buyer_id: int, now: datetime, ttl: timedelta
) -> tuple[str, datetime]:
    """A fresh one-time code for `t.me/<bot>?start=<code>`; returns it and its expiry."""
    async with uow:
        user = await uow.users.by_id(buyer_id)
        if user is None or not is_account(user):
            raise BuyerNotFound(buyer_id=buyer_id)
        code = LINK_PREFIX + secrets.token_urlsafe(24)
        expires = now + ttl
        uow.link_codes.add(
            LinkCode(code_hash=hash_code(code), user_id=user.id, created_at=now, expires_at=expires)
        )
        await uow.commit()
        return code, expires


async def redeem_link_code(uow: UnitOfWork, code: str, telegram_id: int, now: datetime) -> User:
    """Sign the Telegram user `telegram_id` in to the account behind `code`.

    Their guest row goes away (a guest has nothing the marketplace needs), its language choice
    carried over; the account's pushes come to this chat. A code works once, until it expires.
    The first Telegram user to open a link to an account nobody owns becomes its owner: their
    Continue with Telegram leads back to it.
    """
    code_hash = hash_code(code)
    async with uow:
        # Claimed before anything else, in one statement: of simultaneous redemptions only
        # one gets the account; the others find the code used.
        account_id = await uow.link_codes.claim(code_hash, now)
        if account_id is None:
            raise LinkCodeInvalid(reason=await _why_unclaimed(uow, code_hash, now))
        account = await uow.users.by_id(account_id)
        if account is None:
            raise LinkCodeInvalid(reason="unknown")
        await sign_in(uow, telegram_id, account, Method.LINK, now)
        await bind_telegram_owner(uow, account, telegram_id)
        account.registered_at = account.registered_at or now
        account.linked_at = now
        record_buyer_event(uow, EventKind.ACCOUNT_LINKED, account, now)
        await uow.commit()
        return account


async def _why_unclaimed(uow: UnitOfWork, code_hash: str, now: datetime) -> str:
    link = await uow.link_codes.get(code_hash)
    if link is None:
        return "unknown"
    if link.used_at is not None:
        return "used"
    return "expired" if link.expires_at <= now else "used"
