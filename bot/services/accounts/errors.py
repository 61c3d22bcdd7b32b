"""The refusals of accounts: each carries what the buyer is told, never the words (those are
in bot/views/accounts/errors.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.services.errors import DomainError

# -- the limits on trying passwords and codes (bot/services/accounts/hashing.py, auth.py and
# code_limits.py): an attacker meets them, a buyer rarely does; the form stays open.


@dataclass
class PasswordCheckBusy(DomainError):
    """This Telegram user's previous password is still being checked."""


@dataclass
class PasswordQueueFull(DomainError):
    """So many passwords are waiting to be checked that this one is not even queued."""


@dataclass
class PasswordChecksExhausted(DomainError):
    """This Telegram user tried `limit` passwords lately; more are allowed from `until`."""

    until: datetime
    limit: int


@dataclass
class CodeGuessesSpent(DomainError):
    """Too many codes were tried lately for this address or account, or from this Telegram
    user; codes may be typed again from `resets_at`."""

    resets_at: datetime


@dataclass
class CodeMailsSpent(DomainError):
    """Enough codes were mailed lately; a new one may be asked for from `resets_at`.
    `everyone`: the bot's own hourly cap, not this buyer's."""

    resets_at: datetime
    everyone: bool = False
