"""The buyer's profile: the name the cabinet uses, the display currency, the time zone
(quiet hours and the daily digest follow it) and the avatar.

Each setter is one transaction on the buyer row of the caller's unit of work, like
`users.set_locale`. Names are checked here: a refused one raises a `NameRefused`, which the
bot explains in words.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from bot.db.models import User
from bot.db.uow import UnitOfWork
from bot.services.accounts.sessions import is_account
from bot.services.addresses.fields import clean_text
from bot.services.errors import DomainError
from bot.services.events import EventKind, record_buyer_event
from bot.services.time_zones import is_known_zone

NAME_MAX_LENGTH = 64  # fits a greeting line and a button
# Spaces, hyphens (ASCII, U+2010, U+2011) and apostrophes (ASCII, typographic, modifier).
NAME_PUNCTUATION = frozenset(" -\u2010\u2011'\u2019\u02bc")
_JOINERS = frozenset("\u200c\u200d")  # kept by clean_text; part of names in some scripts

# Common ISO 4217 currencies the marketplace's buyers pay in; None means "as the order".
CURRENCIES = (
    "USD",
    "EUR",
    "RUB",
    "GBP",
    "CNY",
    "KZT",
    "BYN",
    "UAH",
    "TRY",
    "PLN",
    "UZS",
    "JPY",
)


@dataclass
class NameRefused(DomainError):
    """Why a typed name is not stored (the subclasses say which rule it breaks)."""


@dataclass
class NameEmpty(NameRefused):
    """Nothing but spaces or invisible characters."""


@dataclass
class NameTooLong(NameRefused):
    max_length: int


@dataclass
class NameHasSymbols(NameRefused):
    """Digits, emoji or other symbols: a name has letters, spaces, hyphens and apostrophes."""


@dataclass
class NameWithoutLetters(NameRefused):
    """Only spaces, hyphens and apostrophes."""


class ChoiceNotOffered(DomainError):
    """A currency or time zone that the cabinet does not offer (a forged button)."""


def check_name(text: str) -> str:
    """The name to store: letters of any script (with their combining marks), spaces, hyphens
    and apostrophes; at least one letter; at most `NAME_MAX_LENGTH`. Raises `NameRefused`."""
    name = clean_text(text)
    if not name:
        raise NameEmpty()
    if len(name) > NAME_MAX_LENGTH:
        raise NameTooLong(max_length=NAME_MAX_LENGTH)
    kinds = [unicodedata.category(ch)[0] for ch in name]
    if not all(
        kind in "LM" or ch in NAME_PUNCTUATION or ch in _JOINERS
        for ch, kind in zip(name, kinds, strict=True)
    ):
        raise NameHasSymbols()
    if "L" not in kinds:
        raise NameWithoutLetters()
    return name


def zone_in_force(user: User, default: tzinfo) -> tzinfo:
    """The buyer's own time zone, else the cabinet's default (also right after they chose
    one, when the zone the update started with is out of date)."""
    return ZoneInfo(user.time_zone) if user.time_zone else default


def record_profile_change(uow: UnitOfWork, user: User, now: datetime, **changes: Any) -> None:
    """The marketplace hears of an account's profile change (`changes`: field -> new value)
    in the transaction that saves it; a guest's choices stay in the cabinet."""
    if is_account(user):
        record_buyer_event(uow, EventKind.PROFILE_CHANGED, user, now, changes=changes)


async def rename(uow: UnitOfWork, user: User, text: str, now: datetime) -> str:
    """Save the name the buyer typed; a refused one raises `NameRefused` (nothing is saved)."""
    checked = check_name(text)
    async with uow:
        user.first_name = checked
        record_profile_change(uow, user, now, name=checked)
        await uow.commit()
    return checked


async def set_display_currency(
    uow: UnitOfWork, user: User, code: str | None, now: datetime
) -> None:
    """None: show prices in each order's own currency."""
    if code is not None and code not in CURRENCIES:
        raise ChoiceNotOffered
    async with uow:
        user.display_currency = code
        record_profile_change(uow, user, now, display_currency=code)
        await uow.commit()


async def set_time_zone(uow: UnitOfWork, user: User, zone: str, now: datetime) -> None:
    """An IANA zone; quiet hours, the digest and every date on screen follow it."""
    if not is_known_zone(zone):
        raise ChoiceNotOffered
    async with uow:
        user.time_zone = zone
        record_profile_change(uow, user, now, time_zone=zone)
        await uow.commit()


async def set_avatar(uow: UnitOfWork, user: User, file_id: str | None, now: datetime) -> None:
    """A Telegram file id of the photo (valid for this bot only); None removes it. The
    marketplace hears only whether there is one: a file id is of no use outside this bot."""
    async with uow:
        user.avatar_file_id = file_id
        record_profile_change(uow, user, now, has_avatar=file_id is not None)
        await uow.commit()
