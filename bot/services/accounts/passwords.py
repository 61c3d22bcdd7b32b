"""Password rules of the cabinet: argon2id hashes, and a strength check that says why, not how.

- Passwords are NFKC-normalized before hashing and checking (NIST SP 800-63B 5.1.1.2), so the
  same password typed on a phone and on a desktop keyboard (composed or decomposed letters,
  full-width digits) gives the same hash.
- Length 8..128: 8 is NIST's minimum for a password the user chose; the upper bound still allows
  long passphrases and password managers, but caps what one sign-in may cost us in CPU.
- Score >= 3 is zxcvbn's "safely unguessable" (about 10^8 guesses and more): enough behind a
  slow hash and the sign-in lockout of `bot.services.accounts.codes`; 4 would turn away many
  memorable passphrases.
- zxcvbn's English warnings are never shown: the weakness is mapped from its matches to
  `Weakness`, raised in `WeakPassword`, and the bot translates that.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn import zxcvbn  # type: ignore[import-untyped]  # ships no type hints

from bot.services.accounts.errors import Weakness, WeakPassword

logger = logging.getLogger(__name__)

MIN_LENGTH = 8
MAX_LENGTH = 128
MIN_SCORE = 3
# zxcvbn's matching grows faster than linearly with length, and zxcvbn >= 4.5 refuses more
# than 72 characters. The prefix is rated instead: a strong prefix makes a strong password,
# and a weak one is rated no stronger than it is.
RATED_PREFIX = 72
# Each argon2id hash takes 64 MiB by default; this many hashes may run at once, so a burst of
# sign-ins costs at most that many times 64 MiB. The bot queues its hashes in front of these
# slots (hashing.py), so waiting for one takes no thread and no connection.
MAX_PARALLEL_HASHES = max(1, os.cpu_count() or 1)

DEFAULT_HASHER = PasswordHasher()  # argon2id, RFC 9106 low-memory profile: t=3, m=64 MiB, p=4
_hash_slots = threading.BoundedSemaphore(MAX_PARALLEL_HASHES)
# zxcvbn keeps the user inputs of a check in a module-level dictionary, so two checks running
# in threads at once would see each other's names; one at a time keeps them apart.
_zxcvbn_lock = threading.Lock()


# Weak choices of Russian-speaking buyers that zxcvbn's English lists do not know: the
# ЙЦУКЕН keyboard rows and the most common Russian "passwords". zxcvbn gets them as extra
# user inputs; a match on one is reported as what it is, not as personal information.
_EXTRA_WEAK_WORDS: dict[str, Weakness] = {
    **dict.fromkeys(
        ("йцукен", "йцукенгшщзхъ", "фыва", "фывапролджэ", "ячсмить"),
        Weakness.KEYBOARD_PATTERN,
    ),
    **dict.fromkeys(("пароль", "привет", "любовь", "солнышко"), Weakness.COMMON_PASSWORD),
}


@dataclass(frozen=True, slots=True)
class PasswordVerification:
    """Whether the password matched, and whether its hash should be replaced by a fresh one."""

    matches: bool
    needs_rehash: bool = False


def normalize_password(password: str) -> str:
    """The one form of a password that is rated, hashed and verified."""
    return unicodedata.normalize("NFKC", password)


def personal_words(inputs: Iterable[str | None]) -> list[str]:
    """Names and e-mail addresses, plus their parts (an address's local part, its words)."""
    words: list[str] = []
    for raw in inputs:
        if not raw:
            continue
        value = normalize_password(raw).casefold().strip()
        words.append(value)
        local = value.split("@", 1)[0]
        words.append(local)
        parts = "".join(ch if ch.isalnum() else " " for ch in value).split()
        words.extend(part for part in parts if len(part) >= 3)
    return list(dict.fromkeys(word for word in words if word))


def check_strength(password: str, user_inputs: Sequence[str | None] = ()) -> int:
    """zxcvbn's score (3 or 4) of an acceptable password; `user_inputs` are the buyer's name,
    e-mail and the like. Raises WeakPassword saying why a password is not acceptable."""
    password = normalize_password(password)
    if not password:  # zxcvbn fails on an empty string
        raise WeakPassword(Weakness.TOO_SHORT, 0, MIN_LENGTH)
    words = personal_words(user_inputs)  # in order: zxcvbn ranks inputs by their position
    personal = set(words)
    with _zxcvbn_lock:
        result: dict[str, Any] = zxcvbn(
            password[:RATED_PREFIX], user_inputs=[*words, *_EXTRA_WEAK_WORDS]
        )
    score = int(result["score"])
    sequence: list[dict[str, Any]] = result["sequence"]
    if len(password) < MIN_LENGTH:
        raise WeakPassword(Weakness.TOO_SHORT, score, MIN_LENGTH)
    if len(password) > MAX_LENGTH:
        raise WeakPassword(Weakness.TOO_LONG, score, MAX_LENGTH)
    # zxcvbn may still score "ivanpetrov1990" 3 for a buyer named Ivan Petrov; NIST asks to
    # refuse such context-specific words, so mostly-personal passwords are refused outright.
    personal_chars = sum(
        len(match["token"])
        for match in sequence
        if match.get("dictionary_name") == "user_inputs" and match["matched_word"] in personal
    )
    if personal_chars * 2 >= min(len(password), RATED_PREFIX):
        raise WeakPassword(Weakness.PERSONAL_INFO, score)
    if score < MIN_SCORE:
        raise WeakPassword(_weakness(sequence, personal), score)
    return score


def _weakness(sequence: list[dict[str, Any]], personal: set[str]) -> Weakness:
    """The problem of the longest match: the part zxcvbn's own feedback talks about."""
    if not sequence:
        return Weakness.GUESSABLE
    match = max(sequence, key=lambda each: len(each["token"]))  # first of equals, as zxcvbn
    pattern = match["pattern"]
    if pattern == "dictionary":
        name = match["dictionary_name"]
        if name == "user_inputs":
            word = match["matched_word"]
            if word in personal:
                return Weakness.PERSONAL_INFO
            return _EXTRA_WEAK_WORDS.get(word, Weakness.COMMON_PASSWORD)
        if name == "passwords":
            return Weakness.COMMON_PASSWORD
        return Weakness.COMMON_WORD
    return {
        "spatial": Weakness.KEYBOARD_PATTERN,
        "repeat": Weakness.REPEAT,
        "sequence": Weakness.SEQUENCE,
        "regex": Weakness.DATE,  # zxcvbn's only regex is "recent_year"
        "date": Weakness.DATE,
    }.get(pattern, Weakness.GUESSABLE)


def hash_password(password: str, hasher: PasswordHasher | None = None) -> str:
    """An argon2id hash (PHC string with its own salt and parameters) to store."""
    with _hash_slots:
        return (hasher or DEFAULT_HASHER).hash(normalize_password(password))


def verify_password(
    stored_hash: str | None, password: str, hasher: PasswordHasher | None = None
) -> PasswordVerification:
    """Check a password against its stored hash in constant time.

    `stored_hash=None` (no such account, or no password set) still spends the time of one
    verification, so the answer time does not tell which e-mail addresses have an account.
    """
    hasher = hasher or DEFAULT_HASHER
    candidate = normalize_password(password)
    with _hash_slots:
        if stored_hash is None:
            with contextlib.suppress(VerificationError):
                hasher.verify(_dummy_hash(hasher), candidate)
            return PasswordVerification(matches=False)
        try:
            hasher.verify(stored_hash, candidate)
        except VerifyMismatchError:
            return PasswordVerification(matches=False)
        except (InvalidHashError, VerificationError):
            logger.warning("stored password hash is unreadable; the sign-in is refused")
            return PasswordVerification(matches=False)
    return PasswordVerification(matches=True, needs_rehash=hasher.check_needs_rehash(stored_hash))


def needs_rehash(stored_hash: str, hasher: PasswordHasher | None = None) -> bool:
    """True when the hash was made with other parameters than today's (rehash at sign-in)."""
    try:
        return (hasher or DEFAULT_HASHER).check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@lru_cache(maxsize=8)
def _dummy_hash_for(
    time_cost: int, memory_cost: int, parallelism: int, hash_len: int, salt_len: int, kind: Type
) -> str:
    hasher = PasswordHasher(time_cost, memory_cost, parallelism, hash_len, salt_len, type=kind)
    return hasher.hash(secrets.token_urlsafe(16))


def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash of a random password with the hasher's own cost, made once per parameter set."""
    return _dummy_hash_for(
        hasher.time_cost,
        hasher.memory_cost,
        hasher.parallelism,
        hasher.hash_len,
        hasher.salt_len,
        hasher.type,
    )


async def hash_password_async(password: str, hasher: PasswordHasher | None = None) -> str:
    """`hash_password` in a worker thread: a hash takes tens of milliseconds of CPU."""
    return await asyncio.to_thread(hash_password, password, hasher)


async def verify_password_async(
    stored_hash: str | None, password: str, hasher: PasswordHasher | None = None
) -> PasswordVerification:
    """`verify_password` in a worker thread, so the event loop keeps serving other buyers."""
    return await asyncio.to_thread(verify_password, stored_hash, password, hasher)


async def check_strength_async(password: str, user_inputs: Sequence[str | None] = ()) -> int:
    """`check_strength` in a worker thread (a long password takes zxcvbn tens of ms)."""
    return await asyncio.to_thread(check_strength, password, user_inputs)
