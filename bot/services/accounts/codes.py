"""One-time e-mail codes and the sign-in lockout: pure rules over stored values and a given time.

Codes are stored as HMAC-SHA256 under a server secret, never in clear. A plain SHA-256 would
protect nothing: a 6-digit code has 10^6 values, so a leaked hash is reversed in milliseconds.
With a key that lives in the settings and not in the database, a leaked table alone is useless.
A slow hash (argon2) would not help either: 10^6 tries of it is still hours, not years, and it
would make every code check cost as much as a password check. The HMAC also covers a context
(purpose and address), so a code sent to confirm one address cannot confirm another.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

CODE_DIGITS = 6
CODE_TTL = timedelta(minutes=10)
MAX_ATTEMPTS = 5  # wrong tries per code: 5 in 10^6 is a 0.0005% chance to guess it
MIN_SECRET_BYTES = 16
# What buyers put between digits when they copy a code from a mail: "123 456", "123-456".
_SEPARATORS = frozenset(" \t\u00a0\u2009\u202f-\u2010\u2011\u2012\u2013\u2014.")


class CodeOutcome(StrEnum):
    """What a typed code amounts to; every outcome but `ok` is a refusal the bot explains."""

    OK = "ok"
    WRONG = "wrong"  # counts as an attempt
    EXPIRED = "expired"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    MALFORMED = "malformed"  # not six digits: a typo, not a guess, so it costs no attempt


@dataclass(frozen=True, slots=True)
class IssuedCode:
    """A fresh code: `code` goes into the mail, only `code_hash` and `expires_at` are stored."""

    code: str = field(repr=False)
    code_hash: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class CodeCheck:
    """The outcome with what the bot needs to explain it (attempts left, when it expired)."""

    outcome: CodeOutcome
    attempts_left: int
    expires_at: datetime

    @property
    def ok(self) -> bool:
        return self.outcome is CodeOutcome.OK

    @property
    def counts_as_attempt(self) -> bool:
        """Only a wrong well-formed code is a guess; the caller stores attempts + 1 for it."""
        return self.outcome is CodeOutcome.WRONG


def generate_code(digits: int = CODE_DIGITS) -> str:
    """A uniformly random code of `digits` decimal digits, leading zeros kept."""
    return f"{secrets.randbelow(10**digits):0{digits}d}"


def hash_code(code: str, *, secret: bytes, context: str) -> str:
    """HMAC-SHA256 of the code bound to its context (e.g. "signup:buyer@example.com"), in hex."""
    if len(secret) < MIN_SECRET_BYTES:
        msg = f"the code secret must be at least {MIN_SECRET_BYTES} bytes"
        raise ValueError(msg)
    message = f"{context}\x00{code}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def issue_code(
    now: datetime,
    *,
    secret: bytes,
    context: str,
    ttl: timedelta = CODE_TTL,
    digits: int = CODE_DIGITS,
) -> IssuedCode:
    """A new code for `context`, valid for `ttl` from `now`."""
    code = generate_code(digits)
    return IssuedCode(code, hash_code(code, secret=secret, context=context), now + ttl)


def normalize_code(typed: str, digits: int = CODE_DIGITS) -> str | None:
    """The code as ASCII digits, or None if the text is not `digits` digits.

    Spaces and dashes between digits are dropped and any script's decimal digits
    (full-width, Arabic-Indic) count, since phones and mail clients produce them.
    """
    if len(typed) > 4 * digits:  # no need to look at a pasted essay
        return None
    kept = [ch for ch in typed.strip() if ch not in _SEPARATORS]
    if len(kept) != digits:
        return None
    values = [unicodedata.decimal(ch, -1) for ch in kept]
    if any(value < 0 for value in values):
        return None
    return "".join(map(str, values))


def refusal_before_guess(
    expires_at: datetime,
    attempts: int,
    max_attempts: int,
    now: datetime,
    typed: str,
    digits: int = CODE_DIGITS,
) -> CodeCheck | None:
    """Why the typed text is refused before it counts as a guess (attempts used up, the code
    expired, not a code at all), or None when it is a guess to count and check."""
    left = max(0, max_attempts - attempts)
    if left == 0:
        return CodeCheck(CodeOutcome.TOO_MANY_ATTEMPTS, 0, expires_at)
    if now >= expires_at:
        return CodeCheck(CodeOutcome.EXPIRED, left, expires_at)
    if normalize_code(typed, digits) is None:
        return CodeCheck(CodeOutcome.MALFORMED, left, expires_at)
    return None


def verify_code(
    stored_hash: str,
    expires_at: datetime,
    attempts: int,
    max_attempts: int,
    now: datetime,
    typed: str,
    *,
    secret: bytes,
    context: str,
    digits: int = CODE_DIGITS,
) -> CodeCheck:
    """Check a typed code against the stored hash; the comparison takes constant time.

    The order matters: a used-up or expired code is refused even when the typed code is
    right, so guessing can never outlast the attempts limit or the expiry.
    """
    refused = refusal_before_guess(expires_at, attempts, max_attempts, now, typed, digits)
    if refused is not None:
        return refused
    left = max_attempts - attempts
    candidate = hash_code(normalize_code(typed, digits) or "", secret=secret, context=context)
    if hmac.compare_digest(candidate, stored_hash):
        return CodeCheck(CodeOutcome.OK, left, expires_at)
    return CodeCheck(CodeOutcome.WRONG, left - 1, expires_at)


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """After `threshold` failed sign-ins the account locks for `first_lock`; every further
    failure doubles the lock up to `max_lock`. Failures older than `window` are forgotten."""

    threshold: int = 5
    first_lock: timedelta = timedelta(minutes=15)
    max_lock: timedelta = timedelta(hours=24)
    window: timedelta = timedelta(hours=24)

    def lock_for(self, failures: int) -> timedelta:
        """How long `failures` failures in the window lock sign-in, counted from the last one."""
        if failures < self.threshold:
            return timedelta(0)
        lock = self.first_lock
        for _ in range(failures - self.threshold):
            if lock >= self.max_lock:
                break
            lock *= 2
        return min(lock, self.max_lock)


DEFAULT_LOCKOUT = LockoutPolicy()


@dataclass(frozen=True, slots=True)
class Lockout:
    """Whether sign-in is locked now, until when, and how many failures count."""

    locked: bool
    until: datetime | None
    failures: int


def recent_failures(
    failures: Iterable[datetime], now: datetime, policy: LockoutPolicy = DEFAULT_LOCKOUT
) -> list[datetime]:
    """The failures that still count, oldest first: what is worth keeping in storage."""
    return sorted(moment for moment in failures if moment > now - policy.window)


def sign_in_lockout(
    failures: Iterable[datetime], now: datetime, policy: LockoutPolicy = DEFAULT_LOCKOUT
) -> Lockout:
    """Whether sign-in is locked at `now` after these failed attempts.

    Pass the failures since the last successful sign-in (a success resets the count), and do
    not record attempts refused by the lock itself: those were never checked.
    """
    counted = recent_failures(failures, now, policy)
    lock = policy.lock_for(len(counted))
    if not lock:
        return Lockout(False, None, len(counted))
    until = counted[-1] + lock
    return Lockout(now < until, until if now < until else None, len(counted))
