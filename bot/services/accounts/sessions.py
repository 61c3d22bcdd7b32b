"""Who a Telegram user is in the cabinet: a guest, or signed in to an account.

Every Telegram user has one session row naming the buyer they act as: their own guest row,
or an account they signed in to (by Telegram, password, sign-up or a marketplace link). An
account can be signed in from several Telegram users; `users.telegram_id` is the chat its
pushes go to — the one that signed in last. Signing out turns the chat back into a fresh guest.
An account made with Continue with Telegram belongs to that Telegram user
(`users.telegram_owner_id`, also set by the first marketplace link to an account nobody owns):
their Continue with Telegram leads back to it, so signing out loses nothing. Signing out is
refused only when the account would have no way back at all: no e-mail, no marketplace link,
no owning Telegram user, and no other Telegram account signed in to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.db.models import TelegramSession, User
from bot.db.uow import UnitOfWork
from bot.services.browse.recent import merge_views
from bot.services.browse.rules import BrowseRules
from bot.services.errors import SignOutWouldLoseAccount
from bot.services.events import EventKind, record_buyer_event

SEEN_EVERY = timedelta(hours=1)  # last_seen_at is refreshed at most this often


class Method:
    GUEST = "guest"
    TELEGRAM = "telegram"
    PASSWORD = "password"  # noqa: S105 - how they signed in, not a secret
    SIGN_UP = "signup"
    LINK = "link"


@dataclass(frozen=True)
class TelegramProfile:
    """What an update tells about its sender; no aiogram types below the handlers."""

    telegram_id: int
    first_name: str
    username: str | None
    language_code: str | None


def is_account(user: User | None) -> bool:
    """An account (not a guest, not a deleted account's remains)."""
    return (
        user is not None
        and user.deleted_at is None
        and (
            user.registered_at is not None or user.external_id is not None or user.email is not None
        )
    )


def _new_guest(profile: TelegramProfile, now: datetime, like: User | None = None) -> User:
    return User(
        telegram_id=profile.telegram_id,
        first_name=profile.first_name[:128],
        username=profile.username,
        language_code=profile.language_code,
        locale=like.locale if like is not None else None,  # keep the language they chose
        time_zone=like.time_zone if like is not None else None,
        onboarded_at=now if like is not None else None,
        created_at=now,
    )


async def add_guest(
    uow: UnitOfWork, profile: TelegramProfile, now: datetime, like: User | None = None
) -> User:
    guest = _new_guest(profile, now, like)
    uow.users.add(guest)
    await uow.users.flush()
    uow.sessions.add(
        TelegramSession(
            telegram_id=profile.telegram_id,
            user_id=guest.id,
            method=Method.GUEST,
            signed_in_at=now,
            last_seen_at=now,
        )
    )
    return guest


async def resolve_buyer(
    uow: UnitOfWork, profile: TelegramProfile, now: datetime
) -> tuple[User, bool]:
    """The buyer this Telegram user acts as (True when a new guest was made); writes only
    when something changed."""
    async with uow:
        found = await uow.sessions.buyer_of(profile.telegram_id)
        if found is None:
            user = await uow.users.by_telegram_id(profile.telegram_id)
            if user is None:
                guest = await add_guest(uow, profile, now)
                await uow.commit()
                return guest, True
            # A buyer row from before sessions existed (or made by the marketplace): adopt it.
            method = Method.LINK if is_account(user) else Method.GUEST
            uow.sessions.add(
                TelegramSession(
                    telegram_id=profile.telegram_id,
                    user_id=user.id,
                    method=method,
                    signed_in_at=now,
                    last_seen_at=now,
                )
            )
            await uow.commit()
            return user, False
        session, user = found
        changed = _refresh(user, profile)
        if now - session.last_seen_at >= SEEN_EVERY:
            session.last_seen_at = now
            changed = True
        if changed:
            await uow.commit()
        return user, False


def _refresh(user: User, profile: TelegramProfile) -> bool:
    """Follow the Telegram profile; an account's name is its own (set in the profile)."""
    changed = False
    if user.telegram_id == profile.telegram_id:
        fresh = (profile.username, profile.language_code)
        if (user.username, user.language_code) != fresh:
            user.username, user.language_code = fresh
            changed = True
        if user.unreachable_at is not None:
            user.unreachable_at = None  # they wrote to the bot: pushes may go out again
            changed = True
    if not is_account(user) and user.first_name != profile.first_name[:128]:
        user.first_name = profile.first_name[:128]
        changed = True
    return changed


async def sign_in(
    uow: UnitOfWork, telegram_id: int, account: User, method: str, now: datetime
) -> User:
    """Make this Telegram user act as `account` (inside the caller's transaction).

    The guest row they had goes away, its language choice carried over; an account they were
    signed in to before stays, just no longer on this chat. Pushes go to this chat from now on.
    """
    session = await uow.sessions.get(telegram_id)
    previous = await uow.users.by_id(session.user_id) if session is not None else None
    if session is not None:
        await uow.sessions.delete(session)
        await uow.users.flush()
    if previous is not None and previous.id != account.id:
        if is_account(previous):
            await _move_push_chat(uow, previous, leaving=telegram_id)
        else:
            account.locale = account.locale or previous.locale
            account.language_code = account.language_code or previous.language_code
            account.time_zone = account.time_zone or previous.time_zone
            account.onboarded_at = account.onboarded_at or previous.onboarded_at
            # what the guest looked at stays with the buyer (the length: theirs, or the default)
            keep = BrowseRules().recent_limit(account.recent_limit)
            await merge_views(uow, previous, account, keep)
            await uow.users.delete(previous)
        await uow.users.flush()
    uow.sessions.add(
        TelegramSession(
            telegram_id=telegram_id,
            user_id=account.id,
            method=method,
            signed_in_at=now,
            last_seen_at=now,
        )
    )
    holder = await uow.users.by_telegram_id(telegram_id)
    if holder is not None and holder.id != account.id:
        holder.telegram_id = None  # a row that still names this chat (an old link) lets go
        await uow.users.flush()
    account.telegram_id = telegram_id
    account.unreachable_at = None
    account.onboarded_at = account.onboarded_at or now
    return account


async def _move_push_chat(uow: UnitOfWork, account: User, leaving: int) -> None:
    """The chat `leaving` signs out of `account`: pushes go to its latest other chat, if any."""
    if account.telegram_id == leaving:
        others = [s for s in await uow.sessions.of_user(account.id) if s.telegram_id != leaving]
        latest = max(others, key=lambda s: s.signed_in_at) if others else None
        account.telegram_id = latest.telegram_id if latest is not None else None
        await uow.users.flush()


async def sign_out_others(uow: UnitOfWork, account: User, keep: int | None) -> int:
    """Every other chat signed in to `account` signs out (all of them when `keep` is None);
    returns how many did. Inside the caller's transaction."""
    gone = 0
    for session in await uow.sessions.of_user(account.id):
        if session.telegram_id != keep:
            await uow.sessions.delete(session)
            gone += 1
    await uow.users.flush()
    return gone


class Arrival(StrEnum):
    """What Continue with Telegram did."""

    CREATED = "created"  # the guest became a new account of this Telegram user
    RETURNED = "returned"  # signed in to the account this Telegram user owns
    ALREADY = "already"  # already signed in (a second tap)


async def continue_with_telegram(
    uow: UnitOfWork, profile: TelegramProfile, now: datetime
) -> tuple[User, Arrival]:
    """Sign this Telegram user in by Telegram alone: to the account they own, else their guest
    becomes an account they own (once: concurrent taps wait for each other, and the owner
    column is unique). A guest signing in is merged as by any sign-in (language kept)."""
    telegram_id = profile.telegram_id
    async with uow:
        await uow.sessions.lock(telegram_id)
        found = await uow.sessions.buyer_of_now(telegram_id)
        current = found[1] if found is not None else None
        if current is not None and is_account(current):
            return current, Arrival.ALREADY
        owned = await uow.users.by_telegram_owner(telegram_id)
        if owned is not None and is_account(owned):
            await sign_in(uow, telegram_id, owned, Method.TELEGRAM, now)
            await uow.commit()
            return owned, Arrival.RETURNED
        if owned is not None:  # what a deleted account left: the identity is free again
            owned.telegram_owner_id = None
            await uow.users.flush()
        guest = current if current is not None else await add_guest(uow, profile, now)
        if not await uow.users.claim_for_telegram(guest.id, telegram_id, now):
            return guest, Arrival.ALREADY
        session = await uow.sessions.get(telegram_id)
        if session is not None:
            session.method = Method.TELEGRAM
        record_buyer_event(uow, EventKind.ACCOUNT_CREATED, guest, now, via="telegram")
        await uow.commit()
        return guest, Arrival.CREATED


async def bind_telegram_owner(uow: UnitOfWork, account: User, telegram_id: int) -> None:
    """A marketplace link opened in Telegram: the account becomes this Telegram user's, unless
    it has an owner already or they own another account (never taken from anyone). Inside
    the caller's transaction."""
    if account.telegram_owner_id is None and await uow.users.by_telegram_owner(telegram_id) is None:
        account.telegram_owner_id = telegram_id
        await uow.users.flush()


class WayBack(StrEnum):
    """How a buyer who signed out gets back into the account."""

    EMAIL = "email"  # sign in with the e-mail: the password, or a reset code mailed there
    LINK = "link"  # a new sign-in link from the marketplace, which knows the account
    TELEGRAM = "telegram"  # Continue with Telegram, by the Telegram user who owns the account
    NONE = "none"  # no way back: signing out would lose the account


def way_back(account: User) -> WayBack:
    if account.email is not None:
        return WayBack.EMAIL
    if account.external_id is not None:
        return WayBack.LINK
    if account.telegram_owner_id is not None:
        return WayBack.TELEGRAM
    return WayBack.NONE


@dataclass(frozen=True)
class SignOutOptions:
    """What the sign-out screen offers: how the buyer comes back, and from how many Telegram
    accounts the account is used (this one included)."""

    way_back: WayBack
    email: str | None
    chats: int
    owned_here: bool = False  # this Telegram user owns the account (Continue with Telegram)

    @property
    def can_sign_out_here(self) -> bool:
        return self.way_back is not WayBack.NONE or self.chats > 1

    @property
    def can_sign_out_everywhere(self) -> bool:
        return self.way_back is not WayBack.NONE


async def sign_out_options(
    uow: UnitOfWork, account: User, telegram_id: int | None = None
) -> SignOutOptions:
    async with uow:
        chats = len(await uow.sessions.of_user(account.id))
        owned_here = telegram_id is not None and account.telegram_owner_id == telegram_id
        return SignOutOptions(way_back(account), account.email, chats, owned_here)


async def check_sign_out_everywhere(uow: UnitOfWork, account: User) -> SignOutOptions:
    """Before "sign out everywhere?": refused when Telegram is the account's only way in."""
    options = await sign_out_options(uow, account)
    if not options.can_sign_out_everywhere:
        raise SignOutWouldLoseAccount(everywhere=True)
    return options


async def sign_out(uow: UnitOfWork, profile: TelegramProfile, now: datetime) -> User:
    """This chat only: it becomes a fresh guest (keeping its language); returns the guest.
    Refused when the account could not be reached again afterwards."""
    async with uow:
        found = await uow.sessions.buyer_of(profile.telegram_id)
        account = found[1] if found is not None else None
        if account is not None and is_account(account):
            chats = len(await uow.sessions.of_user(account.id))
            if not SignOutOptions(way_back(account), account.email, chats).can_sign_out_here:
                raise SignOutWouldLoseAccount(everywhere=False)
        if found is not None:
            await uow.sessions.delete(found[0])
            await uow.users.flush()
        if account is not None:
            await _move_push_chat(uow, account, leaving=profile.telegram_id)
        guest = await add_guest(uow, profile, now, like=account)
        await uow.commit()
        return guest


async def sign_out_everywhere(
    uow: UnitOfWork, account: User, profile: TelegramProfile, now: datetime
) -> tuple[User, list[int]]:
    """Every chat signed in to the account signs out; returns this chat's new guest and the
    chats that were signed out (their open forms go too). Refused when Telegram is the
    account's only way in."""
    async with uow:
        if way_back(account) is WayBack.NONE:
            raise SignOutWouldLoseAccount(everywhere=True)
        sessions = await uow.sessions.of_user(account.id)
        for session in sessions:
            await uow.sessions.delete(session)
        account.telegram_id = None
        await uow.users.flush()
        guest = await add_guest(uow, profile, now, like=account)
        await uow.commit()
        return guest, [session.telegram_id for session in sessions]
