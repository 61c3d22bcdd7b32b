"""One-time e-mail codes and the sign-in lockout, checked on examples and random inputs."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.services.accounts.codes import (
    CODE_TTL,
    DEFAULT_LOCKOUT,
    MAX_ATTEMPTS,
    CodeOutcome,
    LockoutPolicy,
    generate_code,
    hash_code,
    issue_code,
    normalize_code,
    recent_failures,
    sign_in_lockout,
    verify_code,
)

START = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
SECRET = b"s" * 32
CONTEXT = "signup:buyer@example.com"
codes = st.integers(0, 999_999).map(lambda value: f"{value:06d}")
seconds = st.integers(0, 3 * 24 * 3600).map(lambda value: timedelta(seconds=value))


def check(stored: str, typed: str, *, attempts: int = 0, after: timedelta = timedelta(0)):
    return verify_code(
        stored,
        START + CODE_TTL,
        attempts,
        MAX_ATTEMPTS,
        START + after,
        typed,
        secret=SECRET,
        context=CONTEXT,
    )


def test_codes_are_six_ascii_digits_with_leading_zeros_kept() -> None:
    seen = {generate_code() for _ in range(300)}
    assert all(len(code) == 6 and code.isascii() and code.isdigit() for code in seen)
    assert len(seen) > 290  # random, not a counter


def test_issued_code_is_stored_as_a_keyed_hash_only() -> None:
    issued = issue_code(START, secret=SECRET, context=CONTEXT)

    assert issued.expires_at == START + CODE_TTL
    assert issued.code not in issued.code_hash
    assert issued.code not in repr(issued)
    # a plain sha256 of 10^6 codes is reversed at once; the keyed hash is not that
    assert issued.code_hash != hashlib.sha256(issued.code.encode()).hexdigest()
    assert check(issued.code_hash, issued.code).ok


def test_code_for_one_address_does_not_confirm_another() -> None:
    issued = issue_code(START, secret=SECRET, context=CONTEXT)

    result = verify_code(
        issued.code_hash,
        issued.expires_at,
        0,
        MAX_ATTEMPTS,
        START,
        issued.code,
        secret=SECRET,
        context="signup:someone@example.com",
    )

    assert result.outcome is CodeOutcome.WRONG


def test_a_short_secret_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="at least 16 bytes"):
        hash_code("123456", secret=b"short", context=CONTEXT)


@pytest.mark.parametrize("typed", ["123 456", "123-456", " 123456 ", "１２３４５６", "١٢٣٤٥٦"])
def test_code_copied_with_spaces_dashes_or_other_digits_is_accepted(typed: str) -> None:
    stored = hash_code("123456", secret=SECRET, context=CONTEXT)

    assert check(stored, typed).ok


@pytest.mark.parametrize("typed", ["", "12345", "1234567", "12345a", "one two", "²²²²²²"])
def test_text_that_is_not_six_digits_costs_no_attempt(typed: str) -> None:
    stored = hash_code("123456", secret=SECRET, context=CONTEXT)

    result = check(stored, typed, attempts=2)

    assert result.outcome is CodeOutcome.MALFORMED
    assert not result.counts_as_attempt
    assert result.attempts_left == MAX_ATTEMPTS - 2


@given(codes, codes, st.integers(0, MAX_ATTEMPTS - 1), seconds)
def test_before_expiry_and_within_attempts_only_the_right_code_passes(
    code: str, typed: str, attempts: int, after: timedelta
) -> None:
    stored = hash_code(code, secret=SECRET, context=CONTEXT)

    result = check(stored, typed, attempts=attempts, after=after % CODE_TTL)

    if typed == code:
        assert result.outcome is CodeOutcome.OK
        assert result.attempts_left == MAX_ATTEMPTS - attempts
    else:
        assert result.outcome is CodeOutcome.WRONG
        assert result.counts_as_attempt
        assert result.attempts_left == MAX_ATTEMPTS - attempts - 1


@given(codes, st.integers(0, MAX_ATTEMPTS - 1), seconds)
def test_expired_code_is_refused_even_when_right(
    code: str, attempts: int, extra: timedelta
) -> None:
    stored = hash_code(code, secret=SECRET, context=CONTEXT)

    result = check(stored, code, attempts=attempts, after=CODE_TTL + extra)

    assert result.outcome is CodeOutcome.EXPIRED
    assert result.expires_at == START + CODE_TTL


@given(codes, st.integers(MAX_ATTEMPTS, 10**6), seconds)
def test_used_up_code_is_refused_even_when_right(
    code: str, attempts: int, after: timedelta
) -> None:
    stored = hash_code(code, secret=SECRET, context=CONTEXT)

    result = check(stored, code, attempts=attempts, after=after)

    assert result.outcome is CodeOutcome.TOO_MANY_ATTEMPTS
    assert result.attempts_left == 0


@given(st.text(max_size=60))
def test_any_typed_text_gets_an_outcome_and_never_raises(typed: str) -> None:
    stored = hash_code("123456", secret=SECRET, context=CONTEXT)

    result = check(stored, typed)

    assert result.outcome in {CodeOutcome.OK, CodeOutcome.WRONG, CodeOutcome.MALFORMED}
    assert (result.outcome is CodeOutcome.MALFORMED) == (normalize_code(typed) is None)


def test_five_failures_lock_for_15_minutes_and_each_further_one_doubles_up_to_a_day() -> None:
    minute = timedelta(minutes=1)
    failures = [START + index * minute for index in range(4)]
    assert not sign_in_lockout(failures, START + 4 * minute).locked

    failures.append(START + 4 * minute)
    lockout = sign_in_lockout(failures, START + 5 * minute)
    assert lockout.locked and lockout.failures == 5
    assert lockout.until == START + 4 * minute + timedelta(minutes=15)

    assert DEFAULT_LOCKOUT.lock_for(6) == timedelta(minutes=30)
    assert DEFAULT_LOCKOUT.lock_for(7) == timedelta(hours=1)
    assert DEFAULT_LOCKOUT.lock_for(12) == timedelta(hours=24)
    assert DEFAULT_LOCKOUT.lock_for(10**6) == timedelta(hours=24)

    later = sign_in_lockout(failures, START + 4 * minute + timedelta(minutes=15))
    assert not later.locked and later.until is None


failure_lists = st.lists(seconds.map(lambda delta: START + delta), max_size=30)
policies = st.builds(
    LockoutPolicy,
    threshold=st.integers(1, 10),
    first_lock=st.integers(1, 120).map(lambda value: timedelta(minutes=value)),
    max_lock=st.integers(1, 48).map(lambda value: timedelta(hours=value)),
    window=st.integers(1, 72).map(lambda value: timedelta(hours=value)),
)


@given(failure_lists, seconds, policies)
def test_lockout_needs_enough_recent_failures_and_never_exceeds_the_cap(
    failures: list[datetime], after: timedelta, policy: LockoutPolicy
) -> None:
    now = START + after
    lockout = sign_in_lockout(failures, now, policy)
    counted = recent_failures(failures, now, policy)

    assert lockout.failures == len(counted)
    if len(counted) < policy.threshold:
        assert not lockout.locked
    if lockout.locked:
        assert lockout.until is not None and now < lockout.until
        assert lockout.until - max(counted) <= max(policy.max_lock, policy.first_lock)


@given(failure_lists, seconds, seconds, policies)
def test_once_unlocked_sign_in_stays_unlocked_without_new_failures(
    failures: list[datetime], first: timedelta, wait: timedelta, policy: LockoutPolicy
) -> None:
    earlier = sign_in_lockout(failures, START + first, policy)
    later = sign_in_lockout(failures, START + first + wait, policy)

    if not earlier.locked:
        assert not later.locked
    if later.locked:
        assert earlier.locked and earlier.until is not None and earlier.until >= later.until


@given(failure_lists, seconds, st.randoms())
def test_order_of_failures_does_not_matter(failures: list[datetime], after: timedelta, rnd) -> None:
    shuffled = list(failures)
    rnd.shuffle(shuffled)

    assert sign_in_lockout(failures, START + after) == sign_in_lockout(shuffled, START + after)


@given(st.integers(0, 60), st.integers(0, 60))
def test_more_failures_never_shorten_the_lock(fewer: int, extra: int) -> None:
    assert DEFAULT_LOCKOUT.lock_for(fewer) <= DEFAULT_LOCKOUT.lock_for(fewer + extra)
