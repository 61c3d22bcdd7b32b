"""The refusals of accounts: each carries what the buyer is told, never the words (those are
in bot/views/accounts/errors.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

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


# -- passwords (bot/services/accounts/passwords.py) -------------------------------------------


class Weakness(StrEnum):
    """Why a password is refused: the hint the buyer is shown, never zxcvbn's own words."""

    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    PERSONAL_INFO = "personal_info"  # the buyer's name or e-mail is most of it
    COMMON_PASSWORD = "common_password"  # noqa: S105 - a reason code, not a password
    COMMON_WORD = "common_word"  # a dictionary word or a name by itself
    SEQUENCE = "sequence"  # abcdef, 654321
    REPEAT = "repeat"  # aaaaaa, abcabcabc
    DATE = "date"  # a date or a recent year
    KEYBOARD_PATTERN = "keyboard_pattern"  # qwerty, asdfgh, йцукен
    GUESSABLE = "guessable"  # nothing in particular, just too few guesses


@dataclass
class WeakPassword(DomainError):
    """A new password is refused for `weakness`; `score` is zxcvbn's rating (0..4) and
    `limit` the bound a length broke (TOO_SHORT, TOO_LONG)."""

    weakness: Weakness
    score: int
    limit: int | None = None


# -- passwords checked: signing in (auth.py), the current one (credentials.py, deletion.py) ----


@dataclass
class PasswordRefused(DomainError):
    """A password was not let in: wrong, or the lock on its e-mail held it back."""


@dataclass
class WrongCredentials(PasswordRefused):
    """The e-mail or the password is wrong (which one is not said); `attempts_left` more
    wrong ones lock sign-in for a while."""

    attempts_left: int


@dataclass
class SignInLocked(PasswordRefused):
    """Too many wrong passwords for the e-mail lately: sign-in with it is locked until `until`."""

    until: datetime
