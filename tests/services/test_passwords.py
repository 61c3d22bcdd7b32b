"""Password hashing (argon2id) and the strength check that names the weakness, not the words."""

from __future__ import annotations

import asyncio
import threading
import unicodedata

import pytest
from argon2 import PasswordHasher
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.accounts import passwords
from bot.services.accounts.errors import Weakness, WeakPassword
from bot.services.accounts.passwords import (
    MAX_LENGTH,
    MIN_LENGTH,
    check_strength,
    check_strength_async,
    hash_password,
    hash_password_async,
    needs_rehash,
    verify_password,
    verify_password_async,
)

# A cheap hasher keeps the suite fast; one test checks the real default parameters.
CHEAP = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
BUYER = ["Ivan Petrov", "ivan.petrov@mail.ru"]


def test_hash_is_argon2id_salted_and_verifies_only_the_same_password() -> None:
    first = hash_password("Sunny-Otter-Piano-42", CHEAP)
    second = hash_password("Sunny-Otter-Piano-42", CHEAP)

    assert first.startswith("$argon2id$")
    assert first != second  # a fresh salt every time
    assert "Sunny" not in first
    assert verify_password(first, "Sunny-Otter-Piano-42", CHEAP).matches
    assert not verify_password(first, "sunny-otter-piano-42", CHEAP).matches


def test_password_typed_composed_or_decomposed_is_the_same_password() -> None:
    composed = "Café-Ёлка-2024!"
    stored = hash_password(composed, CHEAP)

    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert verify_password(stored, decomposed, CHEAP).matches
    assert verify_password(stored, "Café-Ёлка-２０２４!", CHEAP).matches  # full-width digits


def test_unknown_account_never_matches_yet_costs_one_verification() -> None:
    assert verify_password(None, "anything at all", CHEAP).matches is False
    assert verify_password(None, "", CHEAP).matches is False


def test_unreadable_stored_hash_refuses_the_sign_in_instead_of_raising() -> None:
    assert verify_password("not-a-hash", "Sunny-Otter-Piano-42", CHEAP).matches is False
    assert needs_rehash("not-a-hash", CHEAP)


def test_hash_made_with_weaker_parameters_asks_for_a_rehash_at_sign_in() -> None:
    old = hash_password("Sunny-Otter-Piano-42", CHEAP)

    result = verify_password(old, "Sunny-Otter-Piano-42")  # today's default parameters

    assert result.matches and result.needs_rehash
    fresh = hash_password("Sunny-Otter-Piano-42")
    assert "m=65536,t=3,p=4" in fresh
    assert not needs_rehash(fresh)
    assert verify_password(fresh, "Sunny-Otter-Piano-42") == passwords.PasswordVerification(True)


@pytest.mark.parametrize(
    ("password", "inputs", "problem"),
    [
        ("Ab1!", [], Weakness.TOO_SHORT),
        ("password", [], Weakness.COMMON_PASSWORD),
        ("qwertyuiop", [], Weakness.COMMON_PASSWORD),
        ("пароль2024", [], Weakness.COMMON_PASSWORD),
        ("jennifer", [], Weakness.COMMON_WORD),
        ("ivanpetrov1990", BUYER, Weakness.PERSONAL_INFO),
        ("ivan.petrov@mail.ru", BUYER, Weakness.PERSONAL_INFO),
        ("abcdefgh123", [], Weakness.SEQUENCE),
        ("aaaaaaaaaaaa", [], Weakness.REPEAT),
        ("01.02.1990x", [], Weakness.DATE),
        ("zxcvbnm,./", [], Weakness.KEYBOARD_PATTERN),
        ("йцукен12", [], Weakness.KEYBOARD_PATTERN),
    ],
)
def test_weak_password_is_refused_with_a_reason_the_bot_can_translate(
    password: str, inputs: list[str], problem: Weakness
) -> None:
    with pytest.raises(WeakPassword) as refused:
        check_strength(password, inputs)

    assert refused.value.weakness is problem


@pytest.mark.parametrize(
    "password",
    ["correct horse battery staple", "Sunny-Otter-Piano-42", "ivan likes green tea in winter"],
)
def test_strong_passwords_and_passphrases_are_accepted(password: str) -> None:
    score = check_strength(password, BUYER)  # no WeakPassword raised

    assert score >= 3


def test_length_limits_are_given_with_the_refusal() -> None:
    with pytest.raises(WeakPassword) as short:
        check_strength("x7#Kq9!", [])
    assert (short.value.weakness, short.value.limit) == (Weakness.TOO_SHORT, MIN_LENGTH)

    longest = ("Sunny-Otter-Piano-42-" * 7)[:MAX_LENGTH]
    assert check_strength(longest) >= 3  # accepted: no WeakPassword raised

    with pytest.raises(WeakPassword) as too_long:
        check_strength(longest + "x")
    assert (too_long.value.weakness, too_long.value.limit) == (Weakness.TOO_LONG, MAX_LENGTH)


@settings(max_examples=60, deadline=None)
@given(
    st.text(max_size=150),
    st.lists(st.one_of(st.none(), st.text(max_size=40)), max_size=3),
)
def test_any_text_gets_a_score_and_a_consistent_verdict(password: str, inputs: list) -> None:
    try:
        score = check_strength(password, inputs)
    except WeakPassword as refused:  # refused always with a reason
        assert 0 <= refused.score <= 4
        assert refused.weakness in Weakness
    else:
        assert 0 <= score <= 4
        assert MIN_LENGTH <= len(unicodedata.normalize("NFKC", password)) <= MAX_LENGTH


async def test_async_wrappers_run_the_work_in_another_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[int] = []
    real_hash = passwords.hash_password

    def recording_hash(password: str, hasher: PasswordHasher | None = None) -> str:
        seen.append(threading.get_ident())
        return real_hash(password, hasher)

    monkeypatch.setattr(passwords, "hash_password", recording_hash)

    stored = await hash_password_async("Sunny-Otter-Piano-42", CHEAP)

    assert seen and seen[0] != threading.get_ident()
    assert (await verify_password_async(stored, "Sunny-Otter-Piano-42", CHEAP)).matches
    assert not (await verify_password_async(None, "Sunny-Otter-Piano-42", CHEAP)).matches


async def test_checks_running_at_once_never_see_each_others_names() -> None:
    # zxcvbn keeps the user inputs of a check in a global; the same password is personal for
    # Ivan and fine for anyone else, whatever runs alongside.
    checks = [
        check_strength_async("ivanpetrov1990", BUYER if index % 2 else ["Olga Smirnova"])
        for index in range(16)
    ]

    results = await asyncio.gather(*checks, return_exceptions=True)

    for index, outcome in enumerate(results):
        if index % 2:
            assert isinstance(outcome, WeakPassword)
            assert outcome.weakness is Weakness.PERSONAL_INFO
        else:
            assert isinstance(outcome, int)  # accepted
