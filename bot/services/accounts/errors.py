"""The refusals of accounts: each carries what the buyer is told, never the words (those are
in bot/views/accounts/errors.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.services.accounts.codes import CodeOutcome
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


# -- e-mail codes (auth.py, reset.py) and the addresses they confirm -------------------------


@dataclass
class CodeRefused(DomainError):
    """A typed e-mail code let nothing in; the form stays at the code for another try."""


@dataclass
class NoCodeWaiting(CodeRefused):
    """No code of this kind is open: never asked for, replaced by a newer one, used meanwhile,
    or checked too long ago. A new one is the way on."""


@dataclass
class CodeNotAccepted(CodeRefused):
    """The code waiting refused what was typed (`outcome`: wrong, expired, out of tries, not
    six digits); `attempts_left` more wrong ones are allowed."""

    outcome: CodeOutcome
    attempts_left: int


@dataclass
class EmailTaken(DomainError):
    """Another account has this e-mail (it may have taken it meanwhile)."""

    email: str


@dataclass
class EmailRequired(DomainError):
    """A password signs in together with an e-mail, and a code stands in for it only by
    e-mail: the account needs an e-mail first."""


@dataclass
class SameEmail(DomainError):
    """The new e-mail is the confirmed one the account has already."""

    email: str


# -- deleting the account (deletion.py) -------------------------------------------------------


@dataclass
class DeletionWordMismatch(DomainError):
    """The word typed to confirm deleting an account with no other proof was not the word."""
